/**
 * Capability names for the tests. Capabilities are process-global and can never be removed, and
 * every test file runs in the same process: each test declares its own, under a name that no other
 * test of any file uses.
 */

/** One counter for the whole process, shared by every test file. */
let sequence = 0;

/**
 * A name no other call returns in this process: `<prefix>-<n>`, n counted by one process-wide
 * counter. The last `-`-separated part is always n, so no two calls can give the same name,
 * whatever the prefixes.
 *
 * @param prefix - says which file and which test the capability belongs to (e.g. `spec-fuzz`)
 */
export function uniqueName(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/**
 * The `uniqueName` of one test file: `uniqueNames('attr-declare')('ok')` gives
 * `attr-declare-ok-<n>`, with n from the process-wide counter of {@link uniqueName}.
 *
 * @param filePrefix - the file's own prefix, used by no other file
 */
export function uniqueNames(filePrefix: string): (label: string) => string {
  return (label) => uniqueName(`${filePrefix}-${label}`);
}
