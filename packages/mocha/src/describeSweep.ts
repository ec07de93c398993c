/// <reference types="mocha" preserve="true" />
import { sweep, type SweepOptions, type SweepReport, type SweepRun, type SweepShard } from '@errinject/core';
import { caseTitle } from './caseTitle';
import { environmentShard } from './environmentShard';
import { MochaSweepError } from './MochaSweepError';

/** What {@link describeSweep} is told: the sweep's options, and how its cases judge a run. */
export interface DescribeSweepOptions<T> extends SweepOptions<T> {
  /**
   * Whether a run whose function threw (or rejected) passes. Default false: a throw on an error path
   * fails its case, with the error. Set it for functions that report failures by throwing, and let
   * `check` judge what they threw.
   */
  readonly allowThrow?: boolean;
  /** The timeout of the hook that runs the whole sweep, in ms (mocha's `this.timeout`); default: the suite's. */
  readonly timeout?: number;
  /**
   * One shard of the sweep, `{ index, count }`: only its runs with n ≡ index (mod count), as the core's
   * `sweep` makes them. Default: `ERRINJECT_SHARD=index/count` from the environment, as a CI matrix
   * sets it, or, unset or empty, the whole sweep.
   */
  readonly shard?: SweepShard;
}

/** `describe`, `describe.only` or `describe.skip`. */
type Describe = (title: string, fn: (this: Mocha.Suite) => void) => Mocha.Suite;

const OWN_KEYS = ['allowThrow', 'timeout'];

function bdd(): { readonly it: Mocha.TestFunction; readonly before: Mocha.HookFunction; readonly describe: Mocha.SuiteFunction } {
  const scope = globalThis as { it?: unknown; before?: unknown; describe?: unknown };
  if (typeof scope.describe !== 'function' || typeof scope.it !== 'function' || typeof scope.before !== 'function') {
    throw new MochaSweepError(
      'ERR_NO_MOCHA',
      "describeSweep: mocha's BDD interface (describe, it, before) is not loaded; call it from a spec file that mocha runs with its default interface",
    );
  }
  return scope as { it: Mocha.TestFunction; before: Mocha.HookFunction; describe: Mocha.SuiteFunction };
}

function checkArguments(title: unknown, fn: unknown, options: unknown): void {
  if (typeof title !== 'string') throw new MochaSweepError('ERR_INVALID_ARG_TYPE', `describeSweep: title must be a string, got ${typeof title}`);
  if (typeof fn !== 'function') throw new MochaSweepError('ERR_INVALID_ARG_TYPE', `describeSweep: fn must be a function, got ${typeof fn}`);
  if (typeof options !== 'object' || options === null) {
    throw new MochaSweepError('ERR_INVALID_ARG_TYPE', `describeSweep: options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  const { allowThrow, timeout } = options as DescribeSweepOptions<unknown>;
  if (allowThrow !== undefined && typeof allowThrow !== 'boolean') {
    throw new MochaSweepError('ERR_INVALID_ARG_TYPE', `describeSweep: options.allowThrow must be a boolean, got ${typeof allowThrow}`);
  }
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout >= 0)) {
    throw new MochaSweepError('ERR_INVALID_ARG_VALUE', `describeSweep: options.timeout must be a number of ms, 0 or more (0: none), got ${String(timeout)}`);
  }
}

/** What a run's case asserts: the function returned, or threw when throws are allowed, and the check passed. */
function judge(run: SweepRun<unknown>, allowThrow: boolean): void {
  const outcome = run.outcome;
  if (outcome.kind === 'check-failed') throw outcome.error;
  if (outcome.kind === 'threw' && !allowThrow) throw outcome.error;
}

function sweepOptionsOf<T>(options: DescribeSweepOptions<T>): SweepOptions<T> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !OWN_KEYS.includes(key))) as SweepOptions<T>;
}

/**
 * The sweep's options with its shard: `options.shard` when given (the core checks it), else
 * `ERRINJECT_SHARD`'s; or the error of a malformed `ERRINJECT_SHARD`, for the hook to fail with.
 */
function withShard<T>(options: SweepOptions<T>): SweepOptions<T> | MochaSweepError {
  if (options.shard !== undefined) return options;
  let shard: SweepShard | undefined;
  try {
    shard = environmentShard();
  } catch (error) {
    return error as MochaSweepError;
  }
  return shard === undefined ? options : { ...options, shard };
}

/** Why the summary case fails: `max` stopped the sweep (or its shard) before a run injected nothing. */
function stoppedAtMax(report: SweepReport<unknown>): string {
  const { shard, runs } = report;
  if (shard === undefined) {
    return `the sweep stopped at max = ${runs.length} runs with a fault injected in each: more fault points may lie beyond; raise options.max`;
  }
  const first = runs[0];
  const last = runs[runs.length - 1];
  const which = first === undefined || last === undefined ? 'none: its first n is past max' : `n = ${first.n} to ${last.n}`;
  return `shard ${shard.index}/${shard.count} stopped at max (which bounds n) with a fault injected in each of its ${runs.length} runs (${which}): more fault points may lie beyond; raise options.max`;
}

/** The summary case's title once the sweep ran. */
function summaryTitle(report: SweepReport<unknown>): string {
  const of = report.shard === undefined ? '' : ` of shard ${report.shard.index}/${report.shard.count}`;
  return `sweeps every fault point${of}: ${report.faultPoints} found in ${report.runs.length} runs${report.complete ? '' : ' (stopped at max)'}`;
}

function define<T>(describeFn: Describe, title: string, fn: () => T, options: DescribeSweepOptions<Awaited<T>>): Mocha.Suite {
  const { it, before } = bdd();
  const allowThrow = options.allowThrow ?? false;
  const { timeout } = options;
  // Read when the suite is declared, as the matrix job set it; a malformed value fails the hook.
  const sweepOptions = withShard(sweepOptionsOf(options));
  return describeFn(title, function (this: Mocha.Suite) {
    const suite = this;
    let report: SweepReport<Awaited<T>> | undefined;
    // Mocha collects tests synchronously, and skips a suite that has none: this case is there from
    // the start, and says how far the sweep went once it ran.
    const summary = it('sweeps every fault point', () => {
      const done = report as SweepReport<Awaited<T>>;
      if (!done.complete) throw new Error(stoppedAtMax(done));
    });
    before(async function () {
      if (timeout !== undefined) this.timeout(timeout);
      if (sweepOptions instanceof MochaSweepError) throw sweepOptions;
      report = await sweep(fn, sweepOptions);
      summary.title = summaryTitle(report);
      // The runner copies a suite's tests after its before hooks, so cases added here run. Their class
      // is the summary's: the mocha that runs this file, whichever copy that is.
      const Test = summary.constructor as typeof Mocha.Test;
      for (const run of report.runs) suite.addTest(new Test(caseTitle(run), () => judge(run, allowThrow)));
    });
  });
}

/**
 * Declares a mocha suite that sweeps `fn` over its fault points (the core's `sweep`) and gives each
 * run a test case of its own, named after its fault point (`n=3: Store.open fails at
 * src/store.ts:12:5`), so that a failing case says which failure the code does not survive. A case
 * fails when its run threw (unless `allowThrow`) or its `check` threw. The sweep runs once, in the
 * suite's `before` hook, and the cases are added then; a first case, there from the start because
 * mocha skips a suite without tests, fails when `max` stopped the sweep before it reached every fault
 * point. Call it where `describe` could be called; `--grep` sees the cases only when it also matches
 * that first case (the suite's title, say). With `options.shard`, or else `ERRINJECT_SHARD=i/N` in the
 * environment, it makes only shard i of N of the sweep (the runs with n ≡ i mod N, under their real
 * n), and the first case names the shard.
 *
 * @param title - the suite's title
 * @param fn - the function to sweep, synchronous or async
 * @param options - the sweep's options (`mode`, `inject`, `retval`, `max`, `shard`, `check`), and
 * `allowThrow` and `timeout`
 * @returns the suite
 * @throws MochaSweepError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE for bad arguments, ERR_NO_MOCHA
 * outside a spec file run by mocha; the sweep's own refusals, and a malformed `ERRINJECT_SHARD`
 * (MochaSweepError ERR_INVALID_ARG_VALUE), fail the hook
 */
export function describeSweep<T>(title: string, fn: () => T, options: DescribeSweepOptions<Awaited<T>> = {}): Mocha.Suite {
  checkArguments(title, fn, options);
  return define(bdd().describe, title, fn, options);
}

/**
 * {@link describeSweep} with `describe.only`.
 *
 * @param title - the suite's title
 * @param fn - the function to sweep
 * @param options - as for {@link describeSweep}
 * @returns the suite
 * @throws MochaSweepError as {@link describeSweep}
 */
describeSweep.only = function only<T>(title: string, fn: () => T, options: DescribeSweepOptions<Awaited<T>> = {}): Mocha.Suite {
  checkArguments(title, fn, options);
  return define(bdd().describe.only, title, fn, options);
};

/**
 * {@link describeSweep} with `describe.skip`: the suite is pending and nothing is swept.
 *
 * @param title - the suite's title
 * @param fn - the function that would be swept
 * @param options - as for {@link describeSweep}
 * @returns the suite
 * @throws MochaSweepError as {@link describeSweep}
 */
describeSweep.skip = function skip<T>(title: string, fn: () => T, options: DescribeSweepOptions<Awaited<T>> = {}): Mocha.Suite {
  checkArguments(title, fn, options);
  return define(bdd().describe.skip as Describe, title, fn, options);
};
