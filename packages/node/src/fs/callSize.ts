import { originalFs } from './originalFs';
import type { FsSize } from './FS_CALLS';
import { shownPath } from './fsTargets';

/** `fs.read(fd, callback)` reads into a buffer of this size. */
const DEFAULT_READ = 16384;

function byteLength(value: unknown, encoding?: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (ArrayBuffer.isView(value)) return value.byteLength;
  return 0;
}

function readLength(args: ArrayLike<unknown>, first: number): number {
  const buffer = args[first];
  const length = args[first + 2];
  if (typeof length === 'number') return length;
  if (ArrayBuffer.isView(buffer)) {
    const options = args[first + 1];
    if (typeof options === 'object' && options !== null && typeof (options as { length?: unknown }).length === 'number') return (options as { length: number }).length;
    const offset = typeof options === 'number' ? options : 0;
    return Math.max(0, buffer.byteLength - offset);
  }
  if (typeof buffer === 'object' && buffer !== null) {
    const options = buffer as { buffer?: unknown; length?: unknown; offset?: unknown };
    if (typeof options.length === 'number') return options.length;
    if (ArrayBuffer.isView(options.buffer)) return options.buffer.byteLength - (typeof options.offset === 'number' ? options.offset : 0);
  }
  return DEFAULT_READ;
}

function writeLength(args: ArrayLike<unknown>, first: number): number {
  const data = args[first];
  if (typeof data === 'string') return byteLength(data, args[first + 2]);
  const length = args[first + 2];
  if (typeof length === 'number') return length;
  const offset = args[first + 1];
  if (typeof offset === 'object' && offset !== null && typeof (offset as { length?: unknown }).length === 'number') return (offset as { length: number }).length;
  return Math.max(0, byteLength(data) - (typeof offset === 'number' ? offset : 0));
}

function fileSize(target: unknown): number {
  try {
    if (typeof target === 'number') return originalFs.fstatSync(target).size;
    if (typeof target === 'object' && target !== null && typeof (target as { fd?: unknown }).fd === 'number' && !ArrayBuffer.isView(target) && !(target instanceof URL)) {
      return originalFs.fstatSync((target as { fd: number }).fd).size;
    }
    const path = shownPath(target);
    return path === undefined ? 0 : (originalFs.statSync(path, { throwIfNoEntry: false })?.size ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The bytes a call moves, for `space`: 0 for a call that moves none, so that `space` counts bytes
 * and nothing else.
 *
 * @param size - what the call moves
 * @param args - its arguments
 * @param first - where its data arguments begin (after the descriptor or path; 0 for a method)
 * @param target - the file it works on (a descriptor, path or handle), for `file`
 * @returns the bytes
 */
export function callSize(size: FsSize, args: ArrayLike<unknown>, first: number, target: unknown): number {
  switch (size) {
    case 'none':
      return 0;
    case 'read':
      return readLength(args, first);
    case 'write':
      return writeLength(args, first);
    case 'vector': {
      const buffers = args[first];
      return Array.isArray(buffers) ? buffers.reduce((sum: number, buffer: unknown) => sum + byteLength(buffer), 0) : 0;
    }
    case 'data':
      return byteLength(args[first], typeof args[first + 1] === 'string' ? args[first + 1] : (args[first + 1] as { encoding?: unknown } | undefined)?.encoding);
    case 'file':
      return fileSize(target);
  }
}
