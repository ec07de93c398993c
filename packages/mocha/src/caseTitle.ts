import { relativeSite, type SweepRun } from '@errinject/core';

/**
 * The title of a run's test case, naming its fault point: `n=3: Store.open fails at
 * src/store.ts:12:5`, or, for the run that ends the sweep, `n=4: no fault injected`.
 *
 * @param run - the run
 * @param cwd - the working directory, which sites are shown relative to
 * @returns the title
 */
export function caseTitle(run: SweepRun<unknown>, cwd: string = process.cwd()): string {
  if (!run.injected) return `n=${run.n}: no fault injected (every fault point was reached)`;
  const what = run.function ?? run.capability;
  return `n=${run.n}: ${what} fails${run.site === undefined ? '' : ` at ${relativeSite(run.site, cwd)}`}`;
}
