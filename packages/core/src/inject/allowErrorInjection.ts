import type { FaultAttrImpl } from '../attr/FaultAttr';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { assertErrorType, type ErrorInjectionType } from './errorTypes';
import { generateWrapper } from './generateWrapper';
import type { AnyFunction, InjectOptions } from './Injectable';
import { failsWithPromise } from './failsWithPromise';
import { assertInjectableName, assertInjectOptions, createInjectable, registerInjectable, rememberWrapper } from './registerInjectable';

/**
 * Marks a plain or arrow function error-injectable, the `ALLOW_ERROR_INJECTION(fn, TYPE)` of the
 * kernel, and returns the function to call in its place: the same TypeScript type, and a function
 * that looks like `fn` (the same `name`, `length` and own properties; async if `fn` is, a generator
 * function if `fn` is one, constructible only if `fn` is; see `generateWrapper`). Until it is armed through `fail_function/inject`, a call costs one predictable branch
 * more than the function itself; armed, a call may return the failure value of `type` without running
 * the function, as `fail_function` decides. Under `ERRINJECT=off` the function itself is returned.
 *
 * @param type - what the function returns when it fails: `EI_TYPE_NULL`, `EI_TYPE_ERRNO`,
 * `EI_TYPE_ERRNO_NULL` or `EI_TYPE_TRUE`
 * @param fn - the function
 * @param options - its name (default: the function's own; an anonymous function needs one), `errPtr`
 * for ERRNO functions that return objects, `async` for a function that returns a Promise without
 * being `async` (otherwise learnt from the first call that runs through it armed)
 * @returns the function to use from now on
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE for bad arguments (a class, an
 * anonymous function without a name, a function marked already in another way, `async: false` for an
 * async function or `async: true` for a generator function); a name taken by another
 * function gets `#2` (see `registerInjectable`)
 */
export function allowErrorInjection<F extends (...args: never[]) => unknown>(type: ErrorInjectionType, fn: F, options: InjectOptions = {}): F {
  assertErrorType(type, 'allowErrorInjection');
  if (typeof fn !== 'function') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `allowErrorInjection: fn must be a function, got ${showValue(fn)}`);
  }
  if (/^class[\s{]/.test(Function.prototype.toString.call(fn))) {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `allowErrorInjection: ${fn.name || 'this'} is a class; mark its methods with @AllowErrorInjection`);
  }
  assertInjectOptions(options, type, 'allowErrorInjection');
  const original = fn as unknown as AnyFunction;
  const async = failsWithPromise(original, options.async, false, 'allowErrorInjection');
  if (state.off) return fn;
  // Marking a wrapper again the same way gives the wrapper back; any other way is refused.
  const marked = state.wrappers.get(fn as unknown as AnyFunction);
  if (marked !== undefined) {
    const same =
      marked.type === type &&
      marked.errPtr === (options.errPtr ?? marked.errPtr) &&
      marked.async === (options.async ?? marked.async) &&
      (options.name === undefined || options.name === marked.name);
    if (same) return fn;
    throw new ErrInjectError(
      'ERR_INVALID_ARG_VALUE',
      `allowErrorInjection: this is the wrapper of ${marked.name}, marked error-injectable already with another name, type or options; a function has one mark`,
    );
  }
  const name = options.name ?? fn.name;
  if (name === '') {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', 'allowErrorInjection: an anonymous function needs options.name');
  }
  assertInjectableName(name, options.name === undefined ? `allowErrorInjection: the function's name (give options.name)` : 'allowErrorInjection');
  const entry = registerInjectable(
    createInjectable({
      name,
      type,
      errPtr: options.errPtr ?? false,
      async,
      kind: 'function',
      original,
      holder: undefined,
      key: undefined,
    }),
  );
  if (entry.wrapper === undefined) {
    entry.wrapper = generateWrapper(entry, original, state.attrs.get('fail_function') as FaultAttrImpl);
    rememberWrapper(entry);
  }
  return entry.wrapper as unknown as F;
}
