import { listNames } from '../failcmd/listNames';
import { nodeCapabilities } from '../failcmd/nodeEnvironment';
import type { CommandSweepRun } from './CommandSweepReport';

/** What {@link noFaultReason} looks at. */
export interface NoFaultInput {
  /** The capabilities of the sweep (`--type`, FAILCMD_TYPE). */
  readonly capabilities: readonly string[];
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
  const { capabilities, named, marked, runs } = input;
  if (runs.length === 0 || runs.some((run) => run.injected)) return null;
  const ofNode = nodeCapabilities(capabilities);
  if (!runs.some((run) => run.loaded)) {
    return ofNode.length === capabilities.length
      ? `the command ran no Node.js process (${ofNode.join(', ')} fail the calls of the command's Node.js processes)`
      : 'the command never loaded @errinject/core (is it a Node.js program that imports it?)';
  }
  const others = capabilities.filter((name) => name !== 'fail_function');
  const noCall =
    ofNode.length === others.length && ofNode.length > 0
      ? `no Node.js process of the command made a call that ${ofNode.join(', ')} can fail (calls made while modules load are not counted)`
      : `nothing in the command called shouldFail (on ${others.join(', ')}, or on any capability)`;
  if (others.length === capabilities.length) return noCall;
  const functions =
    marked.length === 0
      ? 'the command marked no function error-injectable (@AllowErrorInjection, allowErrorInjection)'
      : named.length > 0 && !named.some((name) => marked.includes(name))
        ? `the command marked none of the functions named with --inject (it marked ${listNames(marked)})`
        : 'the command called none of the armed functions';
  return others.length === 0 ? functions : `${functions}, and ${noCall}`;
}
