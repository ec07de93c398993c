import { expect } from 'chai';
import * as fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { captureCallerFrames, type StackFrame } from '../../src/attr/captureCallerFrames';
import { debugfs, declareFaultAttr, shouldFail, type FaultAttr } from '../../src/index';
import { dpMatches, dpMatchesPath } from '../attr/fixtures/globReference';
import { callThroughChain, RUN_NAME } from '../attr/fixtures/stackChain';
import { uniqueNames } from '../support/names';
import { silenceVerbose } from '../support/sink';

/**
 * Stack patterns as a hostile or careless user writes them (API.md: `<cap>/require-stack`,
 * `<cap>/reject-stack`, up to 4096 bytes, writable over the control socket): whatever was written,
 * a decision takes about what a decision with one trivial pattern takes, and decides as the
 * patterns say (`*` any run, `?` any one character, a frame matched by its function name, its
 * qualified name, its path or the end of its path after a `/`).
 *
 * Time bound: each decision within RATIO times a decision with one trivial pattern, measured in
 * this process from the same stack, or FLOOR_MS, whichever is larger. A decision reads 32 frames of
 * mocha's stack (about 35 µs with a trivial pattern); the worst list here costs a few times that on
 * its first decision, so 50x leaves a wide margin for a busy machine, and the floor of 5 ms covers
 * a machine so fast that 50x of its trivial decision is below what one scheduling hiccup costs.
 * What the bound catches: a backtracking matcher (seconds for the patterns below) and one RegExp
 * per pattern tried on every text (7 ms to 20 ms for the 4 KB lists). Each decision is timed three
 * times, each right after the list is written again (so nothing of the last decision is remembered),
 * and the least counts: a pause of the process adds to one, not to all three.
 */

const RATIO = 50;
const FLOOR_MS = 5;
/** The knob's limit. */
const PAGE = 4096;

const uniqueName = uniqueNames('spec-stack-patterns');

type Knob = 'require-stack' | 'reject-stack';

/**
 * Decides for `attr` through the chain, or with no attr captures the frames such a decision reads:
 * one arrow for both, so that the frames match but for line numbers.
 */
function atChain(attr: FaultAttr | undefined): boolean | StackFrame[] {
  // captureCallerFrames leaves out its own frame and everything above, as shouldFail does its own.
  return callThroughChain(() => (attr === undefined ? captureCallerFrames(32, captureCallerFrames) : shouldFail(attr)));
}

function decideHere(attr: FaultAttr): boolean {
  return atChain(attr) as boolean;
}

/**
 * Writes the patterns again (a new list, nothing remembered) and times one decision, three times.
 * Also returns the frames the decision read.
 */
function timeDecision(attr: FaultAttr, writes: ReadonlyArray<[Knob, string]>): { ms: number; decision: boolean; frames: StackFrame[] } {
  let least = Infinity;
  let decision = false;
  for (let i = 0; i < 3; i++) {
    for (const [knob, value] of writes) debugfs.write(`${attr.name}/${knob}`, value);
    const start = performance.now();
    decision = atChain(attr) as boolean;
    least = Math.min(least, performance.now() - start);
  }
  return { ms: least, decision, frames: atChain(undefined) as StackFrame[] };
}

/** The patterns a knob holds, as it reads them back. */
function readPatterns(attr: FaultAttr, knob: Knob): string[] {
  return debugfs.read(`${attr.name}/${knob}`).slice(0, -1).split(',').filter((p) => p !== '');
}

function referenceFrameMatches(patterns: readonly string[], frame: StackFrame): boolean {
  return patterns.some(
    (p) =>
      (frame.functionName !== undefined && dpMatches(p, frame.functionName)) ||
      dpMatches(p, frame.qualifiedName) ||
      (frame.fileName !== undefined && dpMatchesPath(p, frame.fileName)),
  );
}

/** The decision the specification gives for the frames, with probability 100 and times -1. */
function referenceDecision(frames: readonly StackFrame[], required: readonly string[], rejected: readonly string[]): boolean {
  if (frames.some((frame) => referenceFrameMatches(rejected, frame))) return false;
  return required.length === 0 || frames.some((frame) => referenceFrameMatches(required, frame));
}

/** Joins patterns with commas, as many as fit in the knob. */
function fitPage(patterns: readonly string[]): string {
  let out = '';
  for (const p of patterns) {
    const next = out === '' ? p : `${out},${p}`;
    if (Buffer.byteLength(next) > PAGE) break;
    out = next;
  }
  return out;
}

describe('stack patterns (spec: whatever is written, a decision stays fast and right)', () => {
  silenceVerbose('all');

  let bound = 0;
  let trivialMs = 0;
  let frameTexts: string[] = [];

  before(() => {
    const attr = declareFaultAttr(uniqueName('baseline'), { probability: 100, times: -1, verbose: 0, requireStack: 'noSuchFunction' });
    // Warm up: the bound is about the work a decision does, not V8 compiling the matcher's code the
    // first time it runs, so every path of it runs first (a long list goes through the index).
    const warm = declareFaultAttr(uniqueName('warm'), { probability: 100, times: -1, verbose: 0 });
    for (let i = 0; i < 50; i++) {
      timeDecision(warm, [['require-stack', Array.from({ length: 40 }, (_, k) => `*w${k}?x*,w${k}*,?*${k}`).join(',')]]);
      timeDecision(warm, [['reject-stack', 'noSuch*,Other.open']]);
      decideHere(attr);
    }
    const times: number[] = [];
    for (let i = 0; i < 41; i++) {
      const start = performance.now();
      decideHere(attr);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    trivialMs = times[20] as number;
    bound = Math.max(RATIO * trivialMs, FLOOR_MS);
    const { frames } = timeDecision(attr, []);
    frameTexts = frames.flatMap((frame) => [frame.functionName ?? '', frame.qualifiedName, frame.fileName ?? '']).filter((t) => t !== '');
  });

  /** An attr that fails every call its stack filter lets through. */
  function declare(label: string): FaultAttr {
    return declareFaultAttr(uniqueName(label), { probability: 100, times: -1, verbose: 0 });
  }

  describe('when a pattern would make a RegExp backtrack (regression: a 23-byte *?*?... took 22 s a decision)', () => {
    const alternating = (pairs: number, tail: string): string => `${'*?'.repeat(pairs)}${tail}`;
    const cases: Array<[string, Knob, () => string, boolean]> = [
      ['*?*?...Z, the 23 bytes of the report', 'require-stack', () => alternating(11, 'Z'), false],
      ['*?*?...Z, 81 bytes', 'require-stack', () => alternating(40, 'Z'), false],
      ['*?*?...*?, matching every frame', 'require-stack', () => alternating(11, '*'), true],
      ['*a*a*a...*b against a frame named aaa...a', 'require-stack', () => `${'*a'.repeat(40)}*b`, false],
      ['*a*a*a...*ab* against a frame named aaa...a', 'require-stack', () => `${'*a'.repeat(38)}b*`, false],
      ['*a?a?a?...b*, a piece with ? inside', 'require-stack', () => `*${'a?'.repeat(30)}b*`, false],
      ['4 KB: *?*?...Z1, *?*?...Z2, ...', 'require-stack', () => fitPage(Array.from({ length: 200 }, (_, i) => alternating(16, `Z${i}`))), false],
      ['4 KB: one pattern *?*?...Z', 'require-stack', () => alternating(2047, 'Z'), false],
      ['4 KB: one pattern *a*a*a...*b', 'require-stack', () => `${'*a'.repeat(2047)}b`, false],
      ['4 KB: the same, in reject-stack', 'reject-stack', () => `${'*a'.repeat(2047)}b`, true],
      ['4 KB: distinct literal names', 'require-stack', () => fitPage(Array.from({ length: 1000 }, (_, i) => `f${i}`)), false],
      ['4 KB: *N*x', 'require-stack', () => fitPage(Array.from({ length: 1000 }, (_, i) => `*${i.toString(36)}*x`)), false],
      ['4 KB: *N?#*', 'require-stack', () => fitPage(Array.from({ length: 1000 }, (_, i) => `*${i.toString(36)}?#*`)), false],
      [
        '4 KB: pieces of the very frames, one character changed',
        'require-stack',
        () =>
          fitPage(
            Array.from({ length: 400 }, (_, i) => {
              const t = frameTexts[i % frameTexts.length] as string;
              const start = (i * 7) % Math.max(1, t.length - 8);
              const piece = t.slice(start, start + 6 + (i % 12));
              const at = i % piece.length;
              return `*${piece.slice(0, at)}#${piece.slice(at + 1)}*`;
            }),
          ),
        false,
      ],
      ['4 KB: the same pieces, in reject-stack', 'reject-stack', () => fitPage(frameTexts.map((t) => `*${t.slice(1, -1)}#*`)), true],
    ];
    for (const [what, knob, value, expected] of cases) {
      it(`should decide within the bound with ${what}`, () => {
        // Arrange
        const attr = declare('adversarial');
        const written = value();
        expect(Buffer.byteLength(written)).to.be.at.most(PAGE);

        // Act
        const { ms, decision } = timeDecision(attr, [[knob, written]]);

        // Assert
        expect(decision).to.equal(expected);
        expect(ms, `trivial decision ${trivialMs.toFixed(3)} ms`).to.be.below(bound);
      });
    }

    it('should find the frame named aaa...a with *a*a*a...*a', () => {
      // Arrange: the same shape that matches, so the test above is not passing for a wrong reason.
      const attr = declare('run-match');

      // Act
      const { ms, decision } = timeDecision(attr, [['require-stack', `${'*a'.repeat(RUN_NAME.length)}`]]);

      // Assert
      expect(decision).to.equal(true);
      expect(ms).to.be.below(bound);
    });
  });

  describe('when patterns come from a fuzzer', () => {
    /** A pattern made from a piece of a frame text, some characters turned into wildcards or changed. */
    const nearPattern = (): fc.Arbitrary<string> =>
      fc
        .tuple(
          fc.nat(),
          fc.nat(),
          fc.integer({ min: 1, max: 24 }),
          fc.array(fc.tuple(fc.nat(), fc.constantFrom('*', '?', '*?', '#', '/', '.', '*/')), { maxLength: 4 }),
          fc.constantFrom('', '*', '?'),
          fc.constantFrom('', '*', '?'),
        )
        .map(([which, from, length, edits, head, tail]) => {
          const t = frameTexts[which % frameTexts.length] as string;
          const start = from % t.length;
          let piece = t.slice(start, start + length);
          for (const [at, edit] of edits) {
            const i = at % (piece.length + 1);
            piece = piece.slice(0, i) + edit + piece.slice(i + 1);
          }
          return (head + piece + tail).replaceAll(',', '').trim();
        });
    const randomPattern = fc
      .array(fc.oneof(fc.constantFrom('*', '?', '*?', 'a', '/', '.', 'e', 's', 'Z'), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_0123456789')), {
        minLength: 1,
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    const anyPattern = fc.oneof(nearPattern(), randomPattern);
    const knobs = fc.constantFrom<Knob[]>(['require-stack'], ['reject-stack'], ['require-stack', 'reject-stack']);

    it('should decide as the specification says, for short lists', () => {
      const attr = declare('fuzz-small');
      fc.assert(
        fc.property(fc.array(anyPattern, { minLength: 1, maxLength: 6 }), fc.array(anyPattern, { maxLength: 4 }), (required, rejected) => {
          // Act
          const { ms, decision, frames } = timeDecision(attr, [
            ['require-stack', required.join(',')],
            ['reject-stack', rejected.join(',')],
          ]);

          // Assert
          const expected = referenceDecision(frames, readPatterns(attr, 'require-stack'), readPatterns(attr, 'reject-stack'));
          expect(decision).to.equal(expected);
          expect(ms).to.be.below(bound);
        }),
        { numRuns: 150 },
      );
    });

    it('should decide each within the bound, for lists of up to 4 KB', () => {
      const attr = declare('fuzz-page');
      const pageOf = fc.array(anyPattern, { minLength: 1, maxLength: 800 }).map(fitPage);
      fc.assert(
        fc.property(knobs, pageOf, pageOf, (which, first, second) => {
          // Arrange: an empty knob reads as no filter.
          debugfs.write(`${attr.name}/require-stack`, '');
          debugfs.write(`${attr.name}/reject-stack`, '');

          // Act
          const { ms } = timeDecision(
            attr,
            which.map((knob, i) => [knob, i === 0 ? first : second]),
          );

          // Assert
          expect(ms, `trivial decision ${trivialMs.toFixed(3)} ms`).to.be.below(bound);
        }),
        { numRuns: 40 },
      );
    });
  });
});
