import { state } from '../state/sharedState';
import type { FaultAttrImpl } from './FaultAttr';

/**
 * Keeps each capability's `gate`, the one field `shouldFail` reads before doing anything else, true
 * to the rest of the state: open exactly when the capability's probability is not 0 or some live
 * task has an armed fail-nth, and never under the production switch.
 */

/**
 * Recomputes one capability's gate, after one of its knobs changed.
 *
 * @param attr - the capability
 */
export function refreshGate(attr: FaultAttrImpl): void {
  attr.gate = !state.off && (attr.prob !== 0 || state.armedTasks !== 0) ? 1 : 0;
}

/** Recomputes every capability's gate, after something they all depend on changed. */
export function refreshAllGates(): void {
  for (const attr of state.attrs.values()) refreshGate(attr);
}
