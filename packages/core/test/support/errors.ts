import { expect } from 'chai';
import { ErrInjectError } from '../../src/index';

/**
 * Calls `fn`, asserts that it threw an ErrInjectError (of this copy of the core: `instanceof`), and
 * returns that error for the test to look at. Fails the test when `fn` returns instead.
 *
 * @param fn - the call that must throw
 */
export function catchErrInject(fn: () => unknown): ErrInjectError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.an.instanceOf(ErrInjectError);
    return error as ErrInjectError;
  }
  throw new Error('expected the call to throw');
}
