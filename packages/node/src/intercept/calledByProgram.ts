import { dirname, sep } from 'node:path';
import type { EntryPoint } from '@errinject/core';

/** This package's own files: its interceptors' frames are not the program's. */
const OWN_FILES = `${dirname(__dirname)}${sep}`;

/** The most frames looked at: Node's own code rarely nests deeper between the program and a call. */
const MAX_FRAMES = 64;

function structured(_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] {
  return sites;
}

/**
 * The module of Node's `ReadStream` and `WriteStream`: the `fs.open`, `fs.read`, `fs.write` and
 * `fs.close` (or `FileHandle` methods) their `_construct`, `_read`, `_write` and `_destroy` make are
 * the stream's, counted though Node's code makes them.
 */
const STREAMS_MODULE = 'node:internal/fs/streams';

/**
 * Node's module loader and its source maps: a call they make (`require` reading a file, the loader
 * reading a module's source map under `--enable-source-maps` or coverage) is loading, never the
 * program's, even though the program's `require` lies further down the stack.
 */
const LOADER_MODULES = ['node:internal/modules/', 'node:internal/source_map/'];

/**
 * Whether the program made a call, or one of its streams did, rather than Node's own code on its
 * own or its module loader: the continuation of an `fs.writeFile` writing and closing, a
 * `fs.promises.cp` copying, `fs.rm` walking a tree, `require` reading a file. The frames are looked
 * at from the call down: the first that is the program's (outside Node's own modules, V8's
 * built-ins, which have no file, and this package's interceptors) or a stream's
 * ({@link STREAMS_MODULE}) says yes; a frame of the loader ({@link LOADER_MODULES}) before any says
 * no, and so does a stack with neither. Only the frames that are running count: V8's async frames
 * name the functions awaiting the call's promise (the program's `await fs.promises.cp(...)`), not
 * its caller. Nothing of errinject's stands between a stream and its calls, so that the stack a fault
 * shows never starts at one of errinject's frames. Looked at only when a call could fail.
 *
 * @param entry - the interceptor that was called
 * @returns true when some frame below `entry` is the program's or a stream's
 */
export function calledByProgram(entry: EntryPoint): boolean {
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  let sites: NodeJS.CallSite[];
  try {
    Error.prepareStackTrace = structured;
    Error.stackTraceLimit = MAX_FRAMES;
    Error.captureStackTrace(holder, entry);
    sites = holder.stack as NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
  for (const site of sites) {
    if (site.isAsync()) continue;
    const file = site.getFileName();
    if (file === undefined || file === null || file.startsWith(OWN_FILES)) continue;
    if (file === STREAMS_MODULE) return true;
    if (!file.startsWith('node:')) return true;
    if (LOADER_MODULES.some((prefix) => file.startsWith(prefix))) return false;
  }
  return false;
}
