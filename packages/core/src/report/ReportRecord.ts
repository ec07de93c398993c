/**
 * The records of the fault report file (`ERRINJECT_REPORT`), one JSON object a line. Tools that run
 * a program under faults (failcmd, sweeps over a whole command) read them back.
 */

/** An injected fault, of any capability. */
export interface FaultReportRecord {
  readonly event: 'fault';
  /** The process that injected it. */
  readonly pid: number;
  /** The capability (`fail_function`, or a capability of `declareFaultAttr`). */
  readonly capability: string;
  /** For `fail_function`: the error-injectable function that failed; `null` for other capabilities. */
  readonly function: string | null;
  /**
   * The caller's call site, `/abs/file.js:12:5`: the first frame outside errinject and outside the
   * injectable's wrapper (through the source map when the process keeps them); `null` when the
   * caller has no file position.
   */
  readonly site: string | null;
}

/** The process is dying of an uncaught exception or an unhandled rejection. */
export interface CrashReportRecord {
  readonly event: 'crash';
  /** The process that crashed. */
  readonly pid: number;
  /** What Node.js reported it as. */
  readonly origin: 'uncaughtException' | 'unhandledRejection';
  /** The error's message (or the thrown value as a string, when it is no Error). */
  readonly message: string;
  /** The error's stack (or the message, when it has none). */
  readonly stack: string;
}

/**
 * A function marked error-injectable, written as it is marked, so that a sweep that arms every function
 * (`fail_function/inject=*`) can say which it armed, also for a process a signal killed.
 */
export interface MarkedReportRecord {
  readonly event: 'marked';
  /** The process. */
  readonly pid: number;
  /** The thread that marked it: 0 for the main thread, a worker's `threadId` otherwise. */
  readonly threadId: number;
  /** The function as `fail_function/injectable` lists it (one a record). */
  readonly functions: ReadonlyArray<{ readonly name: string; readonly type: string }>;
}

/** One line of the fault report file. */
export type ReportRecord = FaultReportRecord | CrashReportRecord | MarkedReportRecord;
