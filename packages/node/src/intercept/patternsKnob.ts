import { type CapabilityKnob, Glob } from '@errinject/core';

/** The `path-filter` knob of a capability and what it holds. */
export interface PatternsKnob {
  readonly knob: CapabilityKnob;
  /** Whether the knob is empty: everything may fail. */
  readonly empty: boolean;
  /** Whether any pattern matches a text, as the stack filter matches a file path. */
  matchesPath(text: string): boolean;
  /** Whether any pattern matches the whole of a text. */
  matches(text: string): boolean;
}

/**
 * The `<cap>/path-filter` knob: patterns separated by commas or newlines (as `require-stack`), each
 * with `*` and `?` as the stack filter has them; empty for everything. Reads back comma-separated.
 *
 * @returns the knob
 */
export function patternsKnob(): PatternsKnob {
  let patterns: readonly string[] = [];
  let globs: readonly Glob[] = [];
  return {
    knob: {
      read: () => `${patterns.join(',')}\n`,
      write: (value) => {
        const next = value
          .split(/[,\n]/)
          .map((item) => item.trim())
          .filter((item) => item !== '');
        globs = next.map((pattern) => new Glob(pattern));
        patterns = next;
      },
    },
    get empty() {
      return patterns.length === 0;
    },
    matchesPath: (text) => globs.some((glob) => glob.matchesPath(text)),
    matches: (text) => globs.some((glob) => glob.matches(text)),
  };
}
