import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs real mocha in a child process on spec files written for the test, with the JSON reporter,
 * as a user's project would run describeSweep.
 */

/** The built helper, as the spec files require it. */
export const HELPER = join(__dirname, '..', '..', 'dist', 'index.js');
/** The built core, as the spec files require it. */
export const CORE = require.resolve('@errinject/core');
/** mocha's command. */
const MOCHA = require.resolve('mocha/bin/mocha.js');

/** One test as mocha's JSON reporter lists it. */
export interface JsonTest {
  readonly title: string;
  readonly fullTitle: string;
  readonly err: { readonly message?: string; readonly stack?: string };
}

/** What mocha's JSON reporter prints. */
export interface JsonReport {
  readonly stats: { readonly tests: number; readonly passes: number; readonly failures: number; readonly pending: number };
  readonly tests: readonly JsonTest[];
  readonly failures: readonly JsonTest[];
  readonly passes: readonly JsonTest[];
  readonly pending: readonly JsonTest[];
}

/** A finished mocha run. */
export interface MochaRun {
  readonly status: number | null;
  readonly report: JsonReport;
  readonly stderr: string;
}

/**
 * Writes `spec.js` (its first lines bind `core` and `describeSweep`) into `dir` and runs mocha on it.
 *
 * @param dir - a fresh directory, the child's working directory
 * @param lines - the spec file's body
 * @param args - more mocha arguments
 * @param environment - more environment variables for the child (`ERRINJECT_SHARD`)
 */
export function runMocha(dir: string, lines: readonly string[], args: readonly string[] = [], environment: NodeJS.ProcessEnv = {}): MochaRun {
  mkdirSync(dir, { recursive: true });
  const spec = join(dir, 'spec.js');
  writeFileSync(
    spec,
    [`const core = require(${JSON.stringify(CORE)});`, `const { describeSweep } = require(${JSON.stringify(HELPER)});`, ...lines].join('\n'),
  );
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['NODE_OPTIONS'];
  delete env['ERRINJECT'];
  // A CI job of this repository's own may set it; these runs shard only when a test says so.
  delete env['ERRINJECT_SHARD'];
  Object.assign(env, environment);
  const child = spawnSync(process.execPath, [MOCHA, '--no-config', '--reporter', 'json', ...args, spec], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 30000,
  });
  let report: JsonReport;
  try {
    report = JSON.parse(child.stdout) as JsonReport;
  } catch {
    throw new Error(`mocha printed no JSON (status ${String(child.status)}):\n${child.stdout}\n${child.stderr}`);
  }
  return { status: child.status, report, stderr: child.stderr };
}
