import { expect } from 'chai';
import { ts } from 'ts-morph';
import { DEFAULT_CONFIG } from '../../src/config/LintConfig';
import type { Finding, RuleId } from '../../src/finding/Finding';
import { lintSources } from '../../src/engine/lintSources';
import { applySuppressions } from '../../src/suppress/applySuppressions';
import { dedent } from '../support/ruleTester';

const FILE = '/virtual/case.ts';

function parse(code: string, fileName = FILE): ts.SourceFile {
  return ts.createSourceFile(fileName, dedent(code), ts.ScriptTarget.ES2022, true);
}

function finding(ruleId: RuleId, line: number, column = 1, file = FILE): Finding {
  return { ruleId, severity: 'error', file, line, column, endLine: line, endColumn: column + 1, message: `${ruleId} at ${line}` };
}

/** The meta findings, briefly: severity, where, and a piece of the message. */
function meta(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.ruleId === 'ei/suppression').map((f) => `${f.severity} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
}

describe('applySuppressions', () => {
  describe('when a valid directive precedes a finding of its rule', () => {
    it('should suppress the findings of the named rules that start on the next line, and keep the rest', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/unchecked-call -- closing a closed store is harmless
        store.close(); store.close();
        store.close();
      `);
      const kept = [finding('ei/type-mismatch', 2), finding('ei/unchecked-call', 3), finding('ei/unchecked-call', 2, 1, '/virtual/other.ts')];
      const findings = [finding('ei/unchecked-call', 2, 1), finding('ei/unchecked-call', 2, 16), ...kept];

      // Act
      const result = applySuppressions(findings, [file]);

      // Assert
      expect(result).to.deep.equal(kept);
    });

    it('should suppress every rule of a list', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/unchecked-call, ei/type-mismatch -- a test of the failure path
        x();
      `);

      // Act
      const result = applySuppressions([finding('ei/unchecked-call', 2), finding('ei/type-mismatch', 2, 3)], [file]);

      // Assert
      expect(result).to.deep.equal([]);
    });

    it('should apply to the next line even when it is blank, as ESLint does', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/unchecked-call -- a reason

        x();
      `);
      const original = finding('ei/unchecked-call', 3);

      // Act
      const result = applySuppressions([original], [file]);

      // Assert
      expect(result[0]).to.equal(original);
      expect(meta(result)).to.deep.equal(['warning 1:30-1:47']);
    });
  });

  describe('when a directive suppresses nothing', () => {
    it('should report each rule that reports nothing on the next line, as a warning at its name', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/unchecked-call, ei/bad-usage -- a reason
        x();
      `);

      // Act
      const result = applySuppressions([finding('ei/unchecked-call', 2)], [file]);

      // Assert
      expect(result).to.have.length(1);
      expect(result[0]).to.deep.equal({
        ruleId: 'ei/suppression',
        severity: 'warning',
        file: FILE,
        line: 1,
        column: 49,
        endLine: 1,
        endColumn: 61,
        message: 'ei-lint-disable-next-line names ei/bad-usage, but ei/bad-usage reports nothing on line 2; remove it from the directive',
      });
    });

    it('should not report a rule that is off, whose findings were never made', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/release-function -- a reason
        x();
      `);

      // Act
      const off = applySuppressions([], [file], { ...DEFAULT_CONFIG.rules, 'ei/release-function': 'off' });
      const on = applySuppressions([], [file], DEFAULT_CONFIG.rules);

      // Assert
      expect(off).to.deep.equal([]);
      expect(meta(on)).to.deep.equal(['warning 1:30-1:49']);
    });
  });

  describe('when a directive is invalid', () => {
    it('should report a directive without a reason as an error at the comment, and suppress nothing', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/unchecked-call
        x();
        // ei-lint-disable-next-line ei/unchecked-call --
        x();
      `);
      const findings = [finding('ei/unchecked-call', 2), finding('ei/unchecked-call', 4)];

      // Act
      const result = applySuppressions(findings, [file]);

      // Assert
      expect(result.slice(0, 2)).to.deep.equal(findings);
      expect(meta(result)).to.deep.equal(['error 1:1-1:47', 'error 3:1-3:50']);
      expect(result[2]!.message).to.equal(
        'ei-lint-disable-next-line needs a reason after " -- " (ei-lint-disable-next-line <rule> -- <why the finding is wrong here>), so it suppresses nothing',
      );
    });

    it('should report an unknown rule as an error at its name, and suppress nothing', () => {
      // Arrange
      const file = parse(`
        // ei-lint-disable-next-line ei/unchecked-call, ei/unchecked -- a reason
        x();
      `);
      const original = finding('ei/unchecked-call', 2);

      // Act
      const result = applySuppressions([original], [file]);

      // Assert
      expect(result[0]).to.equal(original);
      expect(meta(result)).to.deep.equal(['error 1:49-1:61']);
      expect(result[1]!.message).to.equal(
        '"ei/unchecked" is not a rule of ei-lint, so this ei-lint-disable-next-line suppresses nothing; accepted: ei/type-mismatch, ei/unchecked-call, ei/state-before-error, ei/release-function, ei/bad-usage, ei/captured-method',
      );
    });

    it('should report a directive that names no rule', () => {
      // Arrange
      const file = parse('// ei-lint-disable-next-line -- everything\nx();\n');

      // Act
      const result = applySuppressions([finding('ei/bad-usage', 2)], [file]);

      // Assert
      expect(meta(result)).to.deep.equal(['error 1:1-1:43']);
      expect(result[1]!.message).to.match(/^ei-lint-disable-next-line names no rule, so it suppresses nothing; accepted: one or more of ei\/type-mismatch/);
    });

    it('should report each problem of a directive', () => {
      // Arrange
      const file = parse('// ei-lint-disable-next-line ei/a, ei/b\nx();\n');

      // Act
      const result = applySuppressions([], [file]);

      // Assert
      expect(meta(result)).to.deep.equal(['error 1:30-1:34', 'error 1:36-1:40', 'error 1:1-1:40']);
    });

    it('should report a directive other than ei-lint-disable-next-line, at its name', () => {
      // Arrange
      const file = parse('x(); // ei-lint-disable-line ei/bad-usage -- a reason\n');

      // Act
      const result = applySuppressions([finding('ei/bad-usage', 1)], [file]);

      // Assert
      expect(meta(result)).to.deep.equal(['error 1:9-1:29']);
      expect(result[1]!.message).to.equal('"ei-lint-disable-line" is not a directive of ei-lint; accepted: ei-lint-disable-next-line');
    });
  });

  describe('when the files are given as plain names and text (regression: only the compiler\'s source files were taken)', () => {
    it('should parse them and suppress as for the source files of the compiler', () => {
      // Arrange
      const text = dedent(`
        // ei-lint-disable-next-line ei/unchecked-call -- closing a closed store is harmless
        store.close();
        const quoted = '// ei-lint-disable-next-line ei/type-mismatch -- not a comment';
      `);
      const findings = [finding('ei/unchecked-call', 2), finding('ei/type-mismatch', 4)];

      // Act
      const plain = applySuppressions(findings, [{ fileName: FILE, text }]);
      const parsed = applySuppressions(findings, [parse(text)]);

      // Assert
      expect(plain).to.deep.equal([finding('ei/type-mismatch', 4)]);
      expect(plain).to.deep.equal(parsed);
    });
  });

  describe('when files hold no directive', () => {
    it('should return the findings as they are', () => {
      // Arrange
      const findings = [finding('ei/bad-usage', 1)];

      // Act
      const result = applySuppressions(findings, [parse('x();\n')]);

      // Assert
      expect(result).to.deep.equal(findings);
      expect(result).to.not.equal(findings);
    });
  });

  describe('when the engine lints files', () => {
    it('should report the directives of the linted files among the findings', () => {
      // Arrange: code that marks nothing, so that no rule reports anything
      const code = dedent(`
        // ei-lint-disable-next-line ei/unchecked-call -- nothing is called here
        export const a = 1;
        // ei-lint-disable-next-line ei/unchecked-call
        export const b = 2;
      `);

      // Act
      const findings = lintSources({ 'case.ts': code }, { baseDir: '/virtual' });

      // Assert
      expect(findings.map((f) => `${f.ruleId} ${f.severity} ${f.line}:${f.column}`)).to.deep.equal(['ei/suppression warning 1:30', 'ei/suppression error 3:1']);
    });
  });
});
