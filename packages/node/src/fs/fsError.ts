import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';
import { ErrInjectError } from '@errinject/core';

/** What a failing file system call carries besides its errno: Node's `syscall`, `path` and `dest`. */
export interface FsErrorSite {
  readonly syscall: string;
  readonly path?: string | undefined;
  readonly dest?: string | undefined;
}

/** An error as Node gives it for a failed file system call (`uvException` in `lib/internal/errors.js`). */
export interface FsError extends Error {
  readonly errno: number;
  readonly code: string;
  readonly syscall: string;
  readonly path?: string;
  readonly dest?: string;
}

const ERRNO_NUMBERS = constants.errno as Readonly<Record<string, number | undefined>>;

/**
 * Makes the error Node gives for a file system call that fails with an errno, field for field and
 * in the same order: message `ENOENT: no such file or directory, open '/x'` (with ` -> '/y'` for a
 * `dest`), `errno` negative as libuv has it, then `code`, `syscall`, `path`, `dest`.
 *
 * @param code - the errno's name (`ENOENT`), one libuv describes
 * @param site - the call: its `syscall` name, and the `path` and `dest` it was given
 * @returns the error, to throw, reject with, pass to a callback or emit
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE for a code libuv does not describe on this system
 */
export function fsError(code: string, site: FsErrorSite): FsError {
  const number = ERRNO_NUMBERS[code];
  const described = number === undefined ? undefined : getSystemErrorMap().get(-number);
  if (number === undefined || described === undefined || described[0] !== code) {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `fsError: ${JSON.stringify(code)} is not an errno Node describes on ${process.platform}; accepted: an errno name such as ENOENT, EACCES, ENOSPC, EIO`);
  }
  let message = `${code}: ${described[1]}, ${site.syscall}`;
  if (site.path !== undefined) message += ` '${site.path}'`;
  if (site.dest !== undefined) message += ` -> '${site.dest}'`;
  const error = new Error(message) as Error & Record<string, unknown>;
  error.errno = -number;
  error.code = code;
  error.syscall = site.syscall;
  if (site.path !== undefined) error.path = site.path;
  if (site.dest !== undefined) error.dest = site.dest;
  return error as unknown as FsError;
}
