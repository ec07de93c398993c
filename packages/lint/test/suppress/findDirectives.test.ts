import { expect } from 'chai';
import { ts } from 'ts-morph';
import { findDirectives } from '../../src/suppress/findDirectives';
import { dedent } from '../support/ruleTester';

function parse(code: string): ts.SourceFile {
  return ts.createSourceFile('/virtual/case.ts', dedent(code), ts.ScriptTarget.ES2022, true);
}

/** The directives with their parts' texts, and where each part starts as line:column (1-based). */
function summary(file: ts.SourceFile): unknown[] {
  const at = (pos: number): string => {
    const { line, character } = file.getLineAndCharacterOfPosition(pos);
    return `${line + 1}:${character + 1}`;
  };
  return findDirectives(file).map((d) => ({
    at: at(d.comment.pos),
    name: d.name.text,
    rules: d.rules.map((r) => `${r.text}@${at(r.pos)}`),
    reason: d.reason,
  }));
}

describe('findDirectives', () => {
  describe('when the file holds no directive', () => {
    it('should find nothing', () => {
      // Act, assert
      expect(findDirectives(parse('const a = 1; // a comment\n'))).to.deep.equal([]);
    });
  });

  describe('when a line comment is a directive', () => {
    it('should give its name, its rules where they are, and its reason', () => {
      // Arrange
      const file = parse(`
        const a = 1;
          // ei-lint-disable-next-line ei/unchecked-call,  ei/bad-usage -- the store is closed here
        a;
      `);

      // Act, assert
      expect(summary(file)).to.deep.equal([
        { at: '2:3', name: 'ei-lint-disable-next-line', rules: ['ei/unchecked-call@2:32', 'ei/bad-usage@2:52'], reason: 'the store is closed here' },
      ]);
    });

    it('should give the comment\'s whole text, to the end of its line', () => {
      // Arrange
      const file = parse('//ei-lint-disable-next-line ei/bad-usage -- why\r\nx;\n');

      // Act
      const [directive] = findDirectives(file);

      // Assert
      expect(directive!.comment).to.deep.equal({ text: '//ei-lint-disable-next-line ei/bad-usage -- why', pos: 0, end: 47 });
      expect(directive!.name).to.deep.equal({ text: 'ei-lint-disable-next-line', pos: 2, end: 27 });
    });

    it('should read a directive on the last line, without a line break after it', () => {
      // Arrange
      const file = ts.createSourceFile('/virtual/case.ts', 'x();\n// ei-lint-disable-next-line ei/bad-usage -- the end', ts.ScriptTarget.ES2022, true);

      // Act, assert
      expect(summary(file)).to.deep.equal([{ at: '2:1', name: 'ei-lint-disable-next-line', rules: ['ei/bad-usage@2:30'], reason: 'the end' }]);
    });

    it('should find one at the end of a line of code, one before a closing brace and one at the end of the file', () => {
      // Arrange
      const file = parse(`
        function f() {
          f(); // ei-lint-disable-next-line ei/bad-usage -- a
          // ei-lint-disable-next-line ei/bad-usage -- b
        }
        // ei-lint-disable-next-line ei/bad-usage -- c
      `);

      // Act, assert
      expect(summary(file).map((d) => (d as { at: string; reason: string }).at + ' ' + (d as { reason: string }).reason)).to.deep.equal(['2:8 a', '3:3 b', '5:1 c']);
    });

    it('should leave the reason undefined without " -- ", and empty when nothing follows it', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/bad-usage
        // ei-lint-disable-next-line ei/bad-usage --
        // ei-lint-disable-next-line ei/bad-usage --no-space
        // ei-lint-disable-next-line -- only a reason
      `);

      // Act, assert
      expect(summary(file)).to.deep.equal([
        { at: '1:1', name: 'ei-lint-disable-next-line', rules: ['ei/bad-usage@1:30'], reason: undefined },
        { at: '2:1', name: 'ei-lint-disable-next-line', rules: ['ei/bad-usage@2:30'], reason: '' },
        { at: '3:1', name: 'ei-lint-disable-next-line', rules: ['ei/bad-usage --no-space@3:30'], reason: undefined },
        { at: '4:1', name: 'ei-lint-disable-next-line', rules: [], reason: 'only a reason' },
      ]);
    });

    it('should take other ei-lint- names for directives, for the check to refuse', () => {
      // Arrange
      const file = parse('// ei-lint-disable ei/bad-usage -- x\n');

      // Act, assert
      expect(summary(file)).to.deep.equal([{ at: '1:1', name: 'ei-lint-disable', rules: ['ei/bad-usage@1:20'], reason: 'x' }]);
    });
  });

  describe('when the text is not a line comment', () => {
    it('should not take strings, templates, regular expressions or block comments for directives', () => {
      // Arrange
      const file = parse(`
        const s = '// ei-lint-disable-next-line ei/bad-usage -- in a string';
        const t = \`
        // ei-lint-disable-next-line ei/bad-usage -- in a template
        \`;
        const r = /\\/\\/ ei-lint-disable-next-line/;
        /* // ei-lint-disable-next-line ei/bad-usage -- in a block comment */
        /**
         * // ei-lint-disable-next-line ei/bad-usage -- in a doc comment
         */
        function f(): void {}
        // not a directive: ei-lint-disable-next-line ei/bad-usage -- x
      `);

      // Act, assert
      expect(findDirectives(file)).to.deep.equal([]);
      expect(file.text).to.contain('ei-lint-');
    });
  });
});
