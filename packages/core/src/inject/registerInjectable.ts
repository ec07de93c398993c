import { GENERIC_KNOBS } from '../attr/createKnobDir';
import { bootAwaitsInjectable, retryPendingBoot } from '../boot/pendingBoot';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { markNoticeChannel } from '../report/markNoticeChannel';
import { armIfArmingAll } from './armIfArmingAll';
import { state } from '../state/sharedState';
import { type ErrorInjectionType, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, errorTypeName } from './errorTypes';
import type { AnyFunction, Injectable, InjectOptions } from './Injectable';

/** The longest name `fail_function/inject` takes (KSYM_NAME_LEN). */
export const KSYM_NAME_LEN = 512;

const NAME_RULE = `1 to ${KSYM_NAME_LEN} characters without whitespace or "/", not starting with "!", and not "*"`;

/**
 * Names an injectable cannot take: each injectable gets a directory `fail_function/<name>/`, which
 * must not replace one of the directory's own files, nor be `.` or `..`.
 */
export const RESERVED_INJECTABLE_NAMES: ReadonlySet<string> = new Set(['.', '..', 'inject', 'injectable', ...GENERIC_KNOBS]);

/**
 * Checks an injectable's name: it becomes a directory of `fail_function/` and a line of `inject`.
 *
 * @param name - the name
 * @param where - who asks, for the message
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE when it is not a usable name
 */
export function assertInjectableName(name: unknown, where: string): asserts name is string {
  if (typeof name !== 'string' || name.length === 0 || name.length > KSYM_NAME_LEN || /[\s/]/.test(name) || name.startsWith('!') || name === '*') {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `${where}: ${showValue(name)} is not a usable name; a name is ${NAME_RULE}`);
  }
  if (RESERVED_INJECTABLE_NAMES.has(name)) {
    throw new ErrInjectError(
      'ERR_INVALID_ARG_VALUE',
      `${where}: ${showValue(name)} is not a usable name: it would be the directory fail_function/${name}/, which is taken by ` +
        `fail_function's own files; reserved: ${[...RESERVED_INJECTABLE_NAMES].join(', ')}; give the function another name with options.name`,
    );
  }
}

/**
 * Checks the options of a mark.
 *
 * @param options - what was given
 * @param type - the error type
 * @param where - who asks, for the message
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE
 */
export function assertInjectOptions(options: unknown, type: ErrorInjectionType, where: string): asserts options is InjectOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `${where}: options must be an object, got ${showValue(options)}`);
  }
  const { name, errPtr, async } = options as Record<string, unknown>;
  const unknownKeys = Object.keys(options).filter((key) => key !== 'name' && key !== 'errPtr' && key !== 'async');
  if (unknownKeys.length > 0) {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `${where}: unknown option ${unknownKeys.join(', ')}; accepted: name, errPtr, async`);
  }
  if (name !== undefined) assertInjectableName(name, `${where}: options.name`);
  for (const [key, value] of [
    ['errPtr', errPtr],
    ['async', async],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `${where}: options.${key} must be a boolean, got ${showValue(value)}`);
    }
  }
  if (errPtr === true && type !== EI_TYPE_ERRNO && type !== EI_TYPE_ERRNO_NULL) {
    throw new ErrInjectError(
      'ERR_INVALID_ARG_VALUE',
      `${where}: options.errPtr is for EI_TYPE_ERRNO and EI_TYPE_ERRNO_NULL functions, which fail with an errno; this one is marked with another type`,
    );
  }
}

/**
 * Tells whether a function is an `async function`, which the runtime can see; a function that
 * returns a Promise without being async has to say so with `options.async`.
 *
 * @param fn - any function
 * @returns true for async functions
 */
export function isAsyncFunction(fn: AnyFunction): boolean {
  return Object.prototype.toString.call(fn) === '[object AsyncFunction]';
}

/** What a new entry is made from. */
export type InjectableSpec = Pick<Injectable, 'name' | 'type' | 'errPtr' | 'async' | 'kind' | 'original' | 'holder' | 'key'>;

/**
 * Makes an entry, not yet registered: a wrapper can be made for it before its name is known.
 *
 * @param spec - what it is
 * @returns the entry, unarmed
 */
export function createInjectable(spec: InjectableSpec): Injectable {
  return { ...spec, armed: 0, retval: 0, saved: undefined, wrapper: undefined };
}

function sameMark(a: Injectable, b: Injectable): boolean {
  return a.original === b.original && a.kind === b.kind && a.type === b.type && a.errPtr === b.errPtr && a.async === b.async;
}

function describeEntry(entry: Injectable): string {
  return `${entry.name} (${errorTypeName(entry.type)}${entry.errPtr ? ', errPtr' : ''}${entry.async ? ', async' : ''})`;
}

/**
 * Adds an entry to the registry, the `ALLOW_ERROR_INJECTION` of the kernel. Marking the same
 * function again the same way is harmless and gives the first entry; a function has one mark, so
 * marking it again under another name or type is refused, as is a different function under a name
 * already taken.
 *
 * @param entry - the new entry, its name set
 * @returns the entry in the registry
 * @throws ErrInjectError ERR_DUPLICATE_NAME when the name is taken by another function;
 * ERR_INVALID_ARG_VALUE when the function is marked already, otherwise
 */
export function registerInjectable(entry: Injectable): Injectable {
  const existing = state.injectables.get(entry.name);
  if (existing !== undefined && (existing === entry || sameMark(existing, entry))) return existing;
  for (const other of state.injectables.values()) {
    if (other !== existing && other.original === entry.original && other.kind === entry.kind && other.key === entry.key) {
      throw new ErrInjectError(
        'ERR_INVALID_ARG_VALUE',
        `this function is marked error-injectable already, as ${describeEntry(other)}; it cannot be marked again as ${describeEntry(entry)}`,
      );
    }
  }
  if (existing !== undefined) {
    if (existing.original === entry.original && existing.kind === entry.kind) {
      throw new ErrInjectError(
        'ERR_INVALID_ARG_VALUE',
        `this function is marked error-injectable already, as ${describeEntry(existing)}; it cannot be marked again as ${describeEntry(entry)}`,
      );
    }
    throw new ErrInjectError(
      'ERR_DUPLICATE_NAME',
      `an error-injectable function named ${JSON.stringify(entry.name)} is already marked, and this is another function; ` +
        'give one of them a name of its own with options.name',
    );
  }
  // A boot entry may be waiting for this name (fail_function/inject=Store.open). One written after
  // inject=*, and those after it for the name (inject=!Store.open), decide for the function: * leaves
  // it to them. Asked before the name is known, since a known name is awaited by nothing.
  const awaited = bootAwaitsInjectable(entry.name);
  state.injectables.set(entry.name, entry);
  if (markNoticeChannel.hasSubscribers) markNoticeChannel.publish({ name: entry.name, type: errorTypeName(entry.type) });
  retryPendingBoot();
  if (!awaited) armIfArmingAll(entry);
  return entry;
}

/**
 * Finds an injectable by name.
 *
 * @param name - its name
 * @returns the entry, or `undefined`
 */
export function getInjectable(name: string): Injectable | undefined {
  return state.injectables.get(name);
}
