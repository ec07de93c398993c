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
  /** For `fail_function`: the error-injectable function that failed; for a fault at a fault point (`shouldFailAt`), the point's name (`fs.open`); `null` otherwise. */
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

/**
 * The core loaded in a thread: written when the core first loads there (once per process and per
 * worker thread, whatever number of copies of the core it loads), before the boot configuration
 * applies, so that a tool can tell a command that never loaded the core from one that loaded it and
 * did nothing.
 */
export interface LoadedReportRecord {
  readonly event: 'loaded';
  /** The process. */
  readonly pid: number;
  /** The thread: 0 for the main thread, a worker's `threadId` otherwise. */
  readonly threadId: number;
  /** The version of the core that loaded first (`unknown` when its package.json cannot be read). */
  readonly version: string;
}

/**
 * The thread is exiting (its `exit` event: not written when a signal kills the process), with the
 * functions armed then, so that a tool can tell a run that armed nothing from one whose armed
 * functions were never called.
 */
export interface ExitReportRecord {
  readonly event: 'exit';
  /** The process. */
  readonly pid: number;
  /** The thread: 0 for the main thread, a worker's `threadId` otherwise. */
  readonly threadId: number;
  /** The functions armed as it exits, as `fail_function/inject` lists them. */
  readonly armed: readonly string[];
  /** Whether `fail_function/inject=*` was on, arming every function as it is marked. */
  readonly armAll: boolean;
}

/** One line of the fault report file. Readers skip the events they do not know: more may come. */
export type ReportRecord = FaultReportRecord | CrashReportRecord | MarkedReportRecord | LoadedReportRecord | ExitReportRecord;
