import { types } from 'node:util';
import { shouldFailInjectable } from '../attr/shouldFail';
import type { FaultAttrImpl } from '../attr/FaultAttr';
import { ARMED_LEARNING, failedCallResult, observeResult } from './failedCallResult';
import { failureValue } from './failureValue';
import type { AnyFunction, Injectable } from './Injectable';

/** Most named parameters a wrapper declares (its `length` is the target's in any case). */
const MAX_PARAMS = 16;

/**
 * What a function is, as far as its wrapper must look the same: a plain function that `new` cannot
 * call (an arrow, a method, a bound arrow), one it can (an ES5 constructor, a plain `function`), an
 * async function, a generator, an async generator.
 */
export type WrapperShape = 'function' | 'constructor' | 'async' | 'generator' | 'asyncGenerator';

/** A construct trap that never runs the target: `new` on a Proxy of a function works iff the function is a constructor. */
const CONSTRUCT_PROBE: ProxyHandler<AnyFunction> = { construct: () => CONSTRUCT_PROBE };

/**
 * The shape of a function.
 *
 * @param fn - any function
 * @returns what its wrapper must be
 */
export function shapeOf(fn: AnyFunction): WrapperShape {
  if (types.isGeneratorFunction(fn)) return types.isAsyncFunction(fn) ? 'asyncGenerator' : 'generator';
  if (types.isAsyncFunction(fn)) return 'async';
  // A function new can call has a prototype (which cannot be deleted), or is bound to one: only
  // those are probed, so that marking an arrow costs no exception.
  const name: unknown = fn.name;
  if (!Object.prototype.hasOwnProperty.call(fn, 'prototype') && !(typeof name === 'string' && name.startsWith('bound '))) return 'function';
  try {
    new (new Proxy(fn, CONSTRUCT_PROBE) as unknown as new () => unknown)();
    return 'constructor';
  } catch {
    return 'function';
  }
}

/**
 * The function each wrapper made stands for: what it calls, and for which injectable. Arming finds a
 * wrapper of its own put back on a class (by a test double's restore, say) and does not wrap it
 * again; disarming finds it and puts back what it wraps.
 */
const made = new WeakMap<AnyFunction, { readonly entry: Injectable; readonly target: AnyFunction }>();

/**
 * What a wrapper made for an injectable calls.
 *
 * @param entry - the injectable
 * @param fn - any function
 * @returns the function `fn` wraps when it is a wrapper made for `entry`, otherwise `undefined`
 */
export function targetOfWrapper(entry: Injectable, fn: unknown): AnyFunction | undefined {
  const found = made.get(fn as AnyFunction);
  return found?.entry === entry ? found.target : undefined;
}

/**
 * Makes the wrapper of an injectable: while it is armed and `fail_function` says so, the call returns
 * the failure value without running the target; otherwise the target runs with the same `this` and
 * arguments.
 *
 * The wrapper looks like what it wraps: an async function's is an async function (`util.types.
 * isAsyncFunction`), a generator's a generator function (and an async generator's an async one); a
 * function `new` cannot call (an arrow, a method) gets one `new` cannot call either, without
 * `prototype`; a constructor's shares its `prototype`, and `new` on it constructs the target (never
 * a failure: `new` cannot return one); the target's own properties (`name`, `length`, and whatever
 * was set on it) are copied on, as are its `[[Prototype]]` and whether it is extensible, sealed or
 * frozen. A generator is entered at its first `next()`: that is where its call is decided, and a
 * failed generator yields nothing and returns the failure value (`{ value, done: true }`). An async
 * function fails with a Promise of the failure value, as it returns one.
 *
 * Each wrapper is compiled from source of its own, so that V8 keeps its type feedback apart from
 * every other wrapper's: a shared closure would see every target and stay megamorphic. Where code
 * generation is refused (`--disallow-code-generation-from-strings`), a closure does the same. An
 * unarmed call reads one field, `entry.armed` (and a constructor's, `new.target`).
 *
 * @param entry - the injectable
 * @param target - the function to call when the call does not fail
 * @param attr - the `fail_function` capability
 * @returns the wrapper
 */
export function generateWrapper(entry: Injectable, target: AnyFunction, attr: FaultAttrImpl): AnyFunction {
  const shape = shapeOf(target);
  const wrapper = (codeGeneration ? compiledWrapper(shape, entry, target, attr) : undefined) ?? closureWrapper(shape, entry, target, attr);
  dressLike(wrapper, target, shape);
  made.set(wrapper, { entry, target });
  return wrapper;
}

/**
 * Whether this process lets code be compiled from strings: a hardened deployment runs Node.js with
 * `--disallow-code-generation-from-strings`, and `new Function` throws an EvalError there. Learnt at
 * the first wrapper, and the closure serves from then on.
 */
let codeGeneration = true;

/**
 * Makes the closure serve from now on, as it does where code generation is refused; for tests, which
 * run both.
 *
 * @param allowed - false for the closure, true to compile again (where the process allows it)
 */
export function useCodeGeneration(allowed: boolean): void {
  codeGeneration = allowed;
}

/** The failing check: the wrapper is the entry point of the stack the filter and the report see. */
const FAILS = 'entry.armed !== 0 && attr.gate !== 0 && shouldFailInjectable(attr, wrapper, entry.name)';

/**
 * A generator's body runs inside the `next()` its caller called, a builtin frame between the wrapper
 * and the caller: that call is the entry point, so that the stack the filter and the report see
 * starts at the caller, as a function's does (`yield*`, `for...of` and spreading call it too).
 */
const GENERATOR_NEXT = (Object.getPrototypeOf(function* () {}) as { prototype: Generator }).prototype.next as AnyFunction;
const ASYNC_GENERATOR_NEXT = (Object.getPrototypeOf(async function* () {}) as { prototype: AsyncGenerator }).prototype.next as AnyFunction;
const FAILS_IN_NEXT = 'entry.armed !== 0 && attr.gate !== 0 && shouldFailInjectable(attr, next, entry.name)';

/** The compiled body of each shape; `wrapper` is the wrapper itself. */
const SOURCES: Readonly<Record<WrapperShape, (params: string) => string>> = {
  function: (params) => `const wrapper = { injectable(${params}) {
  if (entry.armed !== 0) {
    if (attr.gate !== 0 && shouldFailInjectable(attr, wrapper, entry.name)) return failedCallResult(entry);
    if (entry.armed === ${ARMED_LEARNING}) return observeResult(entry, target.apply(this, arguments));
  }
  return target.apply(this, arguments);
} }.injectable;`,
  constructor: (params) => `const wrapper = function injectable(${params}) {
  if (new.target !== undefined) return Reflect.construct(target, arguments, new.target === wrapper ? target : new.target);
  if (entry.armed !== 0) {
    if (attr.gate !== 0 && shouldFailInjectable(attr, wrapper, entry.name)) return failedCallResult(entry);
    if (entry.armed === ${ARMED_LEARNING}) return observeResult(entry, target.apply(this, arguments));
  }
  return target.apply(this, arguments);
};`,
  async: (params) => `const wrapper = { async injectable(${params}) {
  if (${FAILS}) return failureValue(entry);
  return await target.apply(this, arguments);
} }.injectable;`,
  generator: (params) => `const wrapper = { *injectable(${params}) {
  if (${FAILS_IN_NEXT}) return failureValue(entry);
  return yield* target.apply(this, arguments);
} }.injectable;`,
  asyncGenerator: (params) => `const wrapper = { async *injectable(${params}) {
  if (${FAILS_IN_NEXT}) return failureValue(entry);
  return yield* target.apply(this, arguments);
} }.injectable;`,
};

function compiledWrapper(shape: WrapperShape, entry: Injectable, target: AnyFunction, attr: FaultAttrImpl): AnyFunction | undefined {
  const params = Array.from({ length: Math.min(target.length, MAX_PARAMS) }, (_, i) => `a${i}`).join(', ');
  let factory: (...deps: unknown[]) => AnyFunction;
  try {
    factory = new Function(
      'entry',
      'target',
      'attr',
      'shouldFailInjectable',
      'failureValue',
      'failedCallResult',
      'observeResult',
      'next',
      `'use strict';\n${SOURCES[shape](params)}\nreturn wrapper;`,
    ) as (...deps: unknown[]) => AnyFunction;
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    codeGeneration = false;
    return undefined;
  }
  const next = shape === 'generator' ? GENERATOR_NEXT : ASYNC_GENERATOR_NEXT;
  return factory(entry, target, attr, shouldFailInjectable, failureValue, failedCallResult, observeResult, next);
}

/**
 * The same wrappers without code generation. They behave the same; what they lose is speed where
 * many wrappers are called from one place, since they all share their code and so its type feedback.
 */
function closureWrapper(shape: WrapperShape, entry: Injectable, target: AnyFunction, attr: FaultAttrImpl): AnyFunction {
  let wrapper: AnyFunction;
  switch (shape) {
    case 'function':
      wrapper = {
        injectable(this: unknown, ...args: never[]): unknown {
          if (entry.armed !== 0) {
            if (attr.gate !== 0 && shouldFailInjectable(attr, wrapper, entry.name)) return failedCallResult(entry);
            if (entry.armed === ARMED_LEARNING) return observeResult(entry, target.apply(this, args));
          }
          return target.apply(this, args);
        },
      }.injectable;
      break;
    case 'constructor':
      wrapper = function injectable(this: unknown, ...args: never[]): unknown {
        if (new.target !== undefined) return Reflect.construct(target, args, new.target === wrapper ? target : new.target) as unknown;
        if (entry.armed !== 0) {
          if (attr.gate !== 0 && shouldFailInjectable(attr, wrapper, entry.name)) return failedCallResult(entry);
          if (entry.armed === ARMED_LEARNING) return observeResult(entry, target.apply(this, args));
        }
        return target.apply(this, args);
      };
      break;
    case 'async':
      wrapper = {
        async injectable(this: unknown, ...args: never[]): Promise<unknown> {
          // The check before the first await, so that it runs in the call, as the compiled one does.
          if (entry.armed !== 0 && attr.gate !== 0 && shouldFailInjectable(attr, wrapper, entry.name)) return failureValue(entry);
          return await target.apply(this, args);
        },
      }.injectable;
      break;
    case 'generator':
      wrapper = {
        *injectable(this: unknown, ...args: never[]): Generator<unknown, unknown, unknown> {
          if (entry.armed !== 0 && attr.gate !== 0 && shouldFailInjectable(attr, GENERATOR_NEXT, entry.name)) return failureValue(entry);
          return yield* target.apply(this, args) as Iterable<unknown>;
        },
      }.injectable as AnyFunction;
      break;
    default:
      wrapper = {
        async *injectable(this: unknown, ...args: never[]): AsyncGenerator<unknown, unknown, unknown> {
          if (entry.armed !== 0 && attr.gate !== 0 && shouldFailInjectable(attr, ASYNC_GENERATOR_NEXT, entry.name)) return failureValue(entry);
          return yield* target.apply(this, args) as AsyncIterable<unknown>;
        },
      }.injectable as AnyFunction;
  }
  return wrapper;
}

/** Own properties of a sloppy function a (strict) wrapper does not have. */
const NOT_COPIED = new Set<PropertyKey>(['arguments', 'caller']);

/**
 * Makes a wrapper look like its target: the target's own properties (`name` and `length` copied; any
 * other data property set on it as an accessor of the target's, so that a write on either side shows
 * on both: a counter the function keeps on itself, a stub's call count), its `prototype` (a
 * constructor's and a generator's: instances and generator objects are the target's), its
 * `[[Prototype]]`, and its extensibility.
 */
function dressLike(wrapper: AnyFunction, target: AnyFunction, shape: WrapperShape): void {
  if (!Object.prototype.hasOwnProperty.call(target, 'name')) delete (wrapper as { name?: string }).name;
  const own = target as unknown as Record<PropertyKey, unknown>;
  // A constructor's and a generator function's wrapper has a prototype of its own, which becomes the target's.
  const sharesPrototype = shape !== 'function' && shape !== 'async';
  for (const key of Reflect.ownKeys(target)) {
    if (NOT_COPIED.has(key) || (key === 'prototype' && sharesPrototype)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(target, key) as PropertyDescriptor;
    // The compiled wrapper declares as many parameters as the target: its own length is the same.
    if (key === 'length' && descriptor.value === wrapper.length && descriptor.writable === false && descriptor.configurable === true) continue;
    if (key === 'name' || key === 'length' || !('value' in descriptor)) {
      Object.defineProperty(wrapper, key, descriptor);
      continue;
    }
    const view: PropertyDescriptor = { get: () => own[key], enumerable: descriptor.enumerable === true, configurable: descriptor.configurable === true };
    if (descriptor.writable === true) {
      view.set = (value: unknown): void => {
        own[key] = value;
      };
    }
    Object.defineProperty(wrapper, key, view);
  }
  if (sharesPrototype && Object.prototype.hasOwnProperty.call(target, 'prototype')) {
    (wrapper as { prototype?: unknown }).prototype = (target as { prototype?: unknown }).prototype;
  }
  const proto = Object.getPrototypeOf(target) as object | null;
  if (Object.getPrototypeOf(wrapper) !== proto) Object.setPrototypeOf(wrapper, proto);
  if (Object.isExtensible(target)) return;
  if (Object.isFrozen(target)) Object.freeze(wrapper);
  else if (Object.isSealed(target)) Object.seal(wrapper);
  else Object.preventExtensions(wrapper);
}
