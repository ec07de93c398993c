import { expect } from 'chai';
import * as fc from 'fast-check';
import { Glob, normalizeGlob } from '../../src/attr/Glob';
import { dpMatches, dpMatchesPath, regexpReference } from './fixtures/globReference';

/**
 * Characters patterns and texts are made of: letters, the path separator, RegExp metacharacters
 * (literal in a pattern), line terminators, a character outside ASCII, a surrogate pair, a lone
 * surrogate and NUL. Texts hold `*` and `?` too, as characters like any other.
 */
const CHARS = ['a', 'b', '/', '.', '(', '[', '\\', '$', '^', '+', '|', '{', '\n', '\r', '\u2028', 'é', '😀', '\ud800', '\0'];
const TEXT_CHARS = [...CHARS, '*', '?'];

/** Patterns with at most four stars, so that the RegExp reference cannot backtrack for long. */
const shortPattern = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...CHARS), weight: 3 }, { arbitrary: fc.constantFrom('*', '?'), weight: 2 }), { maxLength: 10 })
  .map((parts) => parts.join(''))
  .filter((pattern) => pattern.split('*').length <= 5);
const text = fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 16 }).map((parts) => parts.join(''));

/** Texts made to nearly match: the pattern with its wildcards filled in, then perhaps changed. */
const patternAndText = shortPattern.chain((pattern) =>
  fc
    .tuple(
      fc.array(fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 3 }), { minLength: pattern.length, maxLength: pattern.length }),
      fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 3 }),
      fc.nat(),
      fc.boolean(),
    )
    .map(([fills, prefix, at, change]) => {
      let filled = prefix.join('');
      pattern.split('').forEach((c, i) => {
        const fill = (fills[i] as string[]).join('');
        filled += c === '*' ? fill : c === '?' ? (fill[0] ?? 'a') : c;
      });
      if (change && filled.length > 0) {
        const i = at % filled.length;
        filled = `${filled.slice(0, i)}${filled[i] === 'a' ? 'b' : 'a'}${filled.slice(i + 1)}`;
      }
      return [pattern, filled] as const;
    }),
);

describe('Glob', () => {
  describe('when compared with the RegExp errinject 0.1.0 compiled (with the s flag)', () => {
    it('should match a whole name exactly when the RegExp does', () => {
      fc.assert(
        fc.property(fc.oneof(patternAndText, fc.tuple(shortPattern, text)), ([pattern, value]) => {
          expect(new Glob(pattern).matches(value)).to.equal(regexpReference(pattern).name.test(value));
        }),
        { numRuns: 3000 },
      );
    });

    it('should match a path, whole or its end after a /, exactly when the RegExp does', () => {
      const withSlashes = patternAndText.map(([pattern, value]) => [pattern, `a/${value}`] as const);
      fc.assert(
        fc.property(fc.oneof(patternAndText, withSlashes, fc.tuple(shortPattern, text)), ([pattern, value]) => {
          expect(new Glob(pattern).matchesPath(value)).to.equal(regexpReference(pattern).file.test(value));
        }),
        { numRuns: 3000 },
      );
    });

    it('should agree with the dynamic-programming reference the other tests use for long patterns', () => {
      fc.assert(
        fc.property(fc.oneof(patternAndText, fc.tuple(shortPattern, text)), ([pattern, value]) => {
          const regexp = regexpReference(pattern);
          expect([dpMatches(pattern, value), dpMatchesPath(pattern, value)]).to.deep.equal([regexp.name.test(value), regexp.file.test(value)]);
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('when the pattern has many stars (beyond what the RegExp reference can judge)', () => {
    const longPattern = fc
      .array(fc.oneof({ arbitrary: fc.constantFrom('a', 'b', '/'), weight: 3 }, { arbitrary: fc.constantFrom('*', '?'), weight: 3 }), { maxLength: 60 })
      .map((parts) => parts.join(''));
    const longText = fc.array(fc.constantFrom('a', 'b', '/'), { maxLength: 80 }).map((parts) => parts.join(''));

    it('should agree with the dynamic-programming reference', () => {
      fc.assert(
        fc.property(longPattern, longText, (pattern, value) => {
          const glob = new Glob(pattern);
          expect([glob.matches(value), glob.matchesPath(value)]).to.deep.equal([dpMatches(pattern, value), dpMatchesPath(pattern, value)]);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('when a pattern holds characters outside ASCII', () => {
    const cases: Array<[string, string, boolean]> = [
      ['caf?', 'café', true],
      ['?', '😀', false],
      ['??', '😀', true],
      ['x?y', 'x\ud800y', true],
      ['😀*', '😀 open', true],
      ['数据.*', '数据.打开', true],
      ['数据.?', '数据.打开', false],
    ];
    for (const [pattern, value, expected] of cases) {
      it(`should ${expected ? '' : 'not '}match ${JSON.stringify(value)} with ${JSON.stringify(pattern)} (? is one UTF-16 unit, as . without the u flag)`, () => {
        // Act
        const matched = new Glob(pattern).matches(value);

        // Assert
        expect(matched).to.equal(expected);
        expect(regexpReference(pattern).name.test(value)).to.equal(expected);
      });
    }
  });

  describe('when a text holds a line terminator', () => {
    it('should let * and ? match it, as "any character" says (the RegExp without the s flag did not)', () => {
      // Arrange
      const star = new Glob('a*b');
      const question = new Glob('a?b');

      // Act
      const results = [star.matches('a\nb'), question.matches('a\u2028b'), star.matchesPath('/x/a\r\nb')];

      // Assert
      expect(results).to.deep.equal([true, true, true]);
    });
  });

  describe('when a pattern holds RegExp metacharacters', () => {
    it('should take them literally', () => {
      // Arrange
      const glob = new Glob('a.(b)[c]+$^|{d}\\');

      // Act
      const results = [glob.matches('a.(b)[c]+$^|{d}\\'), glob.matches('aX(b)[c]+$^|{d}\\'), glob.matches('a.(b)[c]]+$^|{d}\\')];

      // Assert
      expect(results).to.deep.equal([true, false, false]);
    });
  });

  describe('when normalizing', () => {
    const cases: Array<[string, string]> = [
      ['*?*?*?', '???*'],
      ['**a**', '*a*'],
      ['a?*?b', 'a??*b'],
      ['??', '??'],
      ['', ''],
      ['*', '*'],
      ['open', 'open'],
    ];
    for (const [pattern, normal] of cases) {
      it(`should write ${JSON.stringify(pattern)} as ${JSON.stringify(normal)}`, () => {
        expect(normalizeGlob(pattern)).to.equal(normal);
      });
    }

    it('should not change what a pattern matches', () => {
      fc.assert(
        fc.property(patternAndText, ([pattern, value]) => {
          const normal = normalizeGlob(pattern);
          expect([dpMatches(normal, value), dpMatchesPath(normal, value)]).to.deep.equal([dpMatches(pattern, value), dpMatchesPath(pattern, value)]);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('when the pattern would make a RegExp backtrack (regression: *?*?... took 22 s a decision)', () => {
    /** Milliseconds for `count` matches of a glob against a text, both ways. */
    function timeMatches(glob: Glob, value: string, count: number): number {
      const start = performance.now();
      for (let i = 0; i < count; i++) {
        if (glob.matches(value) || glob.matchesPath(value)) throw new Error(`${glob.pattern} matched ${value}`);
      }
      return performance.now() - start;
    }

    it('should cost about what a plain pattern costs, for *?*?...Z, *a*a*a...b and a 4 KB pattern against long texts', () => {
      // Arrange: texts as long as long paths (joined, so flat strings as frames' texts are: a string
      // made by repeat() is a rope, slower to read), and a plain pattern that reads all of one.
      const run = new Array(201).join('a');
      const path = ['', ...new Array<string>(8).fill('node_modules/package/dist'), 'index.js'].join('/');
      const plain = new Glob(`*${run.slice(1)}c`);
      // Each would backtrack exponentially as a RegExp. (A `?` inside a piece, as in *a?a?a?...b*,
      // costs up to |piece| x |text|, the matcher's worst case: the decision tests bound that one.)
      const adversarial: Array<[Glob, string]> = [
        [new Glob(`${'*?'.repeat(11)}Z`), path],
        [new Glob(`${'*?'.repeat(11)}*Z`), run],
        [new Glob(`${'*a'.repeat(40)}*b`), run],
        [new Glob(`${'*a'.repeat(40)}b*`), run],
        [new Glob(`${'*?'.repeat(2047)}Z`), path],
        [new Glob(`*${'ab'.repeat(2040)}*`), run],
      ];
      timeMatches(plain, run, 200);
      const baseline = Math.min(timeMatches(plain, run, 200), timeMatches(plain, run, 200));

      // Act
      const costs = adversarial.map(([glob, value]) => {
        timeMatches(glob, value, 5);
        return Math.min(timeMatches(glob, value, 200), timeMatches(glob, value, 200)) / baseline;
      });

      // Assert: backtracking would cost 10^6 times the baseline and more. 200 plain matches take
      // about 0.3 ms, so the floor of 10 ms keeps a busy machine from failing the test.
      const floor = 10 / baseline;
      for (const [i, cost] of costs.entries()) {
        expect(cost, (adversarial[i] as [Glob, string])[0].pattern.slice(0, 40)).to.be.below(Math.max(50, floor));
      }
    });
  });
});
