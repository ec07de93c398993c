import { showValue } from '../errors/ErrInjectError';
import { failureValue } from './failureValue';
import type { Injectable } from './Injectable';

/**
 * Promises from functions that are not `async`. A function's failure must come the way its results
 * come: a Promise for a function that returns Promises, whether or not it is an `async function`.
 * Marking knows it from `options.async`, from the function being async, or from `design:returntype`
 * (emitted by TypeScript's `emitDecoratorMetadata` only: esbuild, tsx, swc and vitest emit none).
 * Where none of these says, the wrapper learns it from the first call that runs through it while it
 * is armed: from then on, if that call returned a thenable, failures are resolved Promises. A call
 * failed before anything was learnt returns a Promise when the function's source shows an async
 * function compiled for an older target (`return __awaiter(...)` and the like), and otherwise the
 * bare value; when the function then turns out to return Promises, a process warning (code
 * `ERRINJECT_UNDECLARED_ASYNC`) says so, once per function.
 */

/** `Injectable.returns`: nothing known yet (the next call through the armed wrapper tells). */
export const RETURNS_UNKNOWN = 0;
/** `Injectable.returns`: nothing known yet, and a failure returned the bare value. */
export const RETURNS_UNKNOWN_FAILED = -1;
/** `Injectable.returns`: Promises (so does a failure). */
export const RETURNS_PROMISE = 1;
/** `Injectable.returns`: something else (a failure returns the bare value). */
export const RETURNS_VALUE = 2;

/**
 * `Injectable.armed` while armed and still learning what calls return (otherwise 1): the armed path
 * of a wrapper tells it from the field it has just read, so that once it is learnt, an armed call
 * costs what it did before there was anything to learn.
 */
export const ARMED_LEARNING = 2;

/**
 * What `Injectable.armed` is set to when it is armed.
 *
 * @param entry - the injectable
 * @returns {@link ARMED_LEARNING} while what its calls return is not known, otherwise 1
 */
export function armedValue(entry: Injectable): number {
  return entry.returns < 1 ? ARMED_LEARNING : 1;
}

/**
 * What `Injectable.returns` starts at.
 *
 * @param async - what marking knows: whether the function returns Promises, or `undefined`
 * @returns the state
 */
export function initialReturns(async: boolean | undefined): number {
  return async === undefined ? RETURNS_UNKNOWN : async ? RETURNS_PROMISE : RETURNS_VALUE;
}

/**
 * What a failed call of a plain function's wrapper returns: the failure value, in a resolved Promise
 * when the function returns Promises.
 *
 * @param entry - the injectable
 * @returns the failure value, or a Promise of it
 */
export function failedCallResult(entry: Injectable): unknown {
  const value = failureValue(entry);
  if (entry.returns === RETURNS_UNKNOWN) {
    entry.returns = compiledAsync(entry.original) ? RETURNS_PROMISE : RETURNS_UNKNOWN_FAILED;
    if (entry.armed !== 0) entry.armed = armedValue(entry);
  }
  return entry.returns === RETURNS_PROMISE ? Promise.resolve(value) : value;
}

/**
 * An async function compiled for a target before ES2017: its body is one call of the compiler's
 * helper, which returns a Promise (TypeScript's `__awaiter`, also as `tslib_1.__awaiter`; esbuild's
 * `__async`; swc's `_async_to_generator`; Babel's `_asyncToGenerator` for methods and arrows).
 */
const COMPILED_ASYNC =
  /^[^{=]*(?:=>|\{\s*return\b)\s*(?:\(\s*0\s*,\s*)?(?:[\w$]+\.)?(?:__awaiter|__async|_async_to_generator|_asyncToGenerator)[\w$]*\s*\)?\s*\(/;

/**
 * Whether a function's source shows it to be an async function compiled to a generator and a helper.
 * Asked once, at the first failure of a function nothing else told about.
 */
function compiledAsync(fn: Injectable['original']): boolean {
  return COMPILED_ASYNC.test(Function.prototype.toString.call(fn));
}

/**
 * Learns from what a call through the armed wrapper returned whether the function returns Promises
 * (only while marking did not know; see above).
 *
 * @param entry - the injectable, `returns` unknown
 * @param result - what the function returned
 * @returns `result`
 */
export function observeResult(entry: Injectable, result: unknown): unknown {
  if (entry.armed !== 0) entry.armed = 1;
  if (!isThenable(result)) {
    entry.returns = RETURNS_VALUE;
    return result;
  }
  if (entry.returns === RETURNS_UNKNOWN_FAILED) {
    process.emitWarning(
      `errinject: ${showValue(entry.name)} returns a Promise, but an injected failure of it returned the bare failure value before ` +
        'that was known: nothing said so when it was marked (it is not an async function, has no { async: true }, and no ' +
        'design:returntype metadata, which only TypeScript with emitDecoratorMetadata emits). Its failures are Promises from now on; ' +
        'mark it with { async: true } so that every one is',
      { code: 'ERRINJECT_UNDECLARED_ASYNC' },
    );
  }
  entry.returns = RETURNS_PROMISE;
  return result;
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
