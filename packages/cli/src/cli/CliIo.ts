/** Where a CLI writes: the process's streams, or a test's. */
export interface CliIo {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** The process's own streams. */
export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

/**
 * Whether to colour a stream: a terminal, unless `NO_COLOR` is set (https://no-color.org) or
 * `NODE_DISABLE_COLORS`; `FORCE_COLOR` (not 0) forces it.
 *
 * @param stream - the stream
 * @param env - the environment
 * @returns true to colour
 */
export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  if ((env['NO_COLOR'] ?? '') !== '' || (env['NODE_DISABLE_COLORS'] ?? '') !== '') return false;
  return stream.isTTY === true;
}
