import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Child processes for the cases that cannot run in the test process: `ERRINJECT` is read once, when
 * the core first loads, `off` cannot be undone, and some cases could break the process-global
 * control tree for every later test if the implementation got them wrong. The child requires the
 * built package (packages/core/dist, built by `npx tsc -b` at the repository root).
 */

/** The built package, as the child requires it. */
export const CORE = require.resolve('@errinject/core');

/** What a child printed. */
export interface ChildResult {
  /** What the body assigned to `out`. */
  readonly out: Record<string, unknown>;
  readonly stderr: string;
}

/** Registers a `before` hook on the calling block that checks the build exists. */
export function requireBuiltCore(): void {
  before(() => {
    expect(CORE, 'the package resolves to its build').to.match(/packages[/\\]core[/\\]dist[/\\]index\.js$/);
    expect(existsSync(CORE), `${CORE} exists (run npx tsc -b at the repository root)`).to.equal(true);
  });
}

/**
 * Runs `body` in a fresh Node.js process, with `core` bound to the package, `out` an object the
 * child prints as JSON at the end, and `codeOf(fn)` giving `'ok'` or the code `fn` threw.
 *
 * @param errinject - ERRINJECT for the child (unset when `undefined`)
 * @param body - statements that assign to `out`
 */
export function runChild(errinject: string | undefined, body: string): ChildResult {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['ERRINJECT'];
  delete env['ERRINJECT_SEED'];
  delete env['NODE_OPTIONS'];
  if (errinject !== undefined) env['ERRINJECT'] = errinject;
  const script = [
    `const core = require(${JSON.stringify(CORE)});`,
    'const out = {};',
    'const codeOf = (fn) => { try { fn(); return "ok"; } catch (e) { return e && e.code; } };',
    body,
    'process.stdout.write(JSON.stringify(out));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 15000 });
  if (child.status !== 0) {
    throw new Error(`child exited with ${String(child.status)} (${String(child.signal)}):\n${child.stderr}\n${child.stdout}`);
  }
  return { out: JSON.parse(child.stdout) as Record<string, unknown>, stderr: child.stderr };
}
