import { runSweep } from './runSweep';
import type { SweepOptions, SweepReport } from './SweepReport';

/**
 * Sweeps a function over its fault points, the kernel documentation's fail-nth loop made
 * systematic: runs `fn` again and again, each run in a task of its own (`runTask`) with fail-nth
 * n = 1, 2, 3..., with the chosen error-injectable functions armed (every one by default), until a
 * run injects no fault (its call count fell short of n: every fault point was reached) or n passes
 * `max`. With `shard: { index, count }` it makes one shard of that sweep, as the jobs of a CI matrix
 * split it: only the runs whose n ≡ index (mod count), each under its real n, up to the same `max`,
 * stopping at the first of them that injects nothing. In `'once'` mode only the n-th call fails; in
 * `'persist'` mode the n-th and every later call
 * of an armed function in that task. Each run is recorded with the function that failed and its
 * caller's call site, and what `fn` did: a throw or a rejection is the run's outcome, not the
 * sweep's failure. `options.check` runs after each run to check invariants.
 *
 * While it runs, the sweep takes `fail_function` over (its armed set and knobs: `'once'` leaves
 * probability at 0, so that nothing fails outside the runs' tasks) and puts everything back
 * afterwards, also when something throws. Calls of other capabilities in the run's task count
 * towards fail-nth as well, as in the kernel; calls in tasks `fn` starts (`runTask`) do not. One
 * sweep runs at a time in a process: a sweep started while another runs (two async `describe` bodies
 * under node:test, which runs them while it loads the file) waits for it to end, then runs.
 *
 * @param fn - the function to sweep, synchronous or async; called with no arguments
 * @param options - `mode`, `inject`, `retval`, `max` (default 10000; it bounds n), `shard` ({ index, count }: only the runs with n ≡ index mod count) and `check`
 * @returns a promise of the report: every run, `faultPoints`, the `shard`, and whether the sweep was `complete`
 * @throws (rejects with) ErrInjectError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE for bad options,
 * EBUSY when started from inside another sweep (its function or its check), which it would wait for
 * forever, EPERM under `ERRINJECT=off`, or the error of arming a function or writing a retval
 */
export function sweep<T>(fn: () => T, options: SweepOptions<Awaited<T>> = {}): Promise<SweepReport<Awaited<T>>> {
  try {
    return Promise.resolve(runSweep<Awaited<T>>('sweep', fn, options));
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
