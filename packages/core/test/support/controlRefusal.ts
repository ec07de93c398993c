import { expect } from 'chai';
import { ErrInjectError, isErrnoName } from '../../src/index';

/**
 * What a call of the control tree did: returned (with its result) or threw (with what it threw).
 */
export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Calls `fn` and says what it did, never throwing.
 *
 * @param fn - the call
 */
export function attempt<T>(fn: () => T): Attempt<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The most characters an error message may have, whatever the path or value it names (issue 9, item 8). */
export const MESSAGE_LIMIT = 1000;

/**
 * A string shown in an assertion message: quoted with escapes, long ones cut with their length.
 *
 * @param value - anything
 */
export function show(value: unknown): string {
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'string') {
    try {
      return `${typeof value} ${String(JSON.stringify(value) ?? value)}`.slice(0, 80);
    } catch {
      return typeof value;
    }
  }
  const quoted = JSON.stringify(value.length > 60 ? value.slice(0, 60) : value);
  return value.length > 60 ? `${quoted}... (${value.length} characters)` : quoted;
}

/**
 * Asserts that a call of the control tree was refused as the contract says: an {@link ErrInjectError}
 * of this copy of the core whose `code` is an errno name, or `ERR_INVALID_ARG_TYPE` when a path or
 * value that is not a string was given.
 *
 * @param error - what the call threw
 * @param what - the call, for the assertion messages
 * @param nonString - a path or value that is not a string was given
 * @returns the error's code
 */
export function expectControlRefusal(error: unknown, what: string, nonString: boolean): string {
  const detail = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : show(error);
  expect(error instanceof ErrInjectError, `${what} threw ${detail}, not an ErrInjectError`).to.equal(true);
  const code = (error as ErrInjectError).code;
  const accepted = isErrnoName(code) || (nonString && code === 'ERR_INVALID_ARG_TYPE');
  expect(accepted, `${what} was refused with ${String(code)}, not an errno name${nonString ? ' nor ERR_INVALID_ARG_TYPE' : ''} (${detail})`).to.equal(true);
  return code;
}
