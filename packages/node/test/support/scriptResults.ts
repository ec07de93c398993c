import { expect } from 'chai';
import type { ScriptRun } from './armedScript';

/**
 * The results of a script that ran clean (exit status 0, nothing on standard error): its output
 * lines, each an object of one or more results, merged into one object.
 *
 * @param run - the script's run
 * @returns the results by name
 */
export function scriptResults(run: ScriptRun): Record<string, unknown> {
  expect(run.lines.filter((line) => typeof line === 'object' && line !== null && 'crash' in line)).to.deep.equal([]);
  expect(run.stderr).to.equal('');
  expect(run.status).to.equal(0);
  return Object.assign({}, ...(run.lines as object[])) as Record<string, unknown>;
}
