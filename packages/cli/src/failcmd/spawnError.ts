import { loadCore } from '../core/loadCore';
import { CliError } from '../errors/CliError';

/**
 * The error for a command that could not be started, with the errno name Node.js gave (`ENOENT` for a
 * program not found, `EACCES` for one that cannot be executed), `EIO` when it gave none.
 *
 * @param file - the program
 * @param error - what spawn reported
 * @returns the error to throw
 */
export function spawnError(file: string, error: NodeJS.ErrnoException): CliError {
  const code = error.code !== undefined && loadCore().isErrnoName(error.code) ? error.code : 'EIO';
  const why = code === 'ENOENT' ? 'no such program (looked up on PATH)' : code === 'EACCES' ? 'permission denied (not executable)' : error.message;
  return new CliError(code, `cannot run ${JSON.stringify(file)}: ${why}`, { cause: error });
}
