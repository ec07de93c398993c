/**
 * `@errinject/core`, loaded on first use. failcmd needs the core only to check values (and to read a
 * user's `ERRINJECT`): a sweep of a command with no value to check starts without it, which keeps its
 * fixed cost, the part `-j` cannot share, small.
 *
 * @returns the core's exports
 */
export function loadCore(): typeof import('@errinject/core') {
  return require('@errinject/core') as typeof import('@errinject/core');
}
