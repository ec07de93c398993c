import { dirname, sep } from 'node:path';
import { captureCallSites } from '../attr/captureCallerFrames';
import { GENERIC_KNOBS } from '../attr/createKnobDir';
import { bootAwaitsInjectable, retryPendingBoot } from '../boot/pendingBoot';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { formatCallSite } from '../report/formatCallSite';
import { markNoticeChannel } from '../report/markNoticeChannel';
import { relativeSite } from '../report/relativeSite';
import { armIfArmingAll } from './armIfArmingAll';
import { armInjectable, disarmInjectable, forgetArmed } from './armInjectable';
import { initialReturns } from './failedCallResult';
import { state } from '../state/sharedState';
import { type ErrorInjectionType, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, errorTypeName } from './errorTypes';
import type { Injectable, InjectOptions, MarkSite } from './Injectable';

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

/** What a new entry is made from. */
export type InjectableSpec = Pick<Injectable, 'name' | 'type' | 'errPtr' | 'async' | 'kind' | 'original' | 'holder' | 'key'>;

/**
 * Makes an entry, not yet registered: a wrapper can be made for it before its name is known. Called
 * where the function is marked (the decorator, `allowErrorInjection`), which it remembers.
 *
 * @param spec - what it is
 * @returns the entry, unarmed
 */
export function createInjectable(spec: InjectableSpec): Injectable {
  return { ...spec, armed: 0, retval: 0, returns: initialReturns(spec.async), saved: undefined, wrapper: undefined, site: markSite() };
}

function sameMark(a: Injectable, b: Injectable): boolean {
  return a.original === b.original && a.kind === b.kind && a.type === b.type && a.errPtr === b.errPtr && a.async === b.async;
}

function describeEntry(entry: Injectable): string {
  return `${entry.name} (${errorTypeName(entry.type)}${entry.errPtr ? ', errPtr' : ''}${entry.async ? ', async' : ''})`;
}

function markedAlready(first: Injectable, again: Injectable): ErrInjectError {
  return new ErrInjectError(
    'ERR_INVALID_ARG_VALUE',
    `this function is marked error-injectable already, as ${describeEntry(first)}; it cannot be marked again as ${describeEntry(again)}`,
  );
}

/**
 * The name a function gets when the one it asked for is taken by another function: the name and
 * `#2`, `#3`, ... in the order the functions are marked (the suffix replaces the end of a name that
 * would grow past {@link KSYM_NAME_LEN}).
 *
 * @param name - the name asked for, taken
 * @returns a name no function has
 */
function distinctName(name: string): string {
  let n = state.nameSuffixes.get(name) ?? 2;
  let candidate: string;
  do {
    const suffix = `#${n++}`;
    candidate = `${name.slice(0, KSYM_NAME_LEN - suffix.length)}${suffix}`;
  } while (state.injectables.has(candidate));
  state.nameSuffixes.set(name, n);
  return candidate;
}

/**
 * Whether a new mark is the same function marked again by its module evaluated once more (a watch
 * mode's re-run, a test runner's module reset): the same name, marked in the same file, in a later
 * evaluation (after the synchronous code that marked the first). Two functions of one name marked
 * in one evaluation of a file (two classes `Store` side by side, a factory called twice) are two.
 */
function isReload(existing: Injectable, entry: Injectable): boolean {
  const before = existing.site;
  const now = entry.site;
  if (before === undefined || now === undefined || before.file !== now.file) return false;
  if (existing.kind !== entry.kind || existing.key !== entry.key) return false;
  return before.turn !== now.turn;
}

function addMark(entry: Injectable): void {
  const marks = state.marks.get(entry.original);
  if (marks === undefined) state.marks.set(entry.original, [entry]);
  else marks.push(entry);
  if (markNoticeChannel.hasSubscribers) markNoticeChannel.publish({ name: entry.name, type: errorTypeName(entry.type) });
}

function removeMark(entry: Injectable): void {
  const marks = state.marks.get(entry.original);
  if (marks === undefined) return;
  marks.splice(marks.indexOf(entry), 1);
  if (marks.length === 0) state.marks.delete(entry.original);
}

/**
 * Puts a function's new mark in the place of its old one, with what was configured for the name:
 * armed or not, and the retval (when the error type is the same). The old function is left as it was
 * written (disarmed), or, where its class was frozen since, calls straight through.
 */
function replaceMark(old: Injectable, entry: Injectable): void {
  const armed = old.armed !== 0;
  const { retval } = old;
  if (armed) {
    try {
      disarmInjectable(old);
    } catch {
      forgetArmed(old);
    }
  }
  removeMark(old);
  state.injectables.set(entry.name, entry);
  addMark(entry);
  if (!armed) return;
  try {
    armInjectable(entry);
    if (entry.type === old.type) entry.retval = retval;
  } catch (error) {
    process.emitWarning(`errinject: ${entry.name} was marked again and could not be armed as it was: ${(error as Error).message}`, {
      code: 'ERRINJECT_NOT_ARMED',
    });
  }
}

/**
 * Adds an entry to the registry, the `ALLOW_ERROR_INJECTION` of the kernel. Marking the same
 * function again the same way is harmless and gives the first entry; a function has one mark, so
 * marking it again under another name or type is refused. A module evaluated again (watch modes,
 * test runners that reset their modules) marks new functions under the names its old ones had: each
 * replaces the old one and keeps what was configured for the name (see {@link isReload}). A
 * different function under a name already taken (two classes `Client` in two modules, say) must not
 * make its module fail to load: it is registered as `name#2` (`#3`, ...) with a process warning,
 * code `ERRINJECT_DUPLICATE_NAME`. Each check is a lookup, so that marking costs the same for the
 * ten-thousandth function as for the first.
 *
 * @param entry - the new entry, its name set (and changed when the name is taken)
 * @returns the entry in the registry
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE when the function is marked already, otherwise
 */
export function registerInjectable(entry: Injectable): Injectable {
  const existing = state.injectables.get(entry.name);
  if (existing !== undefined && (existing === entry || sameMark(existing, entry))) return existing;
  const first = state.marks.get(entry.original)?.find((other) => other.kind === entry.kind && (other.key === entry.key || other === existing));
  if (first !== undefined) throw markedAlready(first, entry);
  if (existing !== undefined && isReload(existing, entry)) {
    replaceMark(existing, entry);
    retryPendingBoot();
    return entry;
  }
  if (existing !== undefined) {
    const wanted = entry.name;
    entry.name = distinctName(wanted);
    const where = markedWhere(entry);
    process.emitWarning(
      `errinject: another function is marked error-injectable as ${showValue(wanted)} already; this one${where} is named ` +
        `${JSON.stringify(entry.name)} (the name with #2, #3, ... in the order they are marked): give one of them a name of its own with options.name`,
      { code: 'ERRINJECT_DUPLICATE_NAME' },
    );
  }
  // A boot entry may be waiting for this name (fail_function/inject=Store.open). One written after
  // inject=*, and those after it for the name (inject=!Store.open), decide for the function: * leaves
  // it to them. Asked before the name is known, since a known name is awaited by nothing.
  const awaited = bootAwaitsInjectable(entry.name);
  state.injectables.set(entry.name, entry);
  addMark(entry);
  retryPendingBoot();
  if (!awaited) armIfArmingAll(entry);
  return entry;
}

/** The directory of this copy of the core, whose frames are not where a function was marked. */
const CORE_ROOT = `${dirname(__dirname)}${sep}`;

/** Decorator helpers between the class and the decorator: libraries, and the helpers compilers inline. */
const HELPER_FILE = /[\\/]node_modules[\\/](?:tslib|reflect-metadata|@swc[\\/]helpers|@babel[\\/]runtime)[\\/]/;
// tsc's __decorate/__esDecorate/__runInitializers, esbuild's __decorateElement, swc's _ts_decorate and
// _apply_decs_2203_r, Babel's _applyDecs2311 (and its applyDec) and _decorate.
const HELPER_FUNCTION = /^(?:__|_ts_|_?apply_?[dD]ec|_decorate)/;

let turn: object | undefined;

/** The object that stands for this synchronous stretch of code, until the next microtask. */
function currentTurn(): object {
  if (turn === undefined) {
    const now = {};
    turn = now;
    queueMicrotask(() => {
      if (turn === now) turn = undefined;
    });
  }
  return turn;
}

/** The first frame outside the core and the decorator helpers, or `undefined`. */
function firstOutside(sites: readonly NodeJS.CallSite[]): NodeJS.CallSite | undefined {
  return sites.find((site) => {
    const file = site.getFileName();
    if (file === undefined || file === null || file.startsWith('node:') || file.startsWith(CORE_ROOT) || HELPER_FILE.test(file)) return false;
    return !HELPER_FUNCTION.test(site.getFunctionName() ?? '');
  });
}

/**
 * Where the code that marks a function stands: the file of the first frame outside the core (and
 * outside a decorator helper, from a library or inlined by a compiler); `undefined` when none is found.
 */
function markSite(): MarkSite | undefined {
  const file = firstOutside(captureCallSites(12, markSite))?.getFileName();
  if (file === undefined || file === null) return undefined;
  const query = file.indexOf('?');
  return { file: query === -1 ? file : file.slice(0, query), turn: currentTurn() };
}

/**
 * Where a function being registered was marked, for a warning: ` (marked at src/a.ts:3:5)` while the
 * code that marks it is on the stack (in its source, through source maps), else the file it was
 * marked in; empty when that is not known.
 */
function markedWhere(entry: Injectable): string {
  if (entry.site === undefined) return '';
  const site = firstOutside(captureCallSites(12, markedWhere));
  const file = site?.getFileName();
  const here = site !== undefined && file !== undefined && file !== null && file.startsWith(entry.site.file) ? formatCallSite(site) : undefined;
  return here === undefined ? ` (marked in ${entry.site.file})` : ` (marked at ${relativeSite(here)})`;
}

/**
 * Remembers the wrapper a plain function's callers hold, so that marking that wrapper again is known.
 *
 * @param entry - a function entry with its wrapper
 */
export function rememberWrapper(entry: Injectable): void {
  if (entry.wrapper !== undefined) state.wrappers.set(entry.wrapper, entry);
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
