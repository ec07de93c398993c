import { nodeCapabilities, nodeEnvironment } from './nodeEnvironment';

/** What failcmd adds to the command's environment besides `ERRINJECT`. */
export interface ChildExtras {
  /** `ERRINJECT_SEED`. */
  readonly seed?: string | undefined;
  /** `ERRINJECT_CONTROL=1`. */
  readonly control?: boolean | undefined;
  /** `ERRINJECT_REPORT`: the fault report file. */
  readonly report?: string | undefined;
  /** The capabilities asked for: those of `@errinject/node` load it into the command's Node processes. */
  readonly capabilities?: readonly string[] | undefined;
}

/**
 * The command's environment: the user's, with failcmd's entries appended to the user's own
 * `ERRINJECT` (so where both set the same knob, failcmd's option wins: entries apply in order).
 *
 * @param env - the user's environment
 * @param entries - failcmd's entries
 * @param extras - the other variables
 * @returns a new environment
 */
export function childEnvironment(env: NodeJS.ProcessEnv, entries: readonly string[], extras: ChildExtras = {}): NodeJS.ProcessEnv {
  const child: NodeJS.ProcessEnv = { ...env, ERRINJECT: [(env['ERRINJECT'] ?? '').trim(), ...entries].filter((part) => part !== '').join(' ') };
  if (extras.seed !== undefined) child['ERRINJECT_SEED'] = extras.seed;
  if (extras.control === true) child['ERRINJECT_CONTROL'] = '1';
  if (extras.report !== undefined) child['ERRINJECT_REPORT'] = extras.report;
  return { ...child, ...nodeEnvironment(env, nodeCapabilities(extras.capabilities ?? [])) };
}
