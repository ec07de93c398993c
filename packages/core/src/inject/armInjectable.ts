import type { FaultAttrImpl } from '../attr/FaultAttr';
import { createDir, type ControlDir, nameList } from '../control/tree';
import { ErrInjectError, showPath, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { renewPrototypeShape } from './decorator/renewPrototypeShape';
import { armedValue } from './failedCallResult';
import { generateWrapper, targetOfWrapper } from './generateWrapper';
import type { Injectable } from './Injectable';
import { createRetvalFile, defaultRetval } from './retvalFile';

/**
 * Arming and disarming, the kprobes of `kernel/fail_function.c`. A function wrapped from the start
 * only has its flag set. A method is left alone on its class until it is armed, as the kernel adds
 * no kprobe until `inject` (so code that is never armed runs exactly as written); arming puts a
 * wrapper in its place, and disarming puts back exactly what was there.
 */

function failFunction(): FaultAttrImpl {
  return state.attrs.get('fail_function') as FaultAttrImpl;
}

function failFunctionDir(): ControlDir {
  return state.debugfs.entries.get('fail_function') as ControlDir;
}

/**
 * What a wrapper of an entry found on its class wraps: a wrapper of this injectable that something put
 * back (a test double's restore puts back the armed wrapper it replaced) is not wrapped again, and
 * disarming puts back what it wraps.
 *
 * @returns the function the wrapper calls, or `undefined` when `value` is no wrapper of this entry
 */
function ownWrapperTarget(entry: Injectable, value: unknown): Injectable['original'] | undefined {
  if (value === entry.wrapper && entry.saved !== undefined) return entry.saved.value as Injectable['original'];
  return targetOfWrapper(entry, value);
}

/**
 * Puts the armed wrapper of a method on its class, once the class is known and the method armed. A
 * wrapper of its own already there (put back by a test double's restore after it was disarmed) is
 * armed again as it is, so that a call is never wrapped twice.
 *
 * @param entry - a method entry with its holder known
 */
export function installMethodWrapper(entry: Injectable): void {
  const holder = entry.holder as object;
  const key = entry.key as string | symbol;
  const current = Object.getOwnPropertyDescriptor(holder, key);
  if (current === undefined || typeof current.value !== 'function') {
    throw new ErrInjectError('EINVAL', `cannot arm ${entry.name}: ${String(key)} is no longer a method of its class`, { path: 'fail_function/inject' });
  }
  const wrapped = ownWrapperTarget(entry, current.value);
  if (wrapped !== undefined) {
    // The test double that put it back redefined the method: the prototype is renewed as after arming.
    renewPrototypeShape(holder);
    entry.saved = { ...current, value: wrapped };
    entry.wrapper = current.value as Injectable['original'];
    return;
  }
  const wrapper = generateWrapper(entry, current.value as Injectable['original'], failFunction());
  try {
    Object.defineProperty(holder, key, { ...current, value: wrapper });
  } catch (cause) {
    throw new ErrInjectError('EPERM', `cannot arm ${entry.name}: its class cannot be changed (it is frozen or the method is not configurable)`, {
      path: 'fail_function/inject',
      cause,
    });
  }
  renewPrototypeShape(holder);
  entry.saved = current;
  entry.wrapper = wrapper;
}

/**
 * Arms an injectable: its retval starts at the type's default, its directory `fail_function/<name>/`
 * appears with `retval`, and calls of it may fail from now on.
 *
 * @param entry - a registered injectable that is not armed
 */
export function armInjectable(entry: Injectable): void {
  if (entry.kind === 'method' && entry.holder !== undefined) installMethodWrapper(entry);
  entry.retval = defaultRetval(entry.type);
  entry.armed = armedValue(entry);
  state.armed.push(entry);
  const dir = createDir();
  dir.entries.set('retval', createRetvalFile(entry));
  failFunctionDir().entries.set(entry.name, dir);
}

/**
 * Disarms an injectable: a method gets back exactly the property it had, then its directory goes.
 * When something else has replaced the wrapper since (a test double), that is left alone: the
 * wrapper, if still reached, calls straight through, and if it is put back and armed again, it is
 * not wrapped again. All or nothing: a method whose class was frozen after it was armed cannot get
 * its property back, and stays armed as it was.
 *
 * @param entry - an armed injectable
 * @throws ErrInjectError EPERM when the method's property cannot be put back (nothing changed)
 */
export function disarmInjectable(entry: Injectable): void {
  if (entry.kind === 'method' && entry.saved !== undefined) {
    const holder = entry.holder as object;
    const key = entry.key as string | symbol;
    const wrapped = ownWrapperTarget(entry, Object.getOwnPropertyDescriptor(holder, key)?.value);
    if (wrapped !== undefined) {
      try {
        Object.defineProperty(holder, key, { ...entry.saved, value: wrapped });
        renewPrototypeShape(holder);
      } catch (cause) {
        throw new ErrInjectError(
          'EPERM',
          `cannot disarm ${entry.name}: its class was frozen (or the method made non-configurable) after it was armed, so the method as ` +
            'written cannot be put back; it stays armed. Write 0 to fail_function/probability to stop its faults, and freeze classes ' +
            'only while their methods are not armed',
          { path: 'fail_function/inject', cause },
        );
      }
      entry.saved = undefined;
      entry.wrapper = undefined;
    }
  }
  forgetArmed(entry);
}

/**
 * Takes an injectable off the armed list, and its directory away, leaving its class as it is: a
 * wrapper still there calls straight through from now on (the injectable is being replaced by a new
 * mark of the same function, and its old class cannot be changed).
 *
 * @param entry - an armed injectable
 */
export function forgetArmed(entry: Injectable): void {
  entry.armed = 0;
  state.armed.splice(state.armed.indexOf(entry), 1);
  failFunctionDir().entries.delete(entry.name);
}

/** A function a write could not disarm, and why. */
export interface DisarmRefusal {
  readonly entry: Injectable;
  readonly error: ErrInjectError;
}

/**
 * Disarms every one of some injectables that can be disarmed, in order, and keeps going past those
 * that cannot (see {@link disarmInjectable}).
 *
 * @param entries - armed injectables
 * @returns those left armed, with why, in order
 */
export function disarmEach(entries: readonly Injectable[]): DisarmRefusal[] {
  const refusals: DisarmRefusal[] = [];
  for (const entry of entries) {
    try {
      disarmInjectable(entry);
    } catch (error) {
      refusals.push({ entry, error: error as ErrInjectError });
    }
  }
  return refusals;
}

/**
 * The refusal of a write that disarmed what it could and left some functions armed.
 *
 * @param refusals - what {@link disarmEach} returned, not empty
 * @param path - the file written, for the message
 * @param value - the value written
 * @returns one EPERM error naming each function left armed, with the first refusal as its cause
 */
export function leftArmedError(refusals: readonly DisarmRefusal[], path: string, value: string): ErrInjectError {
  const names = refusals.map(({ entry }) => entry.name);
  return new ErrInjectError(
    'EPERM',
    `debugfs ${showPath(path)}: cannot write ${showValue(value)} whole (EPERM: every other function was disarmed, but ${nameList(names)} ` +
      `${names.length === 1 ? 'stays' : 'stay'} armed: ${refusals[0]?.error.message ?? ''})`,
    { path, value, cause: refusals[0]?.error },
  );
}
