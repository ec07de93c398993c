import { expect } from 'chai';
import { formatGithub } from '../../src/format/formatGithub';
import { CWD, FINDINGS } from './findings';

describe('formatGithub', () => {
  describe('when findings are printed', () => {
    it('should print one workflow command a finding, ::error or ::warning, with its span and rule', () => {
      // Act
      const lines = formatGithub(FINDINGS.slice(0, 2), { cwd: CWD }).split('\n');

      // Assert
      expect(lines).to.deep.equal([
        '::error file=src/store.ts,line=2,col=13,endLine=2,endColumn=28,title=ei/unchecked-call::the result of Store.open is used before its failure is checked',
        '::warning file=src/store.ts,line=3,col=3,endLine=4,endColumn=2,title=ei/release-function::release functions should not be error-injectable',
        '',
      ]);
    });

    it('should escape %, CR and LF in messages, and : and , too in properties', () => {
      // Act
      const text = formatGithub([{ ...FINDINGS[2]!, file: '/work/project/src/a,b:c%.ts' }], { cwd: CWD });

      // Assert
      expect(text).to.equal('::error file=src/a%2Cb%3Ac%25.ts,line=1,col=1,endLine=1,endColumn=15,title=ei/suppression::a 100%25 bad, message:%0Awith, two lines%0D\n');
    });
  });

  describe('when nothing was found', () => {
    it('should print nothing', () => {
      // Act, assert
      expect(formatGithub([], { cwd: CWD })).to.equal('');
    });
  });
});
