import { expect } from 'chai';
import { summaryLine, type SummaryFacts } from '../../src/cli/summaryLine';

const NONE: SummaryFacts = { errors: 0, warnings: 0, quiet: false, hiddenWarnings: 0, fileCount: 4, outputFile: undefined, color: false };

describe('summaryLine', () => {
  describe('when nothing was found', () => {
    it('should say so with the number of files', () => {
      expect(summaryLine(NONE)).to.equal('✔ no problems (4 files)\n');
      expect(summaryLine({ ...NONE, fileCount: 1 })).to.equal('✔ no problems (1 file)\n');
    });
  });

  describe('when there are findings', () => {
    it('should count problems, errors and warnings as stylish does', () => {
      expect(summaryLine({ ...NONE, errors: 2, warnings: 1 })).to.equal('✖ 3 problems (2 errors, 1 warning)\n');
      expect(summaryLine({ ...NONE, warnings: 1, color: true })).to.equal('\u001b[33m✖\u001b[39m 1 problem (0 errors, 1 warning)\n');
      expect(summaryLine({ ...NONE, errors: 1, color: true })).to.equal('\u001b[31m✖\u001b[39m 1 problem (1 error, 0 warnings)\n');
    });
  });

  describe('when --quiet is given', () => {
    it('should count errors, and the warnings it left out when there are some', () => {
      expect(summaryLine({ ...NONE, quiet: true })).to.equal('✔ no errors (4 files)\n');
      expect(summaryLine({ ...NONE, quiet: true, hiddenWarnings: 2 })).to.equal('✔ no errors (4 files; --quiet left out 2 warnings)\n');
      expect(summaryLine({ ...NONE, quiet: true, errors: 1 })).to.equal('✖ 1 error\n');
      expect(summaryLine({ ...NONE, quiet: true, errors: 3, hiddenWarnings: 1 })).to.equal('✖ 3 errors (--quiet left out 1 warning)\n');
    });
  });

  describe('when the report went to a file', () => {
    it('should name the file as it was given', () => {
      expect(summaryLine({ ...NONE, outputFile: 'out/ei-lint.sarif' })).to.equal('✔ no problems (4 files); report in out/ei-lint.sarif\n');
    });
  });
});
