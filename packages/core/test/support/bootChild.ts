import { spawnSync } from 'node:child_process';

/**
 * Loading the built core in a fresh Node.js process with a given `ERRINJECT`, as an application does
 * (`require('@errinject/core')`), for the boot cases the test process cannot run: the variable is read
 * once, at the first load, and `off` cannot be undone. Unlike test/inject/childProcess's `runChild`,
 * a child that fails to load is an outcome to look at, not an error: the status, the signal and
 * everything it printed come back.
 */

/** The built package, as the child requires it (packages/core/dist, built by `tsc -b`). */
export const BUILT_CORE = require.resolve('@errinject/core');

/** What a child did. */
export interface BootChildResult {
  /** Its exit status (`null` when a signal ended it). */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** What the body assigned to `out`, or `undefined` when the child never got to print it. */
  readonly out: Record<string, unknown> | undefined;
}

/**
 * Loads the core in a child with `ERRINJECT` set, then runs `body` with `core` bound to the package,
 * `out` an object printed as JSON at the end, and `codeOf(fn)` giving `'ok'` or what `fn` threw
 * (its `code`, or its name and message when it has none).
 *
 * @param errinject - the variable's value (at most 128 KiB: the kernel's limit on one environment string)
 * @param body - statements that assign to `out`
 */
export function loadCoreInChild(errinject: string, body = ''): BootChildResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ERRINJECT: errinject };
  for (const name of ['ERRINJECT_SEED', 'ERRINJECT_REPORT', 'ERRINJECT_CONTROL', 'NODE_OPTIONS']) delete env[name];
  const script = [
    `const core = require(${JSON.stringify(BUILT_CORE)});`,
    'const out = {};',
    'const codeOf = (fn) => { try { fn(); return "ok"; } catch (e) { return (e && e.code) || String(e && e.name) + ": " + String(e && e.message); } };',
    body,
    'process.stdout.write(JSON.stringify(out));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 20000, maxBuffer: 64 * 1024 * 1024 });
  // The child could not be started or was cut short by the harness (E2BIG for an environment string over 128 KiB, ETIMEDOUT): the test's fault, not the core's.
  if (child.error !== undefined) throw new Error(`the child could not run: ${child.error.message}`);
  let out: Record<string, unknown> | undefined;
  try {
    out = JSON.parse(child.stdout) as Record<string, unknown>;
  } catch {
    out = undefined;
  }
  return { status: child.status, signal: child.signal, stderr: child.stderr, out };
}
