/**
 * Names a line of the calling test file as the fault report and sweeps name call sites.
 */

/**
 * The file and line of the caller, as the stack shows it (through the source map: mocha runs with
 * --enable-source-maps), so that a test can name the line after it as the call site it expects.
 *
 * @returns `file:line` of the line that called it
 */
export function here(): { readonly file: string; readonly line: number } {
  const frame = (new Error().stack ?? '').split('\n')[2] ?? '';
  const match = /\(?([^()\s]+):(\d+):\d+\)?$/.exec(frame);
  if (match === null) throw new Error(`cannot read a position from ${frame}`);
  return { file: match[1] as string, line: Number(match[2]) };
}
