import { captureCallerFrames, type EntryPoint, type StackFrame } from './captureCallerFrames';
import type { FaultAttrImpl, StackMatcher } from './FaultAttr';

/**
 * The stack filter (`fail_stacktrace` in `lib/fault-inject.c`), with function names and file paths
 * where the kernel has address ranges: a call may fail only if some frame within `stacktrace-depth`
 * matches `require-stack` (empty: any) and none matches `reject-stack` (empty: none).
 */

/** The most frames the filter looks at, as the kernel's MAX_STACK_TRACE_DEPTH. */
export const MAX_STACK_TRACE_DEPTH = 32;

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
 * @param entry - the errinject function the caller called, where the caller's frames start
 * @returns true when the call may fail
 */
export function stackFilterPasses(attr: FaultAttrImpl, entry: EntryPoint): boolean {
  const requireAny = attr.requireMatchers.length === 0;
  if (attr.stacktraceDepth === 0 || (requireAny && attr.rejectMatchers.length === 0)) return requireAny;
  let found = requireAny;
  for (const frame of captureCallerFrames(attr.stacktraceDepth, entry)) {
    if (frameMatches(frame, attr.rejectMatchers)) return false;
    if (!found && frameMatches(frame, attr.requireMatchers)) found = true;
  }
  return found;
}
