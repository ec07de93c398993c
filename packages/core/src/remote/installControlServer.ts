import { parseBool } from '../control/kstrtox';
import { showValue } from '../errors/ErrInjectError';
import type { ControlServer } from './startControlServer';

/** The environment variable that opts a process in to live control. */
export const CONTROL_ENV = 'ERRINJECT_CONTROL';

/**
 * Reads `ERRINJECT_CONTROL` once, when the core first loads: `1` (or any true boolean: `y`, `on`,
 * `true`) starts the control socket server of the process. Only the main thread serves, since a
 * worker shares its pid; a server that cannot start is reported on stderr, and the program runs on.
 *
 * @param value - the variable's value
 * @returns the server once it listens, or `undefined` when the process did not opt in or the server
 * could not start. The server's modules (and `node:net`) load only in a process that opted in, so
 * that every other process loads the core without them.
 */
export async function installControlServer(value: string | undefined): Promise<ControlServer | undefined> {
  if (value === undefined || value === '') return undefined;
  const enabled = parseBool(value);
  if (!enabled.ok) {
    process.stderr.write(`errinject: ${CONTROL_ENV}=${showValue(value)} is not accepted: expected 1 or 0 (or y/n, on/off, true/false); no control socket\n`);
    return undefined;
  }
  if (!enabled.value) return undefined;
  const { isMainThread } = await import('node:worker_threads');
  if (!isMainThread) return undefined;
  try {
    const { startControlServer } = await import('./startControlServer.js');
    return await startControlServer();
  } catch (error) {
    process.stderr.write(`errinject: ${CONTROL_ENV}=1, but the control socket cannot start: ${(error as Error).message}\n`);
    return undefined;
  }
}
