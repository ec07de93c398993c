import { listNames } from '../failcmd/listNames';
import type { CommandSweepRun } from './CommandSweepReport';

/** What {@link noFaultReason} looks at. */
export interface NoFaultInput {
  /** The capability of the sweep (FAILCMD_TYPE). */
  readonly capability: string;
  /** The functions named with `--inject` (`*` excluded); empty when every function is armed. */
  readonly named: readonly string[];
  /** The functions the kept runs' processes marked, in the order first seen. */
  readonly marked: readonly string[];
  /** The runs kept. */
  readonly runs: readonly CommandSweepRun[];
}

/**
 * Why a complete sweep found no fault point, for the table and the JSON report: its first run, with
 * fail-nth 1, injected nothing.
 *
 * @param input - the sweep
 * @returns the reason in words (without a final period), or `null` when a run injected a fault or
 *   none was kept
 */
export function noFaultReason(input: NoFaultInput): string | null {
  const { capability, named, marked, runs } = input;
  if (runs.length === 0 || runs.some((run) => run.injected)) return null;
  if (!runs.some((run) => run.loaded)) return 'the command never loaded @errinject/core (is it a Node.js program that imports it?)';
  if (capability !== 'fail_function') return `nothing in the command called shouldFail (on ${capability}, or on any capability)`;
  if (marked.length === 0) return 'the command marked no function error-injectable (@AllowErrorInjection, allowErrorInjection)';
  if (named.length > 0 && !named.some((name) => marked.includes(name))) {
    return `the command marked none of the functions named with --inject (it marked ${listNames(marked)})`;
  }
  return 'the command called none of the armed functions';
}
