import { type CheckedRun, type SweepOutcome, type SweepReport, type SweepShard, sweep, sweepSync } from '../../src/index';
import { type Equal, expectType } from '../types/typeAssertions';

/** Never called: these statements are checked by the compiler only. */
export function sweepTypes(): void {
  // An async function's report holds what its promise resolves to.
  const pending = sweep(async () => 42);
  expectType<Equal<typeof pending, Promise<SweepReport<number>>>>(true);

  // A synchronous function through sweep: the same report, in a promise.
  const fromSync = sweep(() => 'text');
  expectType<Equal<typeof fromSync, Promise<SweepReport<string>>>>(true);

  // sweepSync gives the report itself.
  const report = sweepSync(() => [1, 2]);
  expectType<Equal<typeof report, SweepReport<number[]>>>(true);
  const outcome = (report.runs[0] as (typeof report.runs)[number]).outcome;
  expectType<Equal<typeof outcome, SweepOutcome<number[]>>>(true);
  if (outcome.kind === 'returned') expectType<Equal<typeof outcome.value, number[]>>(true);
  if (outcome.kind === 'check-failed') expectType<Equal<typeof outcome.error, unknown>>(true);

  // check sees the run before the check: returned or threw, with the function's value type.
  void sweep(async () => true, {
    check: (run) => {
      expectType<Equal<typeof run, CheckedRun<boolean>>>(true);
      if (run.outcome.kind === 'returned') expectType<Equal<typeof run.outcome.value, boolean>>(true);
    },
  });
  // An async check is fine for sweep. (sweepSync's check returns void, which TypeScript lets an async
  // function satisfy: sweepSync refuses the promise when it runs.)
  void sweep(() => 0, { check: async () => {} });

  // Options are checked.
  // @ts-expect-error no such mode
  void sweep(() => 0, { mode: 'always' });
  // @ts-expect-error inject is a list of names
  void sweep(() => 0, { inject: 'Store.open' });
  // A shard is { index, count }, and the report says which one it is.
  void sweepSync(() => 0, { shard: { index: 2, count: 4 } });
  expectType<Equal<typeof report.shard, SweepShard | undefined>>(true);
  // @ts-expect-error a shard is { index, count }, not failcmd's 'i/N'
  void sweep(() => 0, { shard: '2/4' });
  // @ts-expect-error a shard has a count
  void sweep(() => 0, { shard: { index: 2 } });
  // @ts-expect-error retval values are numbers or strings
  void sweep(() => 0, { retval: { 'Store.open': true } });
  // @ts-expect-error the function takes no arguments
  void sweep((n: number) => n);
}
