/**
 * The caller's stack, as the stack filter and the verbose stack dump see it: V8's structured call
 * sites, taken below the public entry point the caller called, so that errinject's own frames never
 * show, wherever its code lives (its package, or a bundle with the application).
 */

/** A function of errinject's that callers call: frames from it upwards are errinject's own. */
export type EntryPoint = (...args: never[]) => unknown;

/** One frame of the caller's stack. */
export interface StackFrame {
  /** The function's own name (`open`), or `undefined` for an anonymous function. */
  readonly functionName: string | undefined;
  /** The name as V8 prints it (`Store.open`, for static methods too), or `<anonymous>`. */
  readonly qualifiedName: string;
  /** The file path or URL, or `undefined` for native frames. */
  readonly fileName: string | undefined;
  /** The frame as a stack trace line shows it. */
  readonly text: string;
}

function toFrame(site: NodeJS.CallSite): StackFrame {
  const text = String(site);
  const paren = text.lastIndexOf(' (');
  const head = paren === -1 ? '<anonymous>' : text.slice(0, paren);
  const qualifiedName = head.replace(/^(async |new )/, '').replace(/ \[as [^\]]*\]$/, '');
  return { functionName: site.getFunctionName() ?? undefined, qualifiedName, fileName: site.getFileName() ?? undefined, text };
}

/**
 * Captures V8's call sites below an entry point, innermost first: the structured stack, taken with
 * `Error.prepareStackTrace` and `Error.stackTraceLimit` set for the capture and put back after it.
 *
 * @param depth - how many call sites to keep
 * @param entry - the function called; it and everything above it are dropped
 * @returns at most `depth` call sites
 */
export function captureCallSites(depth: number, entry: EntryPoint): NodeJS.CallSite[] {
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = depth;
    Error.captureStackTrace(holder, entry);
    // The stack is formatted when first read: while prepareStackTrace is this one.
    return holder.stack as NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
}

/**
 * Captures the caller's frames, innermost first.
 *
 * @param depth - how many frames to keep
 * @param entry - the errinject function the caller called; it and everything above it are dropped
 * @returns at most `depth` frames
 */
export function captureCallerFrames(depth: number, entry: EntryPoint): StackFrame[] {
  return captureCallSites(depth, entry).map(toFrame);
}
