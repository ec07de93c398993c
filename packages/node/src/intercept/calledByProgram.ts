import type { EntryPoint } from '@errinject/core';

/** The most frames looked at: Node's own code rarely nests deeper between the program and a call. */
const MAX_FRAMES = 64;

function structured(_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] {
  return sites;
}

/**
 * Whether the program made a call, or Node's own code did on its own: the continuation of an
 * `fs.writeFile` writing and closing, a `fs.promises.readFile` closing its handle, `fs.rm` walking a
 * tree. A call made by Node's code alone has no frame outside Node's own modules (`node:…` files,
 * and V8's built-ins, which have no file) on its stack. Looked at only when a call could fail.
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
    const file = site.getFileName();
    if (file !== undefined && file !== null && !file.startsWith('node:')) return true;
  }
  return false;
}
