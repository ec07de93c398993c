import { state } from '../state/sharedState';
import { armInjectable, disarmInjectable } from './armInjectable';
import type { Injectable } from './Injectable';

/**
 * `fail_function/inject=*`, an extension of the kernel's interface: every function marked
 * error-injectable is armed, those marked already and each one marked afterwards, so that a process
 * can be swept without knowing its functions beforehand. The kernel's list of injectable functions is
 * fixed when the kernel is built (modules aside); a process's grows as its modules load, and a
 * function marked only on an error path is not marked until that path runs.
 */

/** What `fail_function/inject=*` keeps while it is on. */
export interface ArmAll {
  /** Names written as `!name` before a function of that name was marked: it is not armed when it is. */
  readonly excluded: Set<string>;
}

/**
 * Turns arming every function on: the marked functions that are not armed are armed, in the order
 * they were marked, after those armed already (which keep their place and retval). All or nothing:
 * when one cannot be armed, those this call armed are disarmed again and the error is thrown.
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
  state.armAll = { excluded: new Set() };
}

/**
 * Arms a function just marked, when `fail_function/inject=*` is on and the function is neither armed
 * (a boot entry naming it came first) nor excluded. Marking must not fail for it: a function that
 * cannot be armed stays unarmed, with a process warning (code `ERRINJECT_NOT_ARMED`) saying why.
 *
 * @param entry - the entry just registered
 */
export function armIfArmingAll(entry: Injectable): void {
  const armAll = state.armAll;
  if (armAll === undefined || entry.armed !== 0 || armAll.excluded.has(entry.name)) return;
  try {
    armInjectable(entry);
  } catch (error) {
    process.emitWarning(`errinject: ${entry.name} was not armed by fail_function/inject=*: ${(error as Error).message}`, { code: 'ERRINJECT_NOT_ARMED' });
  }
}
