/**
 * The caller's stack, as the stack filter and the verbose stack dump see it: V8's structured call
 * sites, taken below the public entry point the caller called, so that errinject's own frames never
 * show, wherever its code lives (its package, or a bundle with the application).
 */

/** A function of errinject's that callers call: frames from it upwards are errinject's own. */
export type EntryPoint = (...args: never[]) => unknown;

/**
 * Entry points whose callers' stacks start at the first frame outside Node.js's own modules: the
 * interceptors of a capability that fails Node's functions, which Node's own code calls too (a
 * stream's reads, `fs.writeFile`'s writes). See `shouldFailAt`.
 */
const programEntries = new WeakSet<EntryPoint>();

/** The frames of Node.js's own modules that may lie between such an entry point and the program's first frame. */
const MAX_NODE_FRAMES = 32;

/**
 * Makes the callers' stacks of an entry point start at the first frame outside Node.js's own modules.
 *
 * @param entry - the entry point
 */
export function skipNodeFramesBelow(entry: EntryPoint): void {
  programEntries.add(entry);
}

/**
 * How many call sites to capture below an entry point to keep `depth` of the caller's.
 *
 * @param depth - the caller's frames wanted
 * @param entry - the entry point
 * @returns the limit for `Error.stackTraceLimit`
 */
export function captureLimit(depth: number, entry: EntryPoint): number {
  return programEntries.has(entry) ? depth + MAX_NODE_FRAMES : depth;
}

/**
 * Whether a call site is one of Node.js's own modules' (`node:fs`, `node:internal/fs/streams`).
 *
 * @param site - a call site
 * @returns true for a frame of Node.js's own code
 */
export function isNodeFrame(site: NodeJS.CallSite): boolean {
  return site.getFileName()?.startsWith('node:') === true;
}

/**
 * The caller's call sites among those captured below an entry point: all of them, or for an entry
 * point of {@link skipNodeFramesBelow} those from the first frame outside Node.js's own modules (none
 * when every frame is Node's: a call Node made on its own, from a stream or a timer).
 *
 * @param sites - the call sites captured, innermost first
 * @param depth - how many to keep
 * @param entry - the entry point
 * @returns at most `depth` call sites
 */
export function callerSites(sites: readonly NodeJS.CallSite[], depth: number, entry: EntryPoint): NodeJS.CallSite[] {
  if (!programEntries.has(entry)) return sites.slice(0, depth);
  const first = sites.findIndex((site) => !isNodeFrame(site));
  return first === -1 ? [] : sites.slice(first, first + depth);
}

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
    Error.stackTraceLimit = captureLimit(depth, entry);
    Error.captureStackTrace(holder, entry);
    // The stack is formatted when first read: while prepareStackTrace is this one.
    return callerSites(holder.stack as NodeJS.CallSite[], depth, entry);
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
