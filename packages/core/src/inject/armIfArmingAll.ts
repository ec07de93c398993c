import { state } from '../state/sharedState';
import { armInjectable } from './armInjectable';
import type { Injectable } from './Injectable';

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
