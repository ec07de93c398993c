/**
 * Resolves after `ms` milliseconds, on a timer (so the continuation runs in a later macrotask).
 *
 * @param ms - the delay, for setTimeout
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}
