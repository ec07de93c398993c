import { expect } from 'chai';
import * as fc from 'fast-check';
import type { StackFrame } from '../../src/attr/captureCallerFrames';
import { STACK_MEMO_LIMIT, STACK_SCAN_LIMIT, StackPatternList } from '../../src/attr/StackPatternList';
import { regexpReference } from './fixtures/globReference';

/**
 * Characters for lists and texts: few, so that patterns often nearly match and share the pairs the
 * index keys on; NUL, which the index's keys of one character start with; a surrogate pair and a
 * line terminator.
 */
const CHARS = ['a', 'b', 'c', '/', '.', '\0', '😀', '\n'];
const TEXT_CHARS = [...CHARS, '*', '?'];

/** A pattern with at most three stars, so that the RegExp reference stays fast. */
const pattern = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...CHARS), weight: 4 }, { arbitrary: fc.constantFrom('*', '?'), weight: 2 }), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''))
  .filter((p) => p.split('*').length <= 4);
const text = fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 14 }).map((parts) => parts.join(''));
/** Lists short (each text tries every pattern) and long (through the index and the memo). */
const patterns = fc.oneof(
  fc.array(pattern, { minLength: 1, maxLength: STACK_SCAN_LIMIT }),
  fc.array(pattern, { minLength: STACK_SCAN_LIMIT + 1, maxLength: 60 }),
);

/** The reference: one RegExp per pattern, tried in turn. */
function reference(list: readonly string[]): { name: (value: string) => boolean; path: (value: string) => boolean } {
  const regexps = list.map(regexpReference);
  return {
    name: (value) => regexps.some((r) => r.name.test(value)),
    path: (value) => regexps.some((r) => r.file.test(value)),
  };
}

function frame(functionName: string | undefined, qualifiedName: string, fileName: string | undefined): StackFrame {
  return { functionName, qualifiedName, fileName, text: `at ${qualifiedName} (${fileName ?? 'native'})` };
}

describe('StackPatternList', () => {
  describe('when compared with a RegExp per pattern (errinject 0.1.0, with the s flag)', () => {
    it('should match a name and a path exactly when some pattern does, asked once and again', () => {
      fc.assert(
        fc.property(patterns, fc.array(text, { minLength: 1, maxLength: 12 }), (list, texts) => {
          // Every text twice: the second answer comes from the memo on long lists.
          const list0 = new StackPatternList(list);
          const expected = reference(list);
          for (const value of [...texts, ...texts]) {
            expect(list0.matchesName(value), `name ${JSON.stringify(value)}`).to.equal(expected.name(value));
            expect(list0.matchesPath(value), `path ${JSON.stringify(value)}`).to.equal(expected.path(value));
          }
        }),
        { numRuns: 300 },
      );
    });

    it('should match texts built from its own patterns, where answers are often yes', () => {
      const listAndTexts = patterns.chain((list) =>
        fc.tuple(
          fc.constant(list),
          fc.array(
            fc.tuple(fc.nat(list.length - 1), fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 2 }), fc.constantFrom('', '/', 'a/')).map(
              ([i, fill, prefix]) => prefix + (list[i] as string).replaceAll('*', fill.join('')).replaceAll('?', fill[0] ?? 'a'),
            ),
            { minLength: 1, maxLength: 8 },
          ),
        ),
      );
      fc.assert(
        fc.property(listAndTexts, ([list, texts]) => {
          const list0 = new StackPatternList(list);
          const expected = reference(list);
          for (const value of texts) {
            expect(list0.matchesName(value), `name ${JSON.stringify(value)}`).to.equal(expected.name(value));
            expect(list0.matchesPath(value), `path ${JSON.stringify(value)}`).to.equal(expected.path(value));
          }
        }),
        { numRuns: 600 },
      );
    });
  });

  describe('when a frame is decided', () => {
    const cases: Array<[string, string[], StackFrame, boolean]> = [
      ['its function name', ['open'], frame('open', 'Store.open', '/app/src/store.js'), true],
      ['its qualified name', ['Store.open'], frame('open', 'Store.open', '/app/src/store.js'), true],
      ['the end of its path after a /', ['src/store.js'], frame('open', 'Store.open', '/app/src/store.js'), true],
      ['its whole path', ['/app/src/store.js'], frame('open', 'Store.open', '/app/src/store.js'), true],
      ['a path end not after a /', ['rc/store.js'], frame('open', 'Store.open', '/app/src/store.js'), false],
      ['a glob over its path', ['*/src/*.js'], frame(undefined, '<anonymous>', '/app/src/store.js'), true],
      ['no name and no path', ['*'], frame(undefined, '<anonymous>', undefined), true],
      ['no name, no path, and a pattern that needs a character', ['?*x'], frame(undefined, '<anonymous>', undefined), false],
    ];
    for (const [what, list, value, expected] of cases) {
      it(`should ${expected ? '' : 'not '}match by ${what}, on a short list and on a long one`, () => {
        // Arrange: the same patterns among many that match nothing, past the index's threshold.
        const filler = Array.from({ length: 3 * STACK_SCAN_LIMIT }, (_, i) => `noSuch${i}*Z`);
        const short = new StackPatternList(list);
        const long = new StackPatternList([...filler, ...list]);

        // Act
        const results = [short.matchesFrame(value), long.matchesFrame(value), long.matchesFrame(value)];

        // Assert
        expect(results).to.deep.equal([expected, expected, expected]);
      });
    }
  });

  describe('when the same pattern is written many times, or in another form', () => {
    it('should keep one of each, deciding as the list as written', () => {
      // Arrange
      const written = [...new Array<string>(100).fill('Store.*'), ...new Array<string>(100).fill('Store.**'), '*?*?*?', '???*', 'open', 'open'];
      const list = new StackPatternList(written);

      // Act
      const results = ['Store.open', 'Cache.open', 'ab', 'abc', 'open'].map((name) => list.matchesName(name));

      // Assert
      expect(results).to.deep.equal([true, true, false, true, true]);
      expect(results).to.deep.equal(['Store.open', 'Cache.open', 'ab', 'abc', 'open'].map(reference(written).name));
    });
  });

  describe('when more texts are decided than the memo keeps', () => {
    it('should keep at most STACK_MEMO_LIMIT of each, and still answer right', () => {
      // Arrange
      const list = new StackPatternList(Array.from({ length: 40 }, (_, i) => `*/y${i}.js`));
      const memos = list as unknown as { nameMemo: Map<string, boolean>; pathMemo: Map<string, boolean> };

      // Act
      const names: boolean[] = [];
      const paths: boolean[] = [];
      for (let i = 0; i < 3 * STACK_MEMO_LIMIT; i++) {
        names.push(list.matchesName(`y${i}.js`));
        paths.push(list.matchesPath(`/src/y${i % 50}.js`));
      }

      // Assert
      expect(memos.nameMemo.size).to.be.within(1, STACK_MEMO_LIMIT);
      expect(memos.pathMemo.size).to.be.within(1, STACK_MEMO_LIMIT);
      expect(names.every((matched) => !matched)).to.equal(true);
      expect(paths).to.deep.equal(paths.map((_, i) => i % 50 < 40));
    });
  });

  describe('when the count of texts decided reaches the largest int32 (the marks start over)', () => {
    it('should answer as before', () => {
      // Arrange: a long list, so that texts go through the index and its marks.
      const written = Array.from({ length: 3 * STACK_SCAN_LIMIT }, (_, i) => `*x${i}y*`);
      const list = new StackPatternList(written);
      (list as unknown as { visitor: number }).visitor = 0x7fffffff - 1;
      const texts = ['ax3yb', 'ax3b', 'x23y', 'nothing', 'ax3yb', 'x23y'];

      // Act
      const results = texts.map((value) => list.matchesPath(`/src/${value}.js`));

      // Assert
      expect(results).to.deep.equal([true, false, true, false, true, true]);
      expect((list as unknown as { visitor: number }).visitor).to.be.below(10);
    });
  });
});
