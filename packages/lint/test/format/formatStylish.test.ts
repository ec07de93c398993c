import { expect } from 'chai';
import { formatStylish } from '../../src/format/formatStylish';
import { CWD, FINDINGS, SOURCES } from './findings';

const readSource = (file: string): string | undefined => SOURCES[file];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[\d+m/g;

describe('formatStylish', () => {
  describe('when nothing was found', () => {
    it('should print nothing', () => {
      // Act, assert
      expect(formatStylish([], { cwd: CWD, color: true, readSource })).to.equal('');
    });
  });

  describe('when findings are printed without colours', () => {
    it('should group them by file, with their positions, code frames and a summary', () => {
      // Act
      const text = formatStylish(FINDINGS, { cwd: CWD, readSource });

      // Assert
      expect(text).to.equal(
        [
          'src/store.ts',
          '  2:13  error    the result of Store.open is used before its failure is checked  ei/unchecked-call',
          '    2 | \tconst fd = this.open(path);',
          '      | \t           ^^^^^^^^^^^^^^^',
          '  3:3   warning  release functions should not be error-injectable  ei/release-function',
          '    3 |   x!.y;',
          '      |   ^^^^^',
          '',
          'src/user.ts',
          '  1:1  error    a 100% bad, message:\nwith, two lines\r  ei/suppression',
          '    1 | store.open(p);',
          '      | ^^^^^^^^^^^^^^',
          '',
          '✖ 3 problems (2 errors, 1 warning)',
          '',
        ].join('\n'),
      );
      expect(text).to.not.match(ANSI);
    });

    it('should leave the frames out when the sources cannot be read', () => {
      // Act
      const withoutReader = formatStylish(FINDINGS.slice(0, 1), { cwd: CWD });
      const unreadable = formatStylish(FINDINGS.slice(0, 1), { cwd: CWD, readSource: () => undefined });
      const shorter = formatStylish(FINDINGS.slice(0, 1), { cwd: CWD, readSource: () => 'one line' });

      // Assert
      const expected = [
        'src/store.ts',
        '  2:13  error    the result of Store.open is used before its failure is checked  ei/unchecked-call',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n');
      expect([withoutReader, unreadable, shorter]).to.deep.equal([expected, expected, expected]);
    });

    it('should print file names outside the working directory relative to it', () => {
      // Act
      const text = formatStylish([{ ...FINDINGS[1]!, file: '/work/other/a.ts' }], { cwd: CWD });

      // Assert
      expect(text.split('\n')[0]).to.equal('../other/a.ts');
      expect(text).to.contain('✖ 1 problem (0 errors, 1 warning)');
    });
  });

  describe('when colours are on', () => {
    it('should colour the output, and say the same once the colours are removed', () => {
      // Act
      const coloured = formatStylish(FINDINGS, { cwd: CWD, color: true, readSource });
      const plain = formatStylish(FINDINGS, { cwd: CWD, color: false, readSource });

      // Assert
      expect(coloured).to.match(ANSI);
      expect(coloured).to.contain('\u001b[31merror  \u001b[39m');
      expect(coloured).to.contain('\u001b[33mwarning\u001b[39m');
      expect(coloured).to.contain('\u001b[4msrc/store.ts\u001b[24m');
      expect(coloured.replace(ANSI, '')).to.equal(plain);
    });

    it('should print the summary in yellow when there are only warnings', () => {
      // Act
      const coloured = formatStylish(FINDINGS.slice(1, 2), { cwd: CWD, color: true });

      // Assert
      expect(coloured).to.contain('\u001b[33m✖ 1 problem (0 errors, 1 warning)\u001b[39m');
    });
  });
});
