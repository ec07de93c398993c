/**
 * Tells whether output to a stream may be coloured: only on a terminal, and only when `NO_COLOR`
 * is unset or empty (https://no-color.org).
 *
 * @param stream - where the output goes
 * @param env - the environment
 * @returns whether to colour
 */
export function useColor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  return stream.isTTY === true && (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '');
}
