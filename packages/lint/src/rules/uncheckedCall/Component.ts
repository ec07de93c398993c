/**
 * What a value may be, as bits of a mask: the four kinds of failure, and success. A fact about a
 * value in a branch is the mask of what it can no longer be there.
 */
export const Component = {
  /** `null` (the failure of NULL and ERRNO_NULL). */
  null: 1,
  /** A negative number (the failure of ERRNO and ERRNO_NULL without the errPtr form). */
  errno: 2,
  /** An `ErrPtr` (the failure of ERRNO and ERRNO_NULL in the errPtr form). */
  errPtr: 4,
  /** `true` (the failure of TRUE). */
  true: 8,
  /** A value the function returns when it succeeds. */
  ok: 16,
  /** Everything: what an unreachable branch excludes. */
  all: 31,
} as const;

/**
 * Counts the bits of a mask.
 *
 * @param mask - a mask of components
 * @returns how many components it holds
 */
export function componentCount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}
