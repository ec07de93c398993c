import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The paths of a call's file descriptors and `FileHandle`s: `path-filter` matches a read or a write
 * by the path its descriptor was opened with. Kept while `path-filter` has patterns (a descriptor
 * opened before they were written is not known), and forgotten at close.
 */
const fdPaths = new Map<number, string>();
const handlePaths = new WeakMap<object, string>();

/**
 * The path a call names, as Node's error shows it: a string as given, a `file:` URL as its path, a
 * Buffer decoded.
 *
 * @param value - the call's argument
 * @returns the path, or `undefined` when the argument is not a path
 */
export function shownPath(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof URL) {
    try {
      return fileURLToPath(value);
    } catch {
      return undefined;
    }
  }
  if (Buffer.isBuffer(value)) return value.toString();
  return undefined;
}

/**
 * The absolute path `path-filter` matches.
 *
 * @param shown - the path as the call gave it
 * @returns it resolved against the working directory
 */
export function filterPath(shown: string): string {
  return resolve(shown);
}

/**
 * Remembers what a descriptor was opened with.
 *
 * @param fd - the descriptor
 * @param shown - the path it was opened with
 */
export function rememberFd(fd: unknown, shown: string | undefined): void {
  if (typeof fd === 'number' && shown !== undefined) fdPaths.set(fd, filterPath(shown));
}

/**
 * Forgets a descriptor at its close.
 *
 * @param fd - the descriptor
 */
export function forgetFd(fd: unknown): void {
  if (typeof fd === 'number') fdPaths.delete(fd);
}

/**
 * Remembers what a `FileHandle` was opened with.
 *
 * @param handle - the handle
 * @param shown - the path it was opened with
 */
export function rememberHandle(handle: unknown, shown: string | undefined): void {
  if (typeof handle === 'object' && handle !== null && shown !== undefined) handlePaths.set(handle, filterPath(shown));
}

/**
 * The path a descriptor or handle was opened with, as far as known.
 *
 * @param target - a descriptor, a `FileHandle`, or a `Dir` (whose `path` it has)
 * @returns the absolute path, or `undefined`
 */
export function openedPath(target: unknown): string | undefined {
  if (typeof target === 'number') return fdPaths.get(target);
  if (typeof target !== 'object' || target === null) return undefined;
  const known = handlePaths.get(target);
  if (known !== undefined) return known;
  const own = (target as { path?: unknown }).path;
  return typeof own === 'string' ? filterPath(own) : undefined;
}
