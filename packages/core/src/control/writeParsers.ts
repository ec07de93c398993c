import { ErrInjectError, showPath, showValue } from '../errors/ErrInjectError';
import {
  kernelBuffer,
  kstrtoll,
  kstrtoull,
  parseBool,
  type ParseError,
  type ParseResult,
  toInt32,
  toUint32,
} from './kstrtox';

/**
 * The write rules of the kernel's debugfs file types (`fs/libfs.c`, `fs/debugfs/file.c`), each
 * throwing an {@link ErrInjectError} that names the path, the value and what is accepted.
 */

/** The bytes `simple_attr_write` copies (`set_buf` is 24 bytes with its terminator). */
export const SIMPLE_ATTR_BUFFER = 23;

const NUMBER_FORM = 'decimal, 0x-prefixed hex or 0-prefixed octal, with at most one trailing newline';

/** What an unsigned 64-bit ("ulong") file accepts. */
export const ACCEPTS_ULONG = `an unsigned 64-bit integer, 0 to 18446744073709551615, ${NUMBER_FORM} and an optional +`;
/** What a signed 32-bit ("atomic_t") file accepts. */
export const ACCEPTS_ATOMIC = `a signed 64-bit integer, stored in 32 bits (4294967295 is stored as -1), ${NUMBER_FORM} and an optional sign`;
/** What an unsigned 32-bit ("u32") file accepts. */
export const ACCEPTS_U32 = `an unsigned 64-bit integer, stored in 32 bits, ${NUMBER_FORM} and an optional +`;
/** What a boolean file accepts. */
export const ACCEPTS_BOOL = 'Y/N, y/n, 1/0, on/off or true/false, with at most one trailing newline';

/**
 * Throws the refusal of a write.
 *
 * @param tree - `debugfs` or `procfs`
 * @param path - the file's path
 * @param value - the refused value
 * @param code - the errno name
 * @param accepted - what the file accepts
 * @throws ErrInjectError always
 */
export function refuseWrite(tree: string, path: string, value: string, code: ParseError | 'EPERM' | 'ENOENT' | 'EBUSY', accepted: string): never {
  const why = code === 'ERANGE' ? 'out of range' : code === 'EINVAL' ? 'not accepted' : 'refused';
  throw new ErrInjectError(code, `${tree} ${showPath(path)}: cannot write ${showValue(value)} (${code}: ${why}); accepted: ${accepted}`, {
    path,
    value,
  });
}

function take<T>(result: ParseResult<T>, path: string, value: string, accepted: string): T {
  if (!result.ok) refuseWrite('debugfs', path, value, result.code, accepted);
  return result.value;
}

/**
 * A write to an unsigned 64-bit file (`probability`, `interval`, `verbose`, `stacktrace-depth`).
 *
 * @param value - the written string
 * @param path - the file's path
 * @returns the value
 */
export function parseUlongWrite(value: string, path: string): bigint {
  return take(kstrtoull(kernelBuffer(value, SIMPLE_ATTR_BUFFER)), path, value, ACCEPTS_ULONG);
}

/**
 * A write to a signed 32-bit file (`times`, `space`): parsed as signed 64-bit, then truncated.
 *
 * @param value - the written string
 * @param path - the file's path
 * @returns the stored value
 */
export function parseAtomicWrite(value: string, path: string): number {
  return toInt32(take(kstrtoll(kernelBuffer(value, SIMPLE_ATTR_BUFFER)), path, value, ACCEPTS_ATOMIC));
}

/**
 * A write to an unsigned 32-bit file (the ratelimit knobs): parsed as unsigned 64-bit, then truncated.
 *
 * @param value - the written string
 * @param path - the file's path
 * @returns the stored value
 */
export function parseU32Write(value: string, path: string): number {
  return toUint32(take(kstrtoull(kernelBuffer(value, SIMPLE_ATTR_BUFFER)), path, value, ACCEPTS_U32));
}

/**
 * A write to a boolean file (`task-filter`).
 *
 * @param value - the written string
 * @param path - the file's path
 * @returns the value
 */
export function parseBoolWrite(value: string, path: string): boolean {
  return take(parseBool(value), path, value, ACCEPTS_BOOL);
}
