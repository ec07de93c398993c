import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INJECTABLE_FILE_VARIABLE } from './injectableFileVariable';
import { runOnce } from './runOnce';
import type { SweepRun } from './SweepReport';

/** An error-injectable function found in the command. */
export interface FoundInjectable {
  readonly name: string;
  /** `NULL`, `ERRNO`, `ERRNO_NULL` or `TRUE`, as `fail_function/injectable` shows it. */
  readonly type: string;
}

/** What a discovery run found. */
export interface Discovery {
  /** The run itself (n = 0): no fault is injected in it. */
  readonly run: SweepRun;
  /** Every function marked in any process of the run, in the order first seen. */
  readonly functions: readonly FoundInjectable[];
}

/** The preload, next to this module in `dist`. */
export const PRELOAD = path.join(__dirname, 'injectablePreload.js');

/**
 * Quotes a path for `NODE_OPTIONS`, which splits on spaces and takes double quotes with backslash
 * escapes.
 */
function quoteNodeOption(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * Runs the command once without faults, with a preload in every Node.js process of its tree that
 * writes down the functions marked error-injectable in it, to learn what a sweep arms.
 *
 * @param command - the command
 * @param env - the environment of the run (its `ERRINJECT` and `ERRINJECT_REPORT` set)
 * @param reportFile - the `ERRINJECT_REPORT` file of the run
 * @param listFile - where the preload writes
 * @param signal - ends the run early
 * @returns the run and the functions
 * @throws CliError when the command cannot be started; an AbortError when `signal` ended it
 */
export async function discoverInjectables(command: readonly string[], env: NodeJS.ProcessEnv, reportFile: string, listFile: string, signal?: AbortSignal): Promise<Discovery> {
  const nodeOptions = [env['NODE_OPTIONS'] ?? '', `--require ${quoteNodeOption(PRELOAD)}`].filter((part) => part !== '').join(' ');
  const run = await runOnce({ n: 0, command, env: { ...env, NODE_OPTIONS: nodeOptions, [INJECTABLE_FILE_VARIABLE]: listFile }, reportFile, signal });
  const functions = new Map<string, FoundInjectable>();
  let text = '';
  try {
    text = readFileSync(listFile, 'utf8');
  } catch {
    // No process of the command loaded the core, or none marked a function.
  }
  for (const line of text.split('\n')) {
    let injectable: unknown;
    try {
      injectable = (JSON.parse(line) as { injectable?: unknown }).injectable;
    } catch {
      continue; // a process killed halfway through its line
    }
    if (typeof injectable !== 'string') continue;
    for (const entry of injectable.split('\n')) {
      const [name, type] = entry.split('\t');
      if (name !== undefined && name !== '' && !functions.has(name)) functions.set(name, { name, type: type ?? '' });
    }
  }
  return { run, functions: [...functions.values()] };
}
