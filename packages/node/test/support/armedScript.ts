import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** `@errinject/node/register` as built: what a program loads with `--require`. */
export const REGISTER = path.resolve(__dirname, '../../../dist/register.js');

/** The core the register loads (the same module instance, by its real path). */
const CORE = require.resolve('@errinject/core');

/**
 * What every script starts with: `core` (the `@errinject/core` the capabilities use), `out(value)`
 * (one JSON line on standard output), `shape(error)` (an error's class, message and own fields in
 * order, a field holding an error shaped too, one holding the error itself as `'[itself]'`, and its `cause`) and `arm(knobs)` (debugfs writes, in order).
 */
const PRELUDE = `'use strict';
const core = require(${JSON.stringify(CORE)});
const out = (value) => process.stdout.write(JSON.stringify(value) + '\\n');
const shape = (error) => error === null || typeof error !== 'object' ? error : {
  class: error.constructor.name,
  message: error.message,
  fields: Object.keys(error).map((key) => [key, error[key] === error ? '[itself]' : error[key] instanceof Error ? shape(error[key]) : error[key]]),
  ...(error.cause !== undefined && !Object.keys(error).includes('cause') ? { cause: shape(error.cause) } : {}),
};
const arm = (knobs) => { for (const [knob, value] of Object.entries(knobs)) core.debugfs.write(knob, String(value)); };
`;

/** What a script run left. */
export interface ScriptRun {
  /** The exit status, or `null` when a signal ended it. */
  readonly status: number | null;
  /** Each line of standard output, parsed as JSON. */
  readonly lines: unknown[];
  readonly stderr: string;
  /** The directory the script ran in (removed after the run). */
  readonly dir: string;
}

/** How to run a script. */
export interface ScriptOptions {
  /** `ERRINJECT_NODE`: the capabilities loaded. */
  readonly capabilities: string;
  /** More environment: `ERRINJECT` for a boot configuration. */
  readonly env?: Readonly<Record<string, string>>;
  /** Called with the script's directory before it is removed. */
  readonly inspect?: (dir: string) => void;
}

/**
 * Runs a script in a new Node process that loads `@errinject/node/register` first, in a new temporary
 * directory (its working directory), with none of errinject's variables of this process. Arming the
 * capabilities in the test runner's own process would fail the runner's own I/O too.
 *
 * @param body - the script after the prelude (`core`, `out`, `shape`, `arm`)
 * @param options - the capabilities and environment
 * @returns its exit status, output lines and standard error
 */
export function runArmedScript(body: string, options: ScriptOptions): ScriptRun {
  const dir = mkdtempSync(path.join(tmpdir(), 'errinject-node-script-'));
  try {
    const file = path.join(dir, 'script.js');
    writeFileSync(file, PRELUDE + body);
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!/^(ERRINJECT|FAILCMD|NODE_OPTIONS$)/.test(key)) env[key] = value;
    Object.assign(env, { ERRINJECT_NODE: options.capabilities }, options.env);
    // The timeout only stops a script that hangs; no assertion depends on time.
    const result = spawnSync(process.execPath, ['--require', REGISTER, file], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
    if (result.error !== undefined) throw new Error(`${result.error.message}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`, { cause: result.error });
    options.inspect?.(dir);
    const lines = result.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as unknown;
        } catch {
          throw new Error(`the script printed a line that is not JSON: ${line}\nstderr: ${result.stderr}`);
        }
      });
    return { status: result.status, lines, stderr: result.stderr, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
