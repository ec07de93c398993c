import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isErrnoName } from '../errno/errno';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';

/**
 * Where the control sockets of one user live: `$XDG_RUNTIME_DIR/errinject` when that variable is
 * set, otherwise `<os.tmpdir()>/errinject-<uid>`. A directory of the user's own, mode 0700, so that
 * no other user can reach a socket in it.
 */

function currentUid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : 0;
}

/**
 * The per-user directory of control sockets, created with mode 0700 when it does not exist.
 *
 * @returns its absolute path
 * @throws ErrInjectError EACCES when it exists with other permissions than 0700 or another owner,
 * ENOTDIR when it is not a directory (a symbolic link included), or the errno of the failed
 * `mkdir` (ENOENT when `$XDG_RUNTIME_DIR` does not exist, say)
 */
export function controlSocketDir(): string {
  const runtime = process.env['XDG_RUNTIME_DIR'];
  const dir = runtime !== undefined && runtime !== '' ? join(runtime, 'errinject') : join(tmpdir(), `errinject-${currentUid()}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
    // The umask may have taken bits away; never more than 0700 were asked for.
    chmodSync(dir, 0o700);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST') {
      throw new ErrInjectError(code !== undefined && isErrnoName(code) ? code : 'EIO', `control socket directory ${showValue(dir)}: cannot create it (${String(code)}): ${(error as Error).message}`, {
        path: dir,
        cause: error,
      });
    }
  }
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) {
    throw new ErrInjectError('ENOTDIR', `control socket directory ${showValue(dir)}: it exists and is not a directory (a symbolic link is refused too); remove it`, {
      path: dir,
    });
  }
  const mode = stat.mode & 0o777;
  if (stat.uid !== currentUid() || mode !== 0o700) {
    throw new ErrInjectError(
      'EACCES',
      `control socket directory ${showValue(dir)}: owned by uid ${stat.uid} with mode 0${mode.toString(8)}; ` +
        `it must belong to this user (uid ${currentUid()}) with mode 0700, so that no one else can reach its sockets`,
      { path: dir },
    );
  }
  return dir;
}

/**
 * The control socket of a process: `<controlSocketDir()>/<pid>.sock`.
 *
 * @param pid - the process id
 * @returns the socket's absolute path
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE when `pid` is not a positive integer, and what
 * {@link controlSocketDir} throws
 */
export function controlSocketPath(pid: number): string {
  if (!Number.isSafeInteger(pid) || pid <= 0) {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `controlSocketPath: pid must be a positive integer, got ${showValue(pid)}`);
  }
  return join(controlSocketDir(), `${pid}.sock`);
}
