import { types } from 'node:util';
import { ErrInjectError } from '../errors/ErrInjectError';
import type { AnyFunction } from './Injectable';

/**
 * Whether the failures of a function being marked come as Promises, as far as marking can tell: an
 * async function's do (its wrapper is an async function), a generator's never do (a failed generator
 * returns the value as its own return value); otherwise `options.async` says, or `design:returntype`
 * being `Promise`; where nothing says, it is learnt from what the function returns (see
 * `failedCallResult`).
 *
 * @param fn - the function as written
 * @param option - `options.async`
 * @param declaredPromise - whether `design:returntype` (emitDecoratorMetadata) is `Promise`
 * @param where - who asks, for the message
 * @returns true or false when known, `undefined` when it is to be learnt
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE when `options.async` contradicts the function: false
 * for an async function, true for a generator function
 */
export function failsWithPromise(fn: AnyFunction, option: boolean | undefined, declaredPromise: boolean, where: string): boolean | undefined {
  if (types.isGeneratorFunction(fn)) {
    if (option === true) {
      throw new ErrInjectError(
        'ERR_INVALID_ARG_VALUE',
        `${where}: options.async is true, but this is a generator function, which returns a generator: a failed generator returns the ` +
          'failure value as its return value ({ value, done: true }); leave options.async out',
      );
    }
    return false;
  }
  if (types.isAsyncFunction(fn)) {
    if (option === false) {
      throw new ErrInjectError(
        'ERR_INVALID_ARG_VALUE',
        `${where}: options.async is false, but this is an async function, which always returns a Promise, and so does its failure; ` +
          'leave options.async out',
      );
    }
    return true;
  }
  return option ?? (declaredPromise ? true : undefined);
}
