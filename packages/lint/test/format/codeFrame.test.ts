import { expect } from 'chai';
import { codeFrame } from '../../src/format/codeFrame';

describe('codeFrame', () => {
  describe('when the finding is on one line', () => {
    it('should print the line and carets under the finding\'s columns', () => {
      // Act
      const frame = codeFrame('a\nconst fd = open(path);\n', { line: 2, column: 12, endLine: 2, endColumn: 22 });

      // Assert
      expect(frame).to.equal(['    2 | const fd = open(path);', '      |            ^^^^^^^^^^'].join('\n'));
    });

    it('should keep the tabs before the finding so that the carets line up', () => {
      // Act
      const frame = codeFrame('\t\tx();', { line: 1, column: 3, endLine: 1, endColumn: 6 });

      // Assert
      expect(frame).to.equal('    1 | \t\tx();\n      | \t\t^^^');
    });

    it('should mark one column for an empty span, and stop at the end of the line', () => {
      // Act, assert
      expect(codeFrame('abc', { line: 1, column: 2, endLine: 1, endColumn: 2 })).to.equal('    1 | abc\n      |  ^');
      expect(codeFrame('abc', { line: 1, column: 2, endLine: 1, endColumn: 40 })).to.equal('    1 | abc\n      |  ^^');
      expect(codeFrame('abc', { line: 1, column: 9, endLine: 1, endColumn: 10 })).to.equal('    1 | abc\n      |    ^');
    });
  });

  describe('when the finding goes on past its first line', () => {
    it('should mark to the end of the first line', () => {
      // Act
      const frame = codeFrame('x\r\n\r\n  if (a) {\r\n  }', { line: 3, column: 3, endLine: 4, endColumn: 4 });

      // Assert
      expect(frame).to.equal('    3 |   if (a) {\n      |   ^^^^^^^^');
    });
  });

  describe('when the gutter is wider', () => {
    it('should pad the caret line\'s gutter to the line number\'s width', () => {
      // Act
      const frame = codeFrame(`${'\n'.repeat(119)}call();`, { line: 120, column: 1, endLine: 120, endColumn: 5 });

      // Assert
      expect(frame).to.equal('    120 | call();\n        | ^^^^');
    });
  });

  describe('when the file has no such line', () => {
    it('should return undefined', () => {
      // Act, assert
      expect(codeFrame('one line', { line: 3, column: 1, endLine: 3, endColumn: 2 })).to.equal(undefined);
    });
  });

  describe('when painted', () => {
    it('should paint the gutters and the carets', () => {
      // Act
      const frame = codeFrame('ab', { line: 1, column: 1, endLine: 1, endColumn: 3 }, { gutter: (t) => `<${t}>`, marker: (t) => `[${t}]` });

      // Assert
      expect(frame).to.equal('    <1 |> ab\n    <  |> [^^]');
    });
  });
});
