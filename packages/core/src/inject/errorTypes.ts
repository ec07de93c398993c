import { ErrInjectError, showValue } from '../errors/ErrInjectError';

/**
 * The error types of `include/asm-generic/error-injection.h`: what an error-injectable function
 * returns when it fails. The numbers are the kernel's `EI_ETYPE_*` values.
 */

/** The function returns `null` when it fails (an allocation, say). */
export const EI_TYPE_NULL = 1;
/** The function returns a negative errno when it fails, or `errPtr(-e)` when it returns objects. */
export const EI_TYPE_ERRNO = 2;
/** The function returns a negative errno (or `errPtr(-e)`) or `null` when it fails. */
export const EI_TYPE_ERRNO_NULL = 3;
/** The function returns `true` when it fails. */
export const EI_TYPE_TRUE = 4;

/** One of the four error types. */
export type ErrorInjectionType = typeof EI_TYPE_NULL | typeof EI_TYPE_ERRNO | typeof EI_TYPE_ERRNO_NULL | typeof EI_TYPE_TRUE;

const NAMES: Readonly<Record<ErrorInjectionType, string>> = {
  [EI_TYPE_NULL]: 'NULL',
  [EI_TYPE_ERRNO]: 'ERRNO',
  [EI_TYPE_ERRNO_NULL]: 'ERRNO_NULL',
  [EI_TYPE_TRUE]: 'TRUE',
};

/**
 * The name `fail_function/injectable` prints for a type.
 *
 * @param type - an error type
 * @returns `NULL`, `ERRNO`, `ERRNO_NULL` or `TRUE`
 */
export function errorTypeName(type: ErrorInjectionType): string {
  return NAMES[type];
}

/**
 * Checks that a value is one of the four error types.
 *
 * @param type - the value given
 * @param where - who asks, for the message
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE otherwise
 */
export function assertErrorType(type: unknown, where: string): asserts type is ErrorInjectionType {
  if (type !== EI_TYPE_NULL && type !== EI_TYPE_ERRNO && type !== EI_TYPE_ERRNO_NULL && type !== EI_TYPE_TRUE) {
    throw new ErrInjectError(
      'ERR_INVALID_ARG_VALUE',
      `${where}: ${showValue(type)} is not an error type; accepted: EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL or EI_TYPE_TRUE`,
    );
  }
}
