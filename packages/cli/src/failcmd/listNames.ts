/** The most names a message lists; the rest are counted. */
const MAX_NAMES = 5;

/**
 * Names for a message: the first few, then how many more.
 *
 * @param names - the names
 * @returns `A, B, C` or `A, B, C, D, E and 3 more`
 */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).join(', ');
  return names.length > MAX_NAMES ? `${shown} and ${names.length - MAX_NAMES} more` : shown;
}
