/**
 * What a sweep is told and what it reports: plain data, one record per run.
 */

/**
 * How the n-th call fails:
 * - `'once'`: only the n-th call fails, the kernel's fail-nth;
 * - `'persist'`: the n-th call and every later call of an armed function in the run's task fail
 *   (its make-it-fail is set when the n-th call fails, with `fail_function` at probability 100 and
 *   task-filter Y for the sweep).
 */
export type SweepMode = 'once' | 'persist';

/** The run's function returned (or its promise resolved). */
export interface SweepReturned<T> {
  readonly kind: 'returned';
  readonly value: T;
}

/** The run's function threw (or its promise rejected). */
export interface SweepThrew {
  readonly kind: 'threw';
  readonly error: unknown;
}

/** What the run's function did. */
export type SweepResult<T> = SweepReturned<T> | SweepThrew;

/** The run's function did `result`, then `check` threw (or its promise rejected) with `error`. */
export interface SweepCheckFailed<T> {
  readonly kind: 'check-failed';
  readonly error: unknown;
  readonly result: SweepResult<T>;
}

/** The verdict of a run: what the function did, or that the check refused it. */
export type SweepOutcome<T> = SweepResult<T> | SweepCheckFailed<T>;

/** One run of the function: the run with fail-nth n. */
export interface SweepRun<T> {
  /** The run's fail-nth, from 1. */
  readonly n: number;
  /** Whether the n-th call happened, and failed; false for the run that ends the sweep. */
  readonly injected: boolean;
  /** The capability of the call that failed (`fail_function`, or one of `declareFaultAttr`'s); `undefined` when none did. */
  readonly capability: string | undefined;
  /** The error-injectable function that failed, for `fail_function`; otherwise `undefined`. */
  readonly function: string | undefined;
  /**
   * The caller's call site of the call that failed, `src/store.ts:12:5`: in the source the process
   * ran, through its source map where the process keeps them (`--enable-source-maps`, tsx) or a test
   * runner maps its stack traces (vitest, jest); relative to the working directory when the file lies
   * inside it, absolute otherwise; `undefined` when none failed or the caller has no file position.
   */
  readonly site: string | undefined;
  /** Faults injected in the run's task: 1 for an injected `'once'` run, 1 or more under `'persist'`. */
  readonly faults: number;
  /** What the run did. */
  readonly outcome: SweepOutcome<T>;
}

/** A run as `check` sees it: before the check, so its outcome is what the function did. */
export interface CheckedRun<T> extends SweepRun<T> {
  readonly outcome: SweepResult<T>;
}

/** What a sweep is told. */
export interface SweepOptions<T> {
  /** `'once'` (default) or `'persist'`. */
  readonly mode?: SweepMode;
  /**
   * The error-injectable functions to arm, by their names in `fail_function/injectable`. Default:
   * every one, and every one marked while the sweep runs (as `fail_function/inject=*` arms them). Other capabilities' calls count towards fail-nth whatever this says, as in the kernel.
   */
  readonly inject?: readonly string[];
  /** The `retval` of some armed functions, as written to `fail_function/<name>/retval` (`-12`, `'-ENOMEM'`). */
  readonly retval?: Readonly<Record<string, number | string>>;
  /** The most runs (1 to 4294967295); default 10000. A sweep that reaches it reports `complete: false`. */
  readonly max?: number;
  /**
   * Called after each run, outside the run's task, to check invariants; a throw or a rejection is
   * recorded as the run's outcome (`'check-failed'`).
   */
  readonly check?: (run: CheckedRun<T>) => void | PromiseLike<void>;
}

/** What {@link SweepOptions} is for `sweepSync`: `check` must be synchronous too. */
export interface SweepSyncOptions<T> extends Omit<SweepOptions<T>, 'check'> {
  /** As {@link SweepOptions.check}, synchronous. */
  readonly check?: (run: CheckedRun<T>) => void;
}

/** The report of a sweep. */
export interface SweepReport<T> {
  /** The mode it ran in. */
  readonly mode: SweepMode;
  /** The functions it armed, in the order given (or of `fail_function/injectable`, then as they were marked). */
  readonly inject: readonly string[];
  /** Every run, from n = 1; when complete, the last one injected nothing. */
  readonly runs: readonly SweepRun<T>[];
  /** How many runs injected a fault: the calls that can fail on the function's path. */
  readonly faultPoints: number;
  /** True when a run injected nothing (every fault point was reached); false when `max` stopped it. */
  readonly complete: boolean;
}
