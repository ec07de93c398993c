import * as path from 'node:path';
import { expect } from 'chai';
import { resolveConfig } from '../../src/config/resolveConfig';
import { lintSources } from '../../src/engine/lintSources';
import { lintCase } from '../support/ruleTester';

/**
 * Suppressions as the engine applies them, with the configuration's rule settings (regression: a
 * directive naming a rule that is off was reported as unused, because the engine did not pass the
 * settings on).
 */

const BASE_DIR = path.resolve(__dirname, 'virtual');

const CODE = `import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
export class Pool {
  @AllowErrorInjection(EI_TYPE_NULL)
  take(): object | null {
    return {};
  }
}
export function use(pool: Pool): void {
  // ei-lint-disable-next-line ei/unchecked-call -- the pool is never empty in this program
  pool.take();
}
`;

describe('suppressions through the engine', () => {
  describe('when the suppressed rule is off', () => {
    it('should report neither the finding nor the directive', () => {
      // Act
      const findings = lintSources({ 'case.ts': CODE }, { baseDir: BASE_DIR, config: resolveConfig({ rules: { 'ei/unchecked-call': 'off' } }) });

      // Assert
      expect(findings.map((finding) => finding.ruleId)).to.deep.equal([]);
    });
  });

  describe('when the suppressed rule is on', () => {
    it('should report nothing: the directive suppresses the call', () => {
      // Act
      const findings = lintCase('ei/unchecked-call', { name: 'suppressed', code: CODE });

      // Assert
      expect(findings).to.deep.equal([]);
    });

    it('should report the directive as unused once the call is checked', () => {
      // Act
      const findings = lintSources(
        { 'case.ts': CODE.replace('  pool.take();', '  if (pool.take() === null) throw new Error("empty");') },
        { baseDir: BASE_DIR },
      );

      // Assert
      expect(findings.map((finding) => [finding.ruleId, finding.severity, finding.line])).to.deep.equal([['ei/suppression', 'warning', 9]]);
    });
  });
});
