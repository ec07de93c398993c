import type { StackFrame } from './captureCallerFrames';
import { Glob } from './Glob';

/** Most texts each memo of a list keeps before it starts over. */
export const STACK_MEMO_LIMIT = 512;

/**
 * Up to this many patterns with wildcards, each text simply tries them all: that costs less than
 * the index and the memo would.
 */
export const STACK_SCAN_LIMIT = 8;

const SLASH = 0x2f;
/** No glob: the end of a bucket's chain. */
const NONE = -1;
/** The bits of the hash of a pair of characters in the filter of the pairs a text has. */
const PAIR_BITS = 12;

/** The index key of two adjacent characters, or of one character alone (`first` 0). */
function keyOf(first: number, second: number): number {
  return (first << 16) | second;
}

/** The top `bits` bits of a key's multiplicative hash. */
function hashOf(key: number, bits: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits);
}

/** The pairs of adjacent literal characters of a glob, as keys. */
function pairsOf(glob: Glob): Set<number> {
  const keys = new Set<number>();
  for (const run of glob.literalRuns) {
    for (let i = 0; i + 1 < run.length; i++) keys.add(keyOf(run.charCodeAt(i), run.charCodeAt(i + 1)));
  }
  return keys;
}

/**
 * Chooses the index key of each glob: two adjacent literal characters if it has any, else one
 * literal character, else none. Of a glob's candidates, the key the fewest globs share is taken, so
 * that a key common in the list (and so, likely, in the frames the list was written for) is avoided.
 *
 * @returns each glob's key, or NONE for a glob without literal characters
 */
function chooseKeys(globs: readonly Glob[]): Int32Array {
  const candidates = globs.map((glob) => {
    const keys = pairsOf(glob);
    if (keys.size === 0) for (const run of glob.literalRuns) keys.add(keyOf(0, run.charCodeAt(0)));
    return [...keys];
  });
  const shared = new Map<number, number>();
  for (const keys of candidates) for (const key of keys) shared.set(key, (shared.get(key) ?? 0) + 1);
  return Int32Array.from(candidates, (keys) => {
    let best = NONE;
    let bestCount = Infinity;
    for (const key of keys) {
      const count = shared.get(key) as number;
      if (count < bestCount) {
        best = key;
        bestCount = count;
      }
    }
    return best;
  });
}

/**
 * One `require-stack` or `reject-stack` list, ready to decide frames. Whatever was written (a page of
 * patterns: many, long, adversarial), a text visits only the patterns it could match, and a frame
 * seen before costs a map lookup. With more than {@link STACK_SCAN_LIMIT} patterns with wildcards:
 *
 * - patterns are normalised (`*?*` is `?*`) and deduplicated;
 * - patterns without wildcards are looked up in a set, by the name and by each end of the path after
 *   a `/` (only the ends of a length some pattern has);
 * - each pattern with wildcards is indexed by two adjacent literal characters of it (or one, or none
 *   for a pattern of wildcards only), and a text visits the patterns under the pairs and characters
 *   it has: a pattern whose key is not in the text cannot match it. A visited pattern is skipped when
 *   the text is shorter than it or lacks one of its literal characters or pairs of adjacent literal
 *   characters, and otherwise run by {@link Glob}, which never backtracks;
 * - the answer for each name and path is remembered (up to {@link STACK_MEMO_LIMIT} of each, then
 *   the memo starts over), since the same frames come back call after call. A new list (the patterns
 *   changed) starts with empty memos.
 *
 * With fewer, each text tries each of them, and nothing is remembered.
 */
export class StackPatternList {
  /** The patterns without wildcards. */
  private readonly literals: Set<string>;
  /** `literalLengths[n]` is 1 when some literal pattern is `n` long. */
  private readonly literalLengths: Uint8Array;
  private readonly globs: readonly Glob[];
  /** Globs without a literal character: every text visits them. */
  private readonly unkeyed: readonly number[];
  /** The index: each bucket's first glob, by the top bits of its key's hash. */
  private readonly heads: Int32Array;
  /** The next glob in the same bucket. */
  private readonly next: Int32Array;
  /** The bits of a bucket number. */
  private readonly bucketBits: number;
  /** The text that last visited each bucket, so that a text visits a bucket once. */
  private readonly visitedBy: Int32Array;
  /** The number of the text being decided. */
  private visitor = 0;
  /** Each glob's pairs of adjacent literal characters, hashed: `pairs[pairStart[g]..pairStart[g + 1]]`. */
  private readonly pairs: Int32Array;
  private readonly pairStart: Int32Array;
  /** The text that last had each hashed pair. */
  private readonly pairSeenBy: Int32Array;
  /** The characters of the text being decided, as {@link Glob.maskLow} and {@link Glob.maskHigh} count them. */
  private textLow = 0;
  private textHigh = 0;
  private readonly nameMemo = new Map<string, boolean>();
  private readonly pathMemo = new Map<string, boolean>();

  /**
   * @param patterns - the patterns as written
   */
  constructor(patterns: readonly string[]) {
    const literals = new Set<string>();
    const globs = new Map<string, Glob>();
    let longest = 0;
    for (const pattern of patterns) {
      const glob = new Glob(pattern);
      if (glob.literal) {
        literals.add(glob.pattern);
        longest = Math.max(longest, glob.pattern.length);
      } else if (!globs.has(glob.pattern)) {
        globs.set(glob.pattern, glob);
      }
    }
    this.literals = literals;
    this.literalLengths = new Uint8Array(longest + 1);
    for (const literal of literals) this.literalLengths[literal.length] = 1;
    this.globs = [...globs.values()];

    // About four buckets a glob, from 16 to 4096.
    let bits = 4;
    while (bits < 12 && 1 << bits < 4 * this.globs.length) bits++;
    this.bucketBits = bits;
    this.heads = new Int32Array(1 << bits).fill(NONE);
    this.visitedBy = new Int32Array(1 << bits);
    this.next = new Int32Array(this.globs.length).fill(NONE);
    const keys = chooseKeys(this.globs);
    const unkeyed: number[] = [];
    for (let g = 0; g < this.globs.length; g++) {
      const key = keys[g] as number;
      if (key === NONE) {
        unkeyed.push(g);
        continue;
      }
      const bucket = this.bucket(key);
      this.next[g] = this.heads[bucket] as number;
      this.heads[bucket] = g;
    }
    this.unkeyed = unkeyed;

    const pairLists = this.globs.map((glob) => [...pairsOf(glob)].map((key) => hashOf(key, PAIR_BITS)));
    this.pairStart = new Int32Array(this.globs.length + 1);
    for (let g = 0; g < pairLists.length; g++) this.pairStart[g + 1] = (this.pairStart[g] as number) + (pairLists[g] as number[]).length;
    this.pairs = Int32Array.from(pairLists.flat());
    this.pairSeenBy = new Int32Array(this.globs.length === 0 ? 0 : 1 << PAIR_BITS);
  }

  /**
   * Whether some pattern matches the frame: its function name, its qualified name, its file path or
   * the end of that path after a `/`.
   *
   * @param frame - one frame of the caller's stack
   * @returns true when a pattern matches
   */
  matchesFrame(frame: StackFrame): boolean {
    const { functionName, qualifiedName, fileName } = frame;
    if (functionName !== undefined && this.matchesName(functionName)) return true;
    if (qualifiedName !== functionName && this.matchesName(qualifiedName)) return true;
    return fileName !== undefined && this.matchesPath(fileName);
  }

  /**
   * Whether some pattern matches a whole name.
   *
   * @param name - a function name or qualified name
   * @returns true when a pattern matches
   */
  matchesName(name: string): boolean {
    if (this.literals.has(name)) return true;
    if (this.globs.length <= STACK_SCAN_LIMIT) return this.scan(name, false);
    const known = this.nameMemo.get(name);
    if (known !== undefined) return known;
    return remember(this.nameMemo, name, this.someGlob(name, false));
  }

  /**
   * Whether some pattern matches a file path, whole or its end after a `/`.
   *
   * @param path - a file path or URL
   * @returns true when a pattern matches
   */
  matchesPath(path: string): boolean {
    if (this.globs.length <= STACK_SCAN_LIMIT) return this.literalPath(path) || this.scan(path, true);
    const known = this.pathMemo.get(path);
    if (known !== undefined) return known;
    return remember(this.pathMemo, path, this.literalPath(path) || this.someGlob(path, true));
  }

  private bucket(key: number): number {
    return hashOf(key, this.bucketBits);
  }

  private literalPath(path: string): boolean {
    const lengths = this.literalLengths;
    const length = path.length;
    if (length < lengths.length && lengths[length] === 1 && this.literals.has(path)) return true;
    // Each end after a `/` that is as long as some literal pattern.
    for (let i = length - 1; i >= 0 && length - i - 1 < lengths.length; i--) {
      if (path.charCodeAt(i) === SLASH && lengths[length - i - 1] === 1 && this.literals.has(path.slice(i + 1))) return true;
    }
    return false;
  }

  /** Tries every glob, for a short list. */
  private scan(text: string, path: boolean): boolean {
    for (const glob of this.globs) {
      if (glob.minLength <= text.length && (path ? glob.matchesPath(text) : glob.matches(text))) return true;
    }
    return false;
  }

  /** Tries the globs the text could match, through the index, for a long list. */
  private someGlob(text: string, path: boolean): boolean {
    // A fresh visitor number for this text (starting over, marks cleared, when it would overflow).
    if (this.visitor === 0x7fffffff) {
      this.visitor = 0;
      this.visitedBy.fill(0);
      this.pairSeenBy.fill(0);
    }
    const visitor = ++this.visitor;
    const length = text.length;
    // The text's characters and pairs of adjacent characters, for the filters.
    const pairSeenBy = this.pairSeenBy;
    let low = 0;
    let high = 0;
    let previous = 0;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      const bit = c & 63;
      if (bit < 32) low |= 1 << bit;
      else high |= 1 << (bit - 32);
      if (i > 0) pairSeenBy[hashOf(keyOf(previous, c), PAIR_BITS)] = visitor;
      previous = c;
    }
    this.textLow = low;
    this.textHigh = high;
    for (const g of this.unkeyed) if (this.tryGlob(g, text, path)) return true;
    // The buckets of the text's characters and pairs, each once.
    const heads = this.heads;
    const visitedBy = this.visitedBy;
    const bits = this.bucketBits;
    previous = 0;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      let bucket = hashOf(keyOf(0, c), bits);
      if (visitedBy[bucket] !== visitor) {
        visitedBy[bucket] = visitor;
        if (heads[bucket] !== NONE && this.tryBucket(bucket, text, path)) return true;
      }
      if (i > 0) {
        bucket = hashOf(keyOf(previous, c), bits);
        if (visitedBy[bucket] !== visitor) {
          visitedBy[bucket] = visitor;
          if (heads[bucket] !== NONE && this.tryBucket(bucket, text, path)) return true;
        }
      }
      previous = c;
    }
    return false;
  }

  private tryBucket(bucket: number, text: string, path: boolean): boolean {
    for (let g = this.heads[bucket] as number; g !== NONE; g = this.next[g] as number) {
      if (this.tryGlob(g, text, path)) return true;
    }
    return false;
  }

  private tryGlob(g: number, text: string, path: boolean): boolean {
    const glob = this.globs[g] as Glob;
    if (glob.minLength > text.length || (glob.maskLow & ~this.textLow) !== 0 || (glob.maskHigh & ~this.textHigh) !== 0) return false;
    const visitor = this.visitor;
    for (let p = this.pairStart[g] as number, end = this.pairStart[g + 1] as number; p < end; p++) {
      if (this.pairSeenBy[this.pairs[p] as number] !== visitor) return false;
    }
    return path ? glob.matchesPath(text) : glob.matches(text);
  }
}

function remember(memo: Map<string, boolean>, text: string, matched: boolean): boolean {
  if (memo.size >= STACK_MEMO_LIMIT) memo.clear();
  memo.set(text, matched);
  return matched;
}
