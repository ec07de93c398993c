/** Hands V8's structured call sites over as they are, for the one read that asks for them. */
function structured(_error: Error, sites: NodeJS.CallSite[]): NodeJS.CallSite[] {
  return sites;
}

/**
 * Reads the first frame of a stack that `Error.captureStackTrace` took, as V8's structured call
 * site. V8 keeps the frames it captured and formats them at the first read of `stack`, with the
 * `Error.prepareStackTrace` of then; the one of the caller's is put back afterwards.
 *
 * @param holder - the object the stack was captured on, not read yet
 * @returns the first frame, or `undefined` when none was captured
 */
export function readCallSite(holder: { stack?: unknown }): NodeJS.CallSite | undefined {
  const previous = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = structured;
    return (holder.stack as NodeJS.CallSite[] | undefined)?.[0];
  } finally {
    Error.prepareStackTrace = previous;
  }
}
