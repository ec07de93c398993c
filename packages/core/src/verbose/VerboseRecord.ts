/** A record of one injected fault, as `fail_dump` in `lib/fault-inject.c` prints it. */
export interface FaultRecord {
  readonly kind: 'fault';
  /** The capability's name. */
  readonly capability: string;
  /**
   * `interval` at the moment of the fault. A number, so that records serialise as JSON; above 2^53
   * it is rounded here (`text` and the control tree stay exact).
   */
  readonly interval: number;
  /** `probability` at the moment of the fault, a number as `interval` is. */
  readonly probability: number;
  /** `space` at the moment of the fault. */
  readonly space: number;
  /** `times` before this fault's decrement, as the kernel prints it. */
  readonly times: number;
  /** The caller's stack (verbose 2), one frame a line, innermost first; `undefined` at verbose 1. */
  readonly stack: string | undefined;
  /** The record as the kernel prints it, ending with a newline. */
  readonly text: string;
}

/** The rate limiter's report of records it held back (`"fail_dump: N callbacks suppressed"`). */
export interface SuppressedRecord {
  readonly kind: 'suppressed';
  /** The capability whose records were held back. */
  readonly capability: string;
  /** How many records were suppressed since the last report. */
  readonly missed: number;
  /** The report as the kernel prints it, ending with a newline. */
  readonly text: string;
}

/** What the verbose sink receives. */
export type VerboseRecord = FaultRecord | SuppressedRecord;

/** Where verbose records go. The default writes `record.text` to stderr. */
export type VerboseSink = (record: VerboseRecord) => void;
