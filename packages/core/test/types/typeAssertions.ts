/**
 * Helpers of the type-level tests (`*.types.ts`). Those files are compiled with the test project and
 * never run: a wrong type fails the build, and each invalid use carries `// @ts-expect-error`, which
 * fails the build when the use stops being an error.
 */

/** `true` when A and B are the same type (not merely assignable to each other), otherwise `false`. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * Compiles only when its type argument is `true`: `expectType<Equal<typeof x, number>>(true)`.
 *
 * @param _check - `true`
 */
export function expectType<T extends true>(_check: T): void {}
