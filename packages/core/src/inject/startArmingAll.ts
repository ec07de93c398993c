import { state } from '../state/sharedState';
import { armInjectable, disarmInjectable } from './armInjectable';
import type { Injectable } from './Injectable';

/**
 * Turns `fail_function/inject=*` on (see `ArmAll`): the marked functions that are not armed are
 * armed, in the order they were marked, after those armed already (which keep their place and
 * retval). All or nothing: when one cannot be armed, those this call armed are disarmed again and the
 * error is thrown.
 *
 * @throws ErrInjectError EPERM / EINVAL from arming a method whose class cannot take the wrapper
 */
export function startArmingAll(): void {
  const armedHere: Injectable[] = [];
  try {
    for (const entry of state.injectables.values()) {
      if (entry.armed !== 0) continue;
      armInjectable(entry);
      armedHere.push(entry);
    }
  } catch (error) {
    for (const entry of armedHere) disarmInjectable(entry);
    throw error;
  }
  state.armAll = { excluded: new Set(), since: Number.POSITIVE_INFINITY };
}
