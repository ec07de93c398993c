import { runSweep } from './runSweep';
import type { SweepReport, SweepSyncOptions } from './SweepReport';

/**
 * {@link sweep} for a synchronous function, returning the report itself: what a test runner needs
 * to name its cases while it collects them, and the cheapest sweep there is (no promise per run).
 *
 * @param fn - the function to sweep; it must not return a promise
 * @param options - `mode`, `inject`, `retval`, `max` (default 10000; it bounds n), `shard` and a synchronous `check`
 * @returns the report
 * @throws ErrInjectError as {@link sweep} rejects, EBUSY while another sweep runs (it cannot wait for
 * it: `await sweep(...)` does), and ERR_INVALID_ARG_VALUE when `fn` or `check` returns a promise
 */
export function sweepSync<T>(fn: () => T, options: SweepSyncOptions<T> = {}): SweepReport<T> {
  return runSweep<T>('sweepSync', fn, options) as SweepReport<T>;
}
