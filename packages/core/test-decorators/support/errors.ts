import { expect } from 'chai';
import { type ErrInjectError, isErrInjectError } from '@errinject/core';

/**
 * Calls `fn`, asserts that it threw an ErrInjectError, and returns that error for the test to look
 * at. Fails the test when `fn` returns instead.
 *
 * `isErrInjectError` rather than `instanceof`: these tests load the built package, and the core's own
 * suite (in the same mocha process) loads another copy; the control tree belongs to whichever copy
 * loaded first, so a refused `debugfs.write` may throw that copy's class.
 *
 * @param fn - the call that must throw
 */
export function catchErrInject(fn: () => unknown): ErrInjectError {
  try {
    fn();
  } catch (error) {
    expect(isErrInjectError(error), `expected an ErrInjectError, got ${String(error)}`).to.equal(true);
    return error as ErrInjectError;
  }
  throw new Error('expected the call to throw');
}
