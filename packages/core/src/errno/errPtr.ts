import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { getErrno } from './errno';

/**
 * The kernel's ERR_PTR family (`include/linux/err.h`): an error carried where an object is expected.
 * A function that returns objects reports a failure by returning `errPtr(-ENOMEM)` instead of `null`,
 * and its callers test the result with `isErr` before using it.
 */

/** The most negative errno an ErrPtr carries (`MAX_ERRNO`). */
export const MAX_ERRNO = 4095;

/** The brand of an ErrPtr, the same for every copy of the core in the process. */
const ERR_PTR: unique symbol = Symbol.for('errinject.ErrPtr');

/** An error in place of an object: what `errPtr(-e)` returns. */
export interface ErrPtr {
  readonly [ERR_PTR]: true;
  /** The negative errno it carries, -4095 to -1. */
  readonly errno: number;
}

class ErrPtrValue implements ErrPtr {
  readonly [ERR_PTR] = true as const;
  constructor(readonly errno: number) {
    Object.freeze(this);
  }
  toString(): string {
    return `ERR_PTR(${this.errno}${getErrno(this.errno) ? ` ${getErrno(this.errno)?.name}` : ''})`;
  }
}

// One object per errno, so that errPtr(-12) === errPtr(-12), as equal pointers compare equal.
const cache = new Map<number, ErrPtr>();

/**
 * `ERR_PTR(-e)`: an error in place of an object.
 *
 * @param error - a negative errno, -4095 to -1 (`-errno.ENOMEM`)
 * @returns the ErrPtr carrying it (the same object for the same errno)
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE for anything else, a positive errno included
 */
export function errPtr(error: number): ErrPtr {
  let value = cache.get(error);
  if (value === undefined) {
    if (!Number.isInteger(error) || error < -MAX_ERRNO || error > -1) {
      throw new ErrInjectError(
        'ERR_INVALID_ARG_VALUE',
        `errPtr: ${showValue(error)} is not a negative errno; accepted: an integer from -${MAX_ERRNO} to -1, such as -errno.ENOMEM`,
      );
    }
    value = new ErrPtrValue(error);
    cache.set(error, value);
  }
  return value;
}

/**
 * `IS_ERR(x)`: whether a value is an ErrPtr (from any copy of the core).
 *
 * @param value - anything a function returned
 * @returns true when it carries an error
 */
export function isErr(value: unknown): value is ErrPtr {
  return typeof value === 'object' && value !== null && (value as { [ERR_PTR]?: unknown })[ERR_PTR] === true;
}

/**
 * `IS_ERR_OR_NULL(x)`: whether a value is an ErrPtr or `null`, the failures of an ERRNO_NULL function
 * that returns objects.
 *
 * @param value - anything a function returned
 * @returns true when it carries an error or is null
 */
export function isErrOrNull(value: unknown): value is ErrPtr | null {
  return value === null || isErr(value);
}

/**
 * `PTR_ERR(x)`: the errno an ErrPtr carries.
 *
 * @param value - an ErrPtr
 * @returns its negative errno
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE when the value is not an ErrPtr (test with isErr first)
 */
export function ptrErr(value: ErrPtr): number {
  if (!isErr(value)) {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `ptrErr: ${showValue(value)} is not an ErrPtr; test it with isErr first`);
  }
  return value.errno;
}
