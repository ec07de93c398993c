import { state } from '../state/sharedState';

/**
 * Whether the production switch is on (`ERRINJECT=off`): nothing can fail in this process, ever.
 * A capability that would change the program to fail its calls (`@errinject/node` patching
 * `node:fs`) changes nothing then.
 *
 * @returns true when `ERRINJECT` said `off`
 */
export function injectionOff(): boolean {
  return state.off;
}
