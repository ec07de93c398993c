import type { ErrorInjectionType } from './errorTypes';

/** How a function is marked error-injectable. */
export interface InjectOptions {
  /**
   * The injectable's name in `fail_function/injectable` and `inject`. Default: `Class.method` for a
   * method, the function's own name for a function.
   */
  readonly name?: string;
  /**
   * For ERRNO and ERRNO_NULL functions that return objects: fail with `errPtr(retval)` in place of
   * the errno number, as a kernel function returns `ERR_PTR(-e)`.
   */
  readonly errPtr?: boolean;
  /**
   * The function returns a Promise although it is not an `async function` (the runtime cannot see
   * that): fail with a resolved Promise of the failure value. Without it (and without
   * `design:returntype` metadata), that is learnt from the first call that runs through the armed
   * function. `false` for an async function and `true` for a generator function are refused.
   */
  readonly async?: boolean;
}

/** Any function; only its identity, `this` and arguments are used. */
export type AnyFunction = (this: unknown, ...args: never[]) => unknown;

/**
 * One error-injectable function, an entry of the kernel's `error_injection/list`. Plain data and
 * closures, shared by every copy of the core through the state.
 */
export interface Injectable {
  /** Its name in the control tree (set once, when it is registered). */
  name: string;
  readonly type: ErrorInjectionType;
  /** Fails with `errPtr(retval)` in place of the number. */
  readonly errPtr: boolean;
  /**
   * Fails with a Promise: what marking knew (`options.async`, an async function, `design:returntype`),
   * or `undefined` when nothing said, and `returns` learns it.
   */
  readonly async: boolean | undefined;
  /**
   * What its calls return, as far as a failure must follow: `RETURNS_*` of `failedCallResult`
   * (Promises, something else, or not known yet).
   */
  returns: number;
  /** A method replaced on its class only while armed, or a function wrapped from the start. */
  readonly kind: 'method' | 'function';
  /** The function as written. */
  readonly original: AnyFunction;
  /**
   * Not 0 while armed: the one field an unarmed wrapped function reads (2 while armed and still
   * learning what its calls return, see `failedCallResult`).
   */
  armed: number;
  /** The failure value's number: the errno (negative), 0 or 1, as `retval` reads it. */
  retval: number;
  /** Methods: the object that holds the method (a prototype, or a class for a static method); `undefined` until known. */
  holder: object | undefined;
  /** Methods: the property key. */
  readonly key: string | symbol | undefined;
  /** Methods while armed: the property descriptor the armed wrapper replaced. */
  saved: PropertyDescriptor | undefined;
  /** The wrapper: for a function, the one its callers hold; for a method, the one installed while armed. */
  wrapper: AnyFunction | undefined;
  /**
   * Where the code that marked it stands (a copy of the core older than this field leaves it
   * `undefined`): a module evaluated again (a watch mode's re-run) marks the same function there.
   */
  readonly site?: MarkSite | undefined;
}

/**
 * Where a function was marked: the file of the first frame outside errinject and the decorator
 * helpers (not the line: V8 works out a frame's position in a large module from the module's start,
 * which made marking 10,000 functions in one module 3x slower towards its end).
 */
export interface MarkSite {
  /** The file path or URL, without a query (`?v=3`, `?t=...`: loaders' cache busters). */
  readonly file: string;
  /**
   * The same object for every function the same copy of the core marked in one synchronous stretch
   * of code (until the next microtask): one evaluation of a module.
   */
  readonly turn: object;
}
