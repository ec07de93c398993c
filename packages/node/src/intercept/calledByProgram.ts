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
 * Whether the program made a call, or Node's own code did on its own: the continuation of an
 * `fs.writeFile` writing and closing, a `fs.promises.cp` copying, `fs.rm` walking a tree. A call
 * made by Node's code alone has no frame outside Node's own modules (`node:…` files, V8's built-ins,
 * which have no file, and this package's interceptors) on its stack. Only the frames that are
 * running count: V8's async frames name the functions awaiting the call's promise (the program's
 * `await fs.promises.cp(...)`), not its caller. Looked at only when a call could fail.
 *
 * @param entry - the interceptor that was called
 * @returns true when some frame below `entry` is the program's
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
    if (file !== undefined && file !== null && !file.startsWith('node:') && !file.startsWith(OWN_FILES)) return true;
  }
  return false;
}
