import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'chai';
import { lintSources } from '../../src/engine/lintSources';
import { LintError } from '../../src/errors/LintError';

const BASE_DIR = path.resolve(__dirname, 'virtual');

const CODE = `import { allowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(size: number): Buffer | null {
  return Buffer.alloc(size);
});
`;

describe('lintSources', () => {
  describe('when the process works in a directory outside the project (regression: Node.js types resolved from there)', () => {
    it("should resolve the files' types from baseDir, so that Buffer is Node.js's and the mark fits", () => {
      // Arrange
      const previous = process.cwd();
      process.chdir(os.tmpdir());

      // Act
      let findings;
      try {
        findings = lintSources({ 'alloc.ts': CODE }, { baseDir: BASE_DIR });
      } finally {
        process.chdir(previous);
      }

      // Assert
      expect(findings.map((finding) => `${finding.ruleId} ${finding.message}`)).to.deep.equal([]);
    });
  });

  describe('when a mark does not fit', () => {
    it('should report it in the file given, at the mark', () => {
      // Act
      const findings = lintSources({ 'alloc.ts': CODE.replace('Buffer | null', 'Buffer') }, { baseDir: BASE_DIR });

      // Assert
      expect(findings.map((finding) => [finding.ruleId, path.relative(BASE_DIR, finding.file), finding.line, finding.column])).to.deep.equal([
        ['ei/type-mismatch', 'alloc.ts', 2, 22],
      ]);
    });
  });

  describe('when compiler options are given as a tsconfig.json writes them (regression: the compiler API\'s enum values were expected)', () => {
    it('should convert them and lint with them', () => {
      // Act
      const findings = lintSources({ 'alloc.ts': CODE.replace('Buffer | null', 'Buffer') }, { baseDir: BASE_DIR, compilerOptions: { target: 'es2020', module: 'node16', lib: ['es2022'], experimentalDecorators: true } });

      // Assert
      expect(findings.map((finding) => [finding.ruleId, finding.line, finding.column])).to.deep.equal([['ei/type-mismatch', 2, 22]]);
    });

    it('should refuse an option the compiler refuses, naming it, with ERR_INVALID_ARG_VALUE', () => {
      for (const compilerOptions of [{ target: 'es1999' }, { target: 99 }, { strict: 'yes' }]) {
        // Act
        const act = (): unknown => lintSources({ 'alloc.ts': CODE }, { baseDir: BASE_DIR, compilerOptions });

        // Assert
        expect(act, JSON.stringify(compilerOptions))
          .to.throw(LintError, /^lintSources: compilerOptions \{.*\} are refused \(.*'(--)?(target|strict)'.*\); accepted: the compilerOptions of a tsconfig\.json$/)
          .with.property('code', 'ERR_INVALID_ARG_VALUE');
      }
    });
  });
});
