import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * Running a small program in a fresh Node.js process with `@errinject/node/register` loaded, as an
 * application is run (`node --require @errinject/node/register app.js`): `fail_fs` fails the whole
 * process's file system calls, mocha's own included, so whole-process behaviour is tested there and
 * not in the test process. The program prints one JSON line at the end, which comes back parsed.
 */

/** The register as compiled with these tests (dist-test/src/register.js), from the same sources as dist/. */
export const REGISTER = path.resolve(__dirname, '../../src/register.js');

/** The built core, as the program requires it: the same module instance the register loads. */
export const CORE = require.resolve('@errinject/core');

/**
 * The helpers every program can `require('./helpers.js')` (or import): plain JavaScript, no file
 * system call at load, so that loading them changes no count.
 */
const HELPERS = `'use strict';
const core = require(${JSON.stringify(CORE)});
/** Arms this task's fail-nth. */
const nth = (n) => core.procfs.write('self/fail-nth', String(n));
/** This task's fail-nth as it reads now. */
const left = () => Number(core.procfs.read('self/fail-nth'));
const BIG = 100000;
/** How many fault points fn's call counted: fail-nth set far beyond, read back after. */
const count = (fn) => { nth(BIG); try { fn(); } finally { const l = left(); nth(0); count.last = BIG - l; } return count.last; };
/** The same for a call that returns a promise. */
const countAsync = async (fn) => { nth(BIG); try { await fn(); } finally { const l = left(); nth(0); countAsync.last = BIG - l; } return countAsync.last; };
/** Everything of an error a caller can see: its class, message, own fields in order, instanceof Error. */
const shape = (e) => e === null || e === undefined ? e : { class: e.constructor.name, message: e.message, fields: Object.keys(e).map((k) => [k, e[k]]), isError: e instanceof Error };
/** What a synchronous call threw, as a shape, or { returned } when it did not throw. */
const thrown = (fn) => { try { return { returned: fn() }; } catch (e) { return shape(e); } };
/** What a promise rejected with, as a shape, or 'resolved'. */
const rejected = async (promise) => { try { await promise; return 'resolved'; } catch (e) { return shape(e); } };
const knob = (name, value) => core.debugfs.write('fail_fs/' + name, value);
const read = (name) => core.debugfs.read('fail_fs/' + name);
/** Writes a knob and says what happened: 'ok', or the refusal's code and message. */
const tryKnob = (name, value) => { try { knob(name, value); return 'ok'; } catch (e) { return [e.code, e.message]; } };
const done = (out) => process.stdout.write(JSON.stringify(out) + '\\n');
module.exports = { core, nth, left, count, countAsync, shape, thrown, rejected, knob, read, tryKnob, done };
`;

/** How the register is loaded: `--require`, `--import`, or not at all (the program imports it itself). */
export type Loader = 'require' | 'import' | 'none';

/** A program to run. */
export interface ScriptOptions {
  /** The main program's source. */
  readonly source: string;
  /** Its file name in the program's directory: `main.js` (CommonJS) unless given, `main.mjs` for ESM. */
  readonly main?: string;
  /** More files of the program, by name relative to its directory (folders are made). */
  readonly files?: Readonly<Record<string, string | Buffer>>;
  readonly loader?: Loader;
  /**
   * Variables added to a clean environment (none of errinject's). `ERRINJECT` defaults to
   * `fail_fs/verbose=0`, so that faults print nothing unless a test asks.
   */
  readonly env?: Readonly<Record<string, string>>;
}

/** What the program did. */
export interface ScriptResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The last line of standard output, parsed, the directory's path written `$DIR`; `undefined` when it is not JSON. */
  readonly out: Record<string, unknown> | undefined;
  /** The program's directory, where its files were (removed once it ran). */
  readonly dir: string;
}

/**
 * Writes a program and its files to a new temporary directory, runs it with `process.execPath`,
 * then removes the directory. The placeholder `$DIR` in the sources is the directory's path.
 *
 * @param options - the program
 * @returns what it did
 */
export function runScript(options: ScriptOptions): ScriptResult {
  const dir = mkdtempSync(path.join(tmpdir(), 'errinject-failfs-'));
  try {
    const main = options.main ?? 'main.js';
    const files: Record<string, string | Buffer> = { 'helpers.js': HELPERS, ...options.files, [main]: options.source };
    for (const [name, content] of Object.entries(files)) {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, typeof content === 'string' ? content.replaceAll('$DIR', dir) : content);
    }
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('ERRINJECT') || name === 'NODE_OPTIONS') delete env[name];
    Object.assign(env, { ERRINJECT: 'fail_fs/verbose=0' }, options.env);
    const loader = options.loader ?? 'require';
    const flags = loader === 'none' ? [] : [`--${loader}`, REGISTER];
    const child = spawnSync(process.execPath, [...flags, path.join(dir, main)], { cwd: dir, env, encoding: 'utf8', timeout: 20000, maxBuffer: 16 * 1024 * 1024 });
    if (child.error !== undefined) throw new Error(`the program could not run: ${child.error.message}`);
    // The directory's path is random: the output names it $DIR, as the sources do.
    const lines = child.stdout.replaceAll(dir, '$DIR').trimEnd().split('\n');
    let out: Record<string, unknown> | undefined;
    try {
      out = JSON.parse(lines[lines.length - 1] as string) as Record<string, unknown>;
    } catch {
      out = undefined;
    }
    return { status: child.status, stdout: child.stdout, stderr: child.stderr.replaceAll(dir, '$DIR'), out, dir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs a program that must finish well and print its JSON line, and returns that line.
 *
 * @param options - the program
 * @returns what it printed
 * @throws Error with its status and standard error when it did not
 */
export function runScriptOut(options: ScriptOptions): Record<string, unknown> {
  const result = runScript(options);
  if (result.status !== 0 || result.out === undefined) throw new Error(`the program exited with ${String(result.status)}:\n${result.stdout}\n${result.stderr}`);
  return result.out;
}
