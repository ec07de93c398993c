import { resolve as resolvePath, sep } from 'node:path';
import type { FaultAttrImpl, StackMatcher } from './FaultAttrImpl';

/**
 * The stack filter (`fail_stacktrace` in `lib/fault-inject.c`), with function names and file paths
 * where the kernel has address ranges: a call may fail only if some frame within `stacktrace-depth`
 * matches `require-stack` (empty: any) and none matches `reject-stack` (empty: none).
 */

/** The most frames the filter looks at, as the kernel's MAX_STACK_TRACE_DEPTH. */
export const MAX_STACK_TRACE_DEPTH = 32;

/** This copy's own files: frames in them are errinject's, not the caller's. */
const OWN_DIR = resolvePath(__dirname, '..') + sep;

/** Enough room for errinject's own frames above the caller's. */
const OWN_FRAMES_SLACK = 12;

/** One frame of the caller's stack, as the filter and the verbose stack dump see it. */
export interface StackFrame {
  /** The function's own name (`open`), or `undefined` for an anonymous function. */
  readonly functionName: string | undefined;
  /** The name as V8 prints it (`Store.open`, `async Store.open`, `new Store`), or `<anonymous>`. */
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
  const fileName = site.getFileName() ?? undefined;
  return { functionName: site.getFunctionName() ?? undefined, qualifiedName, fileName, text };
}

function isOwnFrame(site: NodeJS.CallSite): boolean {
  const file = site.getFileName();
  return file !== null && file !== undefined && file.startsWith(OWN_DIR);
}

/**
 * Captures the caller's stack: the frames below errinject's own, innermost first.
 *
 * @param depth - how many of the caller's frames to keep
 * @returns at most `depth` frames
 */
export function captureCallerFrames(depth: number): StackFrame[] {
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = depth + OWN_FRAMES_SLACK;
    Error.captureStackTrace(holder);
    const sites = holder.stack as NodeJS.CallSite[];
    const frames: StackFrame[] = [];
    for (const site of sites) {
      if (frames.length === 0 && isOwnFrame(site)) continue;
      frames.push(toFrame(site));
      if (frames.length === depth) break;
    }
    return frames;
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
}

function globToSource(glob: string): string {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return source;
}

/**
 * Compiles a stack pattern. `*` matches any run of characters and `?` any one; everything else is
 * literal. A pattern matches a frame when it matches the whole function name (`open`), the whole
 * qualified name (`Store.open`), the whole file path, or the end of the file path after a `/`
 * (`src/store.ts`, `store.ts`).
 *
 * @param pattern - one pattern
 * @returns its matcher
 */
export function compileStackPattern(pattern: string): StackMatcher {
  const source = globToSource(pattern);
  return { pattern, name: new RegExp(`^(?:${source})$`), file: new RegExp(`(?:^|/)(?:${source})$`) };
}

/**
 * Splits a written pattern list: patterns are separated by commas or newlines; surrounding spaces
 * and empty items are dropped.
 *
 * @param text - the written value
 * @returns the patterns
 */
export function splitStackPatterns(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function frameMatches(frame: StackFrame, matchers: readonly StackMatcher[]): boolean {
  for (const m of matchers) {
    if (frame.functionName !== undefined && m.name.test(frame.functionName)) return true;
    if (m.name.test(frame.qualifiedName)) return true;
    if (frame.fileName !== undefined && m.file.test(frame.fileName)) return true;
  }
  return false;
}

/**
 * Runs the stack filter for a call. Mirrors the kernel: with no patterns, or depth 0, no stack is
 * captured; depth 0 with a `require-stack` never passes.
 *
 * @param attr - the capability
 * @returns true when the call may fail
 */
export function stackFilterPasses(attr: FaultAttrImpl): boolean {
  const requireAny = attr.requireMatchers.length === 0;
  if (attr.stacktraceDepth === 0 || (requireAny && attr.rejectMatchers.length === 0)) return requireAny;
  let found = requireAny;
  for (const frame of captureCallerFrames(attr.stacktraceDepth)) {
    if (frameMatches(frame, attr.rejectMatchers)) return false;
    if (!found && frameMatches(frame, attr.requireMatchers)) found = true;
  }
  return found;
}
