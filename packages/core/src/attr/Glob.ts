/**
 * A stack pattern compiled for matching without backtracking. `*` matches any run of characters and
 * `?` any one (a UTF-16 code unit, as `.` in a RegExp without the `u` flag); everything else is
 * literal, and the wildcards match every character, line terminators included.
 *
 * The pattern is cut at its stars into segments: the first is anchored at the start of the text, the
 * last at its end, and each one between is found leftmost after the one before (leftmost is always
 * best: whatever fits after a later occurrence fits after an earlier one). No choice is ever undone,
 * so a match costs at most O(|pattern| x |text|), and usually one pass over the text.
 */

const STAR = 0x2a;
const QUESTION = 0x3f;
const SLASH = 0x2f;

/** One run of the pattern between stars, `?` included. */
interface Segment {
  readonly text: string;
  /** Its first run of literal characters, searched with `indexOf`; empty when it is all `?`. */
  readonly anchor: string;
  /** Where that run starts in the segment. */
  readonly anchorOffset: number;
  /** True when the segment has no `?`, so finding its anchor is finding it. */
  readonly plain: boolean;
}

/**
 * Rewrites each run of wildcards as its `?`s followed by one `*` if it had any: `*?*?` and `**??`
 * both become `??*`. The meaning is the same (at least that many characters, or exactly that many
 * without a star), and the segments between stars are then never all wildcards.
 *
 * @param pattern - a pattern as written
 * @returns the same pattern in that form
 */
export function normalizeGlob(pattern: string): string {
  let out = '';
  let questions = '';
  let star = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === STAR) star = true;
    else if (c === QUESTION) questions += '?';
    else {
      if (star || questions !== '') {
        out += star ? `${questions}*` : questions;
        questions = '';
        star = false;
      }
      out += pattern[i] as string;
    }
  }
  return star ? `${out}${questions}*` : out + questions;
}

function toSegment(text: string): Segment {
  let start = 0;
  while (start < text.length && text.charCodeAt(start) === QUESTION) start++;
  let end = start;
  while (end < text.length && text.charCodeAt(end) !== QUESTION) end++;
  return { text, anchor: text.slice(start, end), anchorOffset: start, plain: start === 0 && end === text.length };
}

/** Whether a segment matches the text at a position (the caller knows it fits). */
function segmentAt(segment: string, text: string, at: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== QUESTION && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The leftmost position at or after `from` where the segment matches and ends by `to`, or -1. */
function findSegment(segment: Segment, text: string, from: number, to: number): number {
  const last = to - segment.text.length;
  if (segment.anchor === '') return from <= last ? from : -1;
  let at = from;
  while (at <= last) {
    const found = text.indexOf(segment.anchor, at + segment.anchorOffset);
    if (found === -1) return -1;
    at = found - segment.anchorOffset;
    if (at > last) return -1;
    if (segment.plain || segmentAt(segment.text, text, at)) return at;
    at++;
  }
  return -1;
}

/**
 * The bits of a character in a 64-bit set of characters kept as two 32-bit words: bit `code & 63`.
 * Distinct letters, digits, `/`, `.` and `_` mostly land on distinct bits, which is all a filter
 * needs (`StackPatternList` sets the bits of a text the same way).
 *
 * @param code - a UTF-16 code unit
 * @returns `[low, high]` with the one bit set
 */
function charBit(code: number): [number, number] {
  const bit = code & 63;
  return bit < 32 ? [1 << bit, 0] : [0, 1 << (bit - 32)];
}

/** A compiled pattern of the stack filter (see the file comment for how it matches), public for a capability's own filters of the same kind (`@errinject/node`'s `path-filter`). */
export class Glob {
  /** The pattern, in the form {@link normalizeGlob} gives it. */
  readonly pattern: string;
  /** True when the pattern has no wildcard at all. */
  readonly literal: boolean;
  /** True when the pattern has a `*`; without one, a text must be exactly {@link minLength} long. */
  readonly hasStar: boolean;
  /** The length of the pattern without its stars: the least a matching text has. */
  readonly minLength: number;
  /** The literal characters of the pattern (bits 0-31 of `code & 63`): a text must have them all. */
  readonly maskLow: number;
  /** The same for bits 32-63. */
  readonly maskHigh: number;
  /** The runs of literal characters between wildcards, for indexing. */
  readonly literalRuns: readonly string[];
  private readonly first: string;
  private readonly last: string;
  private readonly middle: readonly Segment[];

  /**
   * @param pattern - one pattern as written
   */
  constructor(pattern: string) {
    this.pattern = normalizeGlob(pattern);
    const parts = this.pattern.split('*');
    this.hasStar = parts.length > 1;
    this.first = parts[0] as string;
    this.last = parts[parts.length - 1] as string;
    this.middle = parts.slice(1, -1).map(toSegment);
    let minLength = 0;
    let literal = true;
    let low = 0;
    let high = 0;
    for (let i = 0; i < this.pattern.length; i++) {
      const c = this.pattern.charCodeAt(i);
      if (c === STAR) {
        literal = false;
        continue;
      }
      minLength++;
      if (c === QUESTION) {
        literal = false;
        continue;
      }
      const [l, h] = charBit(c);
      low |= l;
      high |= h;
    }
    this.literal = literal;
    this.literalRuns = this.pattern.split(/[*?]+/).filter((run) => run !== '');
    this.minLength = minLength;
    this.maskLow = low;
    this.maskHigh = high;
  }

  /**
   * Whether the pattern matches the whole text (a function name, a qualified name).
   *
   * @param text - the text
   * @returns true when it matches
   */
  matches(text: string): boolean {
    const length = text.length;
    if (length < this.minLength) return false;
    if (!this.hasStar) return length === this.minLength && segmentAt(this.first, text, 0);
    // minLength covers first and last, so they do not overlap.
    const end = length - this.last.length;
    return segmentAt(this.first, text, 0) && segmentAt(this.last, text, end) && this.middleFits(text, this.first.length, end);
  }

  /**
   * Whether the pattern matches a file path: the whole of it, or its end after a `/` (the same as
   * matching `*` + `/` + the pattern, without a second star to search with).
   *
   * @param text - the path
   * @returns true when it matches
   */
  matchesPath(text: string): boolean {
    const length = text.length;
    if (length < this.minLength) return false;
    if (!this.hasStar) {
      const start = length - this.minLength;
      return (start === 0 || text.charCodeAt(start - 1) === SLASH) && segmentAt(this.first, text, start);
    }
    const end = length - this.last.length;
    if (!segmentAt(this.last, text, end)) return false;
    // The earliest start where the first segment matches leaves the widest room for the middle.
    const firstLength = this.first.length;
    let start = 0;
    if (firstLength > 0) {
      for (;;) {
        if (start + firstLength > end) return false;
        if (segmentAt(this.first, text, start)) break;
        const slash = text.indexOf('/', start);
        if (slash === -1) return false;
        start = slash + 1;
      }
    }
    return this.middleFits(text, start + firstLength, end);
  }

  /** Whether the middle segments fit, in order, between `from` and `to`. */
  private middleFits(text: string, from: number, to: number): boolean {
    let at = from;
    for (const segment of this.middle) {
      const found = findSegment(segment, text, at, to);
      if (found === -1) return false;
      at = found + segment.text.length;
    }
    return true;
  }
}
