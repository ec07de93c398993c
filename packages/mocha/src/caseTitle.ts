import { isAbsolute, relative } from 'node:path';
import type { SweepRun } from '@errinject/core';

/**
 * A call site as a test title shows it: relative to the working directory when it lies inside it.
 *
 * @param site - `/abs/file.ts:12:5`
 * @param cwd - the working directory
 * @returns `src/file.ts:12:5`, or the site as it is
 */
export function shortSite(site: string, cwd: string): string {
  const match = /^(.*)(:\d+:\d+)$/.exec(site);
  if (match === null) return site;
  const file = match[1] as string;
  const path = relative(cwd, file);
  return path.startsWith('..') || isAbsolute(path) ? site : `${path}${match[2] as string}`;
}

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
  return `n=${run.n}: ${what} fails${run.site === undefined ? '' : ` at ${shortSite(run.site, cwd)}`}`;
}
