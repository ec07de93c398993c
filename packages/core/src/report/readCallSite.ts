import { callerSites, type EntryPoint } from '../attr/captureCallerFrames';

/** Hands V8's structured call sites over as they are, for the one read that asks for them. */
function structured(_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] {
  return sites;
}

/**
 * Reads the caller's frame of a stack that `Error.captureStackTrace` took below an entry point, as
 * V8's structured call site: the first frame (for an entry point of `skipNodeFramesBelow`, the first
 * outside Node.js's own modules). V8 keeps the frames it captured and formats them at the first read
 * of `stack`, with the `Error.prepareStackTrace` of then; the one of the caller's is put back
 * afterwards.
 *
 * @param holder - the object the stack was captured on, with {@link captureLimit}'s limit, not read yet
 * @param entry - the entry point it was captured below
 * @returns the caller's frame, or `undefined` when none was captured
 */
export function readCallSite(holder: { stack?: unknown }, entry: EntryPoint): NodeJS.CallSite | undefined {
  const previous = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = structured;
    const sites = holder.stack as NodeJS.CallSite[] | undefined;
    return sites === undefined ? undefined : callerSites(sites, 1, entry)[0];
  } finally {
    Error.prepareStackTrace = previous;
  }
}
