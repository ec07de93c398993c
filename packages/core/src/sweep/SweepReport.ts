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

/**
 * A shard of a sweep, as `failcmd --sweep --shard index/count` names it: the runs whose fail-nth n is
 * congruent to `index` modulo `count` (n = index, index + count, index + 2 × count...), with
 * 1 ≤ index ≤ count, so that the `count` shards of a sweep, run side by side on the machines of a CI
 * matrix, make each run of the whole sweep exactly once.
 */
export interface SweepShard {
  /** Which shard, from 1 to `count`. */
  readonly index: number;
  /** How many shards the sweep is split into, from 1. */
  readonly count: number;
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
  /**
   * The largest fail-nth n to run (1 to 4294967295); default 10000: the most runs of a whole sweep. It
   * bounds n, not a shard's count of runs, so that the shards of a sweep make the runs the whole sweep
   * with the same `max` makes. A sweep that reaches it reports `complete: false`.
   */
  readonly max?: number;
  /**
   * Make only one shard of the sweep: the runs whose n ≡ `index` (mod `count`), stopping, as a whole
   * sweep does, at the first of them that injects nothing (every later n of a deterministic function
   * injects nothing either). Default: the whole sweep.
   */
  readonly shard?: SweepShard;
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
  /** The shard it made, `{ index, count }`; `undefined` for a whole sweep. */
  readonly shard: SweepShard | undefined;
  /**
   * Every run, from n = 1 (in a shard: n = index, index + count...), each with its real n; when
   * complete, the last one injected nothing.
   */
  readonly runs: readonly SweepRun<T>[];
  /** How many runs injected a fault: the calls that can fail on the function's path (in a shard: those of its runs). */
  readonly faultPoints: number;
  /** True when a run injected nothing (every fault point was reached); false when `max` stopped it. */
  readonly complete: boolean;
}
