import { expect } from 'chai';
import { formatJson } from '../../src/format/formatJson';
import { CWD, FINDINGS } from './findings';

describe('formatJson', () => {
  describe('when findings are printed', () => {
    it('should print one array of { ruleId, severity, file, line, column, message }, files relative to the working directory', () => {
      // Act
      const text = formatJson(FINDINGS, { cwd: CWD });

      // Assert
      expect(text.endsWith(']\n')).to.equal(true);
      expect(text.trim().split('\n')).to.have.length(1);
      expect(JSON.parse(text)).to.deep.equal([
        { ruleId: 'ei/unchecked-call', severity: 'error', file: 'src/store.ts', line: 2, column: 13, message: 'the result of Store.open is used before its failure is checked' },
        { ruleId: 'ei/release-function', severity: 'warning', file: 'src/store.ts', line: 3, column: 3, message: 'release functions should not be error-injectable' },
        { ruleId: 'ei/suppression', severity: 'error', file: 'src/user.ts', line: 1, column: 1, message: 'a 100% bad, message:\nwith, two lines\r' },
      ]);
    });

    it('should keep the keys in their documented order', () => {
      // Act
      const [first] = JSON.parse(formatJson(FINDINGS, { cwd: '/' })) as Record<string, unknown>[];

      // Assert
      expect(Object.keys(first!)).to.deep.equal(['ruleId', 'severity', 'file', 'line', 'column', 'message']);
      expect(first!['file']).to.equal('work/project/src/store.ts');
    });
  });

  describe('when nothing was found', () => {
    it('should print an empty array', () => {
      // Act, assert
      expect(formatJson([], { cwd: CWD })).to.equal('[]\n');
    });
  });
});
