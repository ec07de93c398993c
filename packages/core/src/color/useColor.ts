/** The values of `FORCE_COLOR` that colour (Node.js's `getColorDepth` reads the same). */
const FORCE_COLOR_ON: readonly string[] = ['', '1', '2', '3', 'true'];

/**
 * Whether a command-line program colours what it writes to a stream, by the rules Node.js itself
 * follows (`tty.WriteStream#hasColors`, `getColorDepth`), first that applies:
 *
 * 1. `--color` / `--no-color` on the command line (the last one given): a flag beats the environment.
 * 2. `FORCE_COLOR`, as Node.js reads it: `''`, `1`, `true` (16 colours), `2` (256) and `3`
 *    (16 million) colour, even off a terminal and whatever `NO_COLOR` and `NODE_DISABLE_COLORS` say
 *    (Node.js documents that a supported `FORCE_COLOR` makes it ignore both); `0`, `false` and any
 *    other value do not colour, even on a terminal. (chalk's supports-color reads `0`, `1`-`3`, `''`,
 *    `true` and `false` the same way.)
 * 3. `NO_COLOR` (https://no-color.org) or `NODE_DISABLE_COLORS`, set to anything but `''`: no colour.
 *    The empty string counts as unset, as no-color.org specifies, so that `NO_COLOR= cmd` clears it.
 * 4. `TERM=dumb`: no colour.
 * 5. Otherwise colour only a terminal.
 *
 * Pure: it reads only its arguments, and writes nothing. It is the one decision of every errinject
 * bin (`ei-lint`, `failcmd`, `ei-ctl`), exported as `@errinject/core/color`, an entry point that
 * loads this module alone: importing it neither sets up the core's process state (the fault
 * attributes, the boot configuration, the control socket) nor costs a bin's start-up what the whole
 * core costs.
 *
 * @param stream - where the output goes (`process.stdout`); only `isTTY` is read
 * @param env - the environment (`process.env`)
 * @param flag - `true` for `--color`, `false` for `--no-color`, `undefined` when neither was given
 * @returns whether to colour
 */
export function useColor(stream: { readonly isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return FORCE_COLOR_ON.includes(force);
  if ((env['NO_COLOR'] ?? '') !== '' || (env['NODE_DISABLE_COLORS'] ?? '') !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}
