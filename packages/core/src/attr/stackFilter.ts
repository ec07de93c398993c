import { captureCallerFrames, type EntryPoint } from './captureCallerFrames';
import type { FaultAttrImpl, StackMatcher } from './FaultAttr';
import { Glob } from './Glob';
import { StackPatternList } from './StackPatternList';

/**
 * The stack filter (`fail_stacktrace` in `lib/fault-inject.c`), with function names and file paths
 * where the kernel has address ranges: a call may fail only if some frame within `stacktrace-depth`
 * matches `require-stack` (empty: any) and none matches `reject-stack` (empty: none).
 */

/** The most frames the filter looks at, as the kernel's MAX_STACK_TRACE_DEPTH. */
export const MAX_STACK_TRACE_DEPTH = 32;

/**
 * The decision-ready list of each compiled pattern array, built when the patterns are set, or at the
 * first decision for an array another copy of the core compiled. Keyed by the array, so a new list
 * (the patterns changed) starts with fresh memos, and an array no capability holds any more is
 * dropped.
 */
const lists = new WeakMap<readonly StackMatcher[], StackPatternList>();

function listOf(matchers: readonly StackMatcher[]): StackPatternList {
  let list = lists.get(matchers);
  if (list === undefined) {
    list = new StackPatternList(matchers.map((matcher) => matcher.pattern));
    lists.set(matchers, list);
  }
  return list;
}

/**
 * Compiles a stack pattern. `*` matches any run of characters and `?` any one (a UTF-16 code unit);
 * everything else is literal. A pattern matches a frame when it matches the whole function name
 * (`open`), the whole qualified name (`Store.open`), the whole file path, or the end of the file path
 * after a `/` (`src/store.ts`, `store.ts`). Matching never backtracks (see {@link Glob}).
 *
 * @param pattern - one pattern
 * @returns its matcher
 */
export function compileStackPattern(pattern: string): StackMatcher {
  // Compiled at the first test: this copy decides through its StackPatternList, and only another
  // copy of the core would call these.
  let glob: Glob | undefined;
  return {
    pattern,
    name: { test: (text) => (glob ??= new Glob(pattern)).matches(text) },
    file: { test: (text) => (glob ??= new Glob(pattern)).matchesPath(text) },
  };
}

/**
 * Compiles a pattern list for a capability's `requireMatchers` or `rejectMatchers`, and readies it
 * for decisions.
 *
 * @param patterns - the patterns, already split
 * @returns one frozen matcher per pattern, in order
 */
export function compileStackPatterns(patterns: readonly string[]): readonly StackMatcher[] {
  const matchers = Object.freeze(patterns.map(compileStackPattern));
  lists.set(matchers, new StackPatternList(patterns));
  return matchers;
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
  const reject = attr.rejectMatchers.length === 0 ? undefined : listOf(attr.rejectMatchers);
  const require = requireAny ? undefined : listOf(attr.requireMatchers);
  let found = requireAny;
  for (const frame of captureCallerFrames(attr.stacktraceDepth, entry)) {
    if (reject !== undefined && reject.matchesFrame(frame)) return false;
    if (!found && (require as StackPatternList).matchesFrame(frame)) {
      if (reject === undefined) return true;
      found = true;
    }
  }
  return found;
}
