import type { FaultAttrImpl } from '../attr/FaultAttr';
import { createDir, type ControlDir } from '../control/tree';
import { ErrInjectError } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { generateWrapper } from './generateWrapper';
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
 * Puts the armed wrapper of a method on its class, once the class is known and the method armed.
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
  const wrapper = generateWrapper(entry, current.value as Injectable['original'], failFunction());
  try {
    Object.defineProperty(holder, key, { ...current, value: wrapper });
  } catch (cause) {
    throw new ErrInjectError('EPERM', `cannot arm ${entry.name}: its class cannot be changed (it is frozen or the method is not configurable)`, {
      path: 'fail_function/inject',
      cause,
    });
  }
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
  entry.armed = 1;
  state.armed.push(entry);
  const dir = createDir();
  dir.entries.set('retval', createRetvalFile(entry));
  failFunctionDir().entries.set(entry.name, dir);
}

/**
 * Disarms an injectable: its directory goes, and a method gets back exactly the property it had
 * (unless something else has replaced the wrapper since: that is left alone, and the wrapper, if
 * still reached, calls straight through).
 *
 * @param entry - an armed injectable
 */
export function disarmInjectable(entry: Injectable): void {
  entry.armed = 0;
  state.armed.splice(state.armed.indexOf(entry), 1);
  failFunctionDir().entries.delete(entry.name);
  if (entry.kind === 'method' && entry.saved !== undefined) {
    const holder = entry.holder as object;
    const key = entry.key as string | symbol;
    if (Object.getOwnPropertyDescriptor(holder, key)?.value === entry.wrapper) {
      Object.defineProperty(holder, key, entry.saved);
    }
    entry.saved = undefined;
    entry.wrapper = undefined;
  }
}
