import { kernelText, strstrip } from '../control/kstrtox';
import type { ControlDir } from '../control/tree';
import { ErrInjectError, showPath, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { startArmingAll } from './startArmingAll';
import { armInjectable, disarmEach, disarmInjectable, leftArmedError } from './armInjectable';
import { errorTypeName } from './errorTypes';
import { KSYM_NAME_LEN } from './registerInjectable';

/**
 * `fail_function/inject` and `fail_function/injectable` (`kernel/fail_function.c`,
 * `lib/error-inject.c`).
 */

function refuse(code: 'EINVAL' | 'EBUSY' | 'ENOENT', path: string, value: string, why: string): never {
  throw new ErrInjectError(code, `debugfs ${showPath(path)}: cannot write ${showValue(value)} (${code}: ${why})`, { path, value });
}

function unknownNameHint(name: string): string {
  const method = name.slice(name.lastIndexOf('.') + 1);
  const pending = [...state.pendingMethods].some((p) => String(p.key) === method);
  if (pending) {
    return (
      `; a method "${method}" marked under standard decorators is not known by its class yet: JavaScript does not tell a ` +
      'method decorator its class, so it becomes known when its class is first instantiated (or give it options.name)'
    );
  }
  return state.injectables.size === 0 ? '; no function is marked error-injectable yet' : '; fail_function/injectable lists those that are';
}

/**
 * A write to `inject`, one name at a time: the name arms it (EINVAL when no function of that name is
 * marked, EBUSY when it is armed already), `!name` disarms it (ENOENT when it is not armed), and an
 * empty write disarms every one.
 *
 * Beyond the kernel (see `armAll`): `*` arms every function marked, now and as each is marked later
 * (EBUSY when it is on already); `!*` stops arming later ones (ENOENT when it is off); while `*` is on,
 * `!name` for a name no function is marked under yet keeps that function from being armed when it is;
 * the empty write turns `*` off too.
 */
function writeInject(value: string, path: string): void {
  const text = strstrip(kernelText(value, KSYM_NAME_LEN));
  if (text === '') {
    // Disarms all it can; a method whose class was frozen since it was armed stays armed, and is named.
    state.armAll = undefined;
    const refusals = disarmEach([...state.armed]);
    if (refusals.length > 0) throw leftArmedError(refusals, path, value);
    return;
  }
  if (text === '*') {
    if (state.armAll !== undefined) refuse('EBUSY', path, value, 'every function is armed already as it is marked; write !* to stop that');
    startArmingAll();
    return;
  }
  if (text.startsWith('!')) {
    // The rest is taken exactly: "! name" looks for " name".
    const name = text.slice(1);
    if (name === '*') {
      if (state.armAll === undefined) refuse('ENOENT', path, value, 'functions are not being armed as they are marked; write * to start that');
      state.armAll = undefined;
      return;
    }
    const entry = state.armed.find((armed) => armed.name === name);
    if (entry === undefined) {
      if (state.armAll !== undefined && !state.injectables.has(name)) {
        state.armAll.excluded.add(name);
        return;
      }
      refuse('ENOENT', path, value, `${showValue(name)} is not armed; reading inject lists those that are`);
    }
    disarmInjectable(entry);
    return;
  }
  const entry = state.injectables.get(text);
  if (entry === undefined) refuse('EINVAL', path, value, `no error-injectable function is named ${showValue(text)}${unknownNameHint(text)}`);
  if (entry.armed !== 0) refuse('EBUSY', path, value, `${text} is armed already; write !${text} to disarm it`);
  armInjectable(entry);
}

/**
 * Adds `inject` and `injectable` to the `fail_function` directory.
 *
 * @param dir - `fail_function/`
 */
export function addFailFunctionFiles(dir: ControlDir): void {
  dir.entries.set('inject', {
    kind: 'file',
    read: () => state.armed.map((entry) => `${entry.name}\n`).join(''),
    write: writeInject,
  });
  dir.entries.set('injectable', {
    kind: 'file',
    read: () => [...state.injectables.values()].map((entry) => `${entry.name}\t${errorTypeName(entry.type)}\n`).join(''),
  });
}
