/**
 * Whether a bin colours what it writes to a stream, by the rules every Node.js CLI follows, first
 * that applies:
 *
 * 1. `--color` / `--no-color` on the command line (the last one given): a flag beats the environment.
 * 2. `FORCE_COLOR`, as Node.js and chalk read it: `''`, `1`, `2`, `3` or `true` colour, even off a
 *    terminal; `0`, `false` (and anything else, as Node.js reads it) do not, even on a terminal.
 * 3. `NO_COLOR` (https://no-color.org) or `NODE_DISABLE_COLORS`, set to anything but `''`: no colour.
 * 4. `TERM=dumb`: no colour.
 * 5. Otherwise colour only a terminal.
 *
 * The same module, byte for byte, in `@errinject/cli` (failcmd, ei-ctl) and `@errinject/lint`
 * (ei-lint), which cannot depend on each other; a test of the repository keeps the two copies equal.
 *
 * @param stream - where the output goes
 * @param env - the environment
 * @param flag - `true` for `--color`, `false` for `--no-color`, `undefined` when neither was given
 * @returns whether to colour
 */
export function useColor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return ['', '1', '2', '3', 'true'].includes(force);
  if ((env['NO_COLOR'] ?? '') !== '' || (env['NODE_DISABLE_COLORS'] ?? '') !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}
