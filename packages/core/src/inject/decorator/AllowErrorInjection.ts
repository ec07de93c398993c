import type { FaultAttrImpl } from '../../attr/FaultAttr';
import { ErrInjectError, showValue } from '../../errors/ErrInjectError';
import { state } from '../../state/sharedState';
import { disarmInjectable, installMethodWrapper } from '../armInjectable';
import { assertErrorType, type ErrorInjectionType } from '../errorTypes';
import { generateWrapper } from '../generateWrapper';
import type { AnyFunction, Injectable, InjectOptions } from '../Injectable';
import { failsWithPromise } from '../failsWithPromise';
import { assertInjectableName, assertInjectOptions, createInjectable, registerInjectable, rememberWrapper } from '../registerInjectable';
import { enclosingClassName } from './enclosingClassName';
import type { PendingMethod } from './PendingMethod';
import { renewPrototypeShape } from './renewPrototypeShape';

/**
 * The decorator `@AllowErrorInjection(type, options?)` returns: one function that serves both
 * TypeScript's `experimentalDecorators` (target, key, descriptor) and standard decorators
 * (value, context).
 */
export interface ErrorInjectionDecorator {
  /**
   * Under `experimentalDecorators`: the descriptor to define when the method was armed as it was
   * marked (`fail_function/inject=*`, or a boot entry naming it), otherwise nothing.
   */
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor | void;
  /** Under standard decorators. */
  <This>(value: (this: This, ...args: never[]) => unknown, context: ClassMethodDecoratorContext<This>): void;
}

function notAMethod(where: string): ErrInjectError {
  return new ErrInjectError(
    'ERR_DECORATOR_TARGET',
    `@AllowErrorInjection on ${where}: only methods can be error-injectable, since an injected failure replaces what a call returns`,
  );
}

function className(value: unknown): string {
  return typeof value === 'function' && value.name !== '' ? value.name : '(anonymous class)';
}

function memberName(key: string | symbol): string {
  return typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : key;
}

function defaultName(where: string, klass: string, key: string | symbol, options: InjectOptions): string {
  if (options.name !== undefined) return options.name;
  if (typeof key === 'symbol') {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `@AllowErrorInjection on ${where}: a method with a symbol key needs options.name`);
  }
  const name = `${klass}.${key}`;
  assertInjectableName(name, `@AllowErrorInjection on ${where}: its name`);
  return name;
}

function failFunction(): FaultAttrImpl {
  return state.attrs.get('fail_function') as FaultAttrImpl;
}

/** `design:returntype` from `emitDecoratorMetadata`: a hint that a method returns a Promise. */
function returnsPromiseByMetadata(target: object, key: string | symbol): boolean {
  const reflect = Reflect as unknown as { getMetadata?: (key: string, target: object, property: string | symbol) => unknown };
  return typeof reflect.getMetadata === 'function' && reflect.getMetadata('design:returntype', target, key) === Promise;
}

/**
 * `experimentalDecorators`: the class is at hand, so the method is registered at once. A method armed
 * as it is marked (`fail_function/inject=*`, a boot entry naming it) has its wrapper on the class
 * already; the decorator returns that descriptor too, since TypeScript's `__decorate` (and
 * reflect-metadata's `Reflect.decorate`) define what the decorators return, or else the descriptor
 * they read before calling them, which would put the method as written back over the wrapper.
 *
 * @returns the armed wrapper's descriptor, or `undefined` when the method was not armed
 */
function decorateLegacy(type: ErrorInjectionType, options: InjectOptions, target: unknown, key: unknown, descriptor: unknown): PropertyDescriptor | undefined {
  if (typeof descriptor === 'number' && key === undefined && typeof target === 'function') {
    // A parameter decorator on a constructor parameter: (class, undefined, index).
    throw notAMethod(`a parameter of the constructor of ${className(target)}`);
  }
  if (typeof key !== 'string' && typeof key !== 'symbol') {
    throw notAMethod(typeof target === 'function' ? `the class ${className(target)}` : showValue(target));
  }
  const isStatic = typeof target === 'function';
  // Read without an inline cache, which would mark the prototype as in use (see renewPrototypeShape).
  const constructor: unknown = Object.getOwnPropertyDescriptor(target, 'constructor')?.value ?? (target as { constructor?: unknown }).constructor;
  const klass = className(isStatic ? target : constructor);
  const where = `${klass}.${memberName(key)}`;
  if (typeof descriptor === 'number') throw notAMethod(`a parameter of ${where}`);
  if (descriptor === undefined) throw notAMethod(`the field ${where}`);
  const desc = descriptor as PropertyDescriptor;
  if (desc.get !== undefined || desc.set !== undefined) throw notAMethod(`the accessor ${where}`);
  if (typeof desc.value !== 'function') throw notAMethod(where);
  // Before __decorate redefines the method, so that it stays a constant of the prototype.
  if (!isStatic) renewPrototypeShape(target as object, { alsoLater: true });
  if (state.off) return undefined;
  const holder = target as object;
  const original = desc.value as AnyFunction;
  const entry = registerInjectable(
    createInjectable({
      name: defaultName(where, klass, key, options),
      type,
      errPtr: options.errPtr ?? false,
      async: failsWithPromise(original, options.async, returnsPromiseByMetadata(holder, key), `@AllowErrorInjection on ${where}`),
      kind: 'method',
      original,
      holder,
      key,
    }),
  );
  return entry.armed !== 0 && entry.wrapper !== undefined && entry.holder === holder ? Object.getOwnPropertyDescriptor(holder, key) : undefined;
}

/** A class name a compiler may be about to give back: esbuild's `_Net` for `Net`. */
const RENAMED_WHILE_DEFINED = /^_/;

/** Finds the object that holds a method, from an instance up its prototype chain. */
function holderOf(instance: object, key: string | symbol, original: AnyFunction, wrapper: AnyFunction | undefined): object | undefined {
  for (let object = Object.getPrototypeOf(instance) as object | null; object !== null; object = Object.getPrototypeOf(object) as object | null) {
    const value: unknown = Object.getOwnPropertyDescriptor(object, key)?.value;
    if (value === original || (value !== undefined && value === wrapper)) return object;
  }
  return undefined;
}

/**
 * Standard decorators: the class is not at hand. A static method learns it at the end of the class
 * definition (static initializers run then with `this` the class); an instance method from the
 * decorator's call site when that shows it, and otherwise when the class is first instantiated. A
 * private method cannot be replaced from outside its class, so it is wrapped from the start.
 */
function decorateStandard(
  type: ErrorInjectionType,
  options: InjectOptions,
  decorator: AnyFunction,
  value: unknown,
  context: ClassMethodDecoratorContext,
): AnyFunction | undefined {
  const kind = context.kind as string;
  if (kind === 'class') throw notAMethod(`the class ${String(context.name)}`);
  const where = `the ${context.static ? 'static ' : ''}${kind} ${memberName(context.name)}`;
  if (kind !== 'method' || typeof value !== 'function') {
    const klass = enclosingClassName(decorator);
    throw notAMethod(klass === undefined ? where : `${where} of ${klass}`);
  }
  if (state.off) return undefined;
  const original = value as AnyFunction;
  const key = context.name;
  const entry = createInjectable({
    name: '',
    type,
    errPtr: options.errPtr ?? false,
    async: failsWithPromise(original, options.async, false, `@AllowErrorInjection on ${where}`),
    kind: context.private ? 'function' : 'method',
    original,
    holder: undefined,
    key: context.private ? undefined : key,
  });
  let registered: Injectable | undefined;
  const register = (klass: string): void => {
    entry.name = defaultName(where, klass, key, options);
    registered = registerInjectable(entry);
  };
  const knownClass = options.name !== undefined ? '' : context.static ? undefined : enclosingClassName(decorator);
  if (knownClass !== undefined) register(knownClass);
  const pending: PendingMethod = { key, original };
  if (registered === undefined && !context.static) state.pendingMethods.add(pending);

  /** The class is known (`holder`: the prototype or the class that holds the method, or none for a private one). */
  const settle = (klass: unknown, holder: object | undefined): void => {
    state.pendingMethods.delete(pending);
    if (registered === undefined) register(className(klass));
    if (holder === undefined || registered !== entry) return;
    entry.holder = holder;
    // Armed before its class was known: the wrapper goes in now, before the first call. A class
    // frozen since cannot take it; the constructor must not fail for that, so the function is
    // disarmed (fail_function/inject stops listing it) and a warning says why.
    if (entry.armed !== 0) {
      try {
        installMethodWrapper(entry);
      } catch (error) {
        disarmInjectable(entry);
        process.emitWarning(`errinject: ${entry.name} was disarmed: ${(error as Error).message}`, { code: 'ERRINJECT_DISARMED' });
      }
    }
  };

  let resolved = false;
  context.addInitializer(function (this: unknown) {
    // Runs for every instance of an instance method's class; only the first one does anything.
    if (resolved) return;
    resolved = true;
    const klass = context.static ? this : (this as { constructor?: unknown }).constructor;
    const holder = context.private ? undefined : context.static ? (this as object) : holderOf(this as object, key, original, entry.wrapper);
    if (holder === undefined && !context.private) {
      state.pendingMethods.delete(pending);
      return;
    }
    // After __esDecorate redefined the methods: they become constants of the prototype again.
    if (holder !== undefined && !context.static) renewPrototypeShape(holder, { once: true });
    if (registered === undefined && context.static && RENAMED_WHILE_DEFINED.test(className(klass))) {
      // esbuild (tsx, vite) keeps `class Net` as `_Net` until the class's static initializers have
      // run, then gives it back its name, in the same stretch of code: the name is read after that.
      state.pendingMethods.add(pending);
      queueMicrotask(() => settle(klass, holder));
      return;
    }
    settle(klass, holder);
  });

  if (context.private) {
    entry.wrapper = generateWrapper(entry, original, failFunction());
    rememberWrapper(entry);
    return entry.wrapper;
  }
  return undefined;
}

/**
 * Marks a method error-injectable, the `ALLOW_ERROR_INJECTION(fn, TYPE)` of the kernel. Its name in
 * `fail_function/injectable` is `Class.method` (for static methods too) unless `options.name` says
 * otherwise. Until the method is armed through `fail_function/inject` it stays exactly as written on
 * its class; armed, a call may return the failure value of `type` without running, as
 * `fail_function` decides.
 *
 * Works under `experimentalDecorators` (with or without `emitDecoratorMetadata`) and under standard
 * decorators. Standard decorators do not tell a method decorator its class: an instance method is
 * named from the decorator's call site where the compiler's output shows it (TypeScript, target
 * ES2022 or later), and otherwise when its class is first instantiated.
 *
 * @param type - what the method returns when it fails: `EI_TYPE_NULL`, `EI_TYPE_ERRNO`,
 * `EI_TYPE_ERRNO_NULL` or `EI_TYPE_TRUE`
 * @param options - its name, `errPtr` for ERRNO methods that return objects, `async` for a method that
 * returns a Promise without being `async`
 * @returns the decorator
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE / ERR_INVALID_ARG_TYPE for a bad type or options; the
 * decorator throws ERR_DECORATOR_TARGET when applied to anything but a method; a name taken by another
 * function gets `#2` (see `registerInjectable`)
 */
export function AllowErrorInjection(type: ErrorInjectionType, options: InjectOptions = {}): ErrorInjectionDecorator {
  assertErrorType(type, '@AllowErrorInjection');
  assertInjectOptions(options, type, '@AllowErrorInjection');
  function decorator(target: unknown, context: unknown, descriptor?: unknown): AnyFunction | PropertyDescriptor | undefined {
    // Standard decorators pass a context object with a string `kind`; the legacy ones a key.
    if (typeof context === 'object' && context !== null && typeof (context as { kind?: unknown }).kind === 'string') {
      return decorateStandard(type, options, decorator as AnyFunction, target, context as ClassMethodDecoratorContext);
    }
    return decorateLegacy(type, options, target, context, descriptor);
  }
  return decorator as unknown as ErrorInjectionDecorator;
}
