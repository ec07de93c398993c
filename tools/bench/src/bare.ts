import type { FaultAttr } from '@errinject/core';

/**
 * The baseline of the shouldFail benchmark: a function with shouldFail's signature that returns
 * false, exported from a module of its own, so that a call reaches it exactly as a caller reaches
 * shouldFail (a property of another module's exports), and only the bodies differ.
 *
 * @param _attr - unused
 * @param _size - unused
 * @returns false
 */
export function bareShouldFail(_attr: FaultAttr, _size = 1): boolean {
  return false;
}
