import * as path from 'node:path';
import { expect } from 'chai';
import { resolveConfig } from '../../src/config/resolveConfig';
import { lintProject } from '../../src/engine/lintProject';
import { LintError } from '../../src/errors/LintError';
import { RULE_IDS, type RuleId } from '../../src/finding/Finding';
import { projectDir, removeProjectDirs } from './projectDir';

const TSCONFIG = {
  compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', types: [], skipLibCheck: true, noEmit: true },
  include: ['src'],
};

/** A project with marks in two files, and a file that only calls them, discarding one result (its one finding). */
function markedProject(): string {
  return projectDir({
    'tsconfig.json': TSCONFIG,
    'src/store.ts': `
      import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
      export class Store {
        @AllowErrorInjection(EI_TYPE_NULL) find(): string | null { return null; }
      }
    `,
    'src/deep/alloc.ts': `
      import { allowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
      export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(): object | null { return {}; });
    `,
    'src/deep/use.ts': `
      import { alloc } from './alloc.js';
      export const used = alloc();
      alloc();
    `,
  });
}

function lintError(act: () => unknown): LintError {
  try {
    act();
  } catch (error) {
    expect(error).to.be.instanceOf(LintError);
    return error as LintError;
  }
  throw new Error('expected a LintError');
}

describe('lintProject', () => {
  after(removeProjectDirs);

  describe('when given a project', () => {
    it('should lint every file of the project and count its marks', () => {
      // Arrange
      const dir = markedProject();

      // Act
      const result = lintProject({ tsconfig: path.join(dir, 'tsconfig.json') });

      // Assert
      expect(result.fileCount).to.equal(3);
      expect(result.injectableCount).to.equal(2);
      expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).to.deep.equal([['ei/unchecked-call', path.join(dir, 'src', 'deep', 'use.ts'), 3]]);
    });

    it('should take the directory that holds the tsconfig, relative to cwd', () => {
      // Arrange
      const dir = markedProject();

      // Act
      const result = lintProject({ tsconfig: path.basename(dir), cwd: path.dirname(dir) });

      // Assert
      expect(result.fileCount).to.equal(3);
    });

    it('should report nothing when every rule is off', () => {
      // Arrange
      const dir = markedProject();
      const config = resolveConfig({ rules: Object.fromEntries(RULE_IDS.map((id) => [id, 'off'])) as Record<RuleId, 'off'> });

      // Act
      const result = lintProject({ tsconfig: dir, config });

      // Assert
      expect(result.findings).to.deep.equal([]);
      expect(result.injectableCount).to.equal(2);
    });
  });

  describe('when paths are given', () => {
    it('should lint only the files under them, relative to cwd, but read the whole project', () => {
      // Arrange
      const dir = markedProject();

      // Act
      const result = lintProject({ tsconfig: 'tsconfig.json', cwd: dir, paths: ['src/deep', path.join(dir, 'src', 'store.ts')] });
      const deepOnly = lintProject({ tsconfig: 'tsconfig.json', cwd: dir, paths: ['src/deep/use.ts'] });

      // Assert
      expect(result.fileCount).to.equal(3);
      expect(deepOnly.fileCount).to.equal(1);
      expect(deepOnly.injectableCount).to.equal(2);
      expect(deepOnly.findings.map((f) => [f.file, f.line])).to.deep.equal([[path.join(dir, 'src', 'deep', 'use.ts'), 3]]);
      const storeOnly = lintProject({ tsconfig: 'tsconfig.json', cwd: dir, paths: ['src/store.ts'] });
      expect(storeOnly.findings).to.deep.equal([]);
    });

    it('should throw ENOENT for a path that matches no file of the project', () => {
      // Arrange
      const dir = markedProject();

      // Act
      const error = lintError(() => lintProject({ tsconfig: dir, paths: [path.join(dir, 'src', 'dee')] }));

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(error.message).to.contain(JSON.stringify(path.join(dir, 'src', 'dee')));
    });
  });

  describe('when there is no usable tsconfig', () => {
    it('should throw ERR_TSCONFIG naming where it looked', () => {
      // Arrange
      const dir = projectDir({ 'src/a.ts': 'export {};' });

      // Act
      const error = lintError(() => lintProject({ tsconfig: dir }));

      // Assert
      expect(error.code).to.equal('ERR_TSCONFIG');
      expect(error.message).to.contain(JSON.stringify(path.join(dir, 'tsconfig.json')));
    });

    it('should throw ERR_TSCONFIG when the tsconfig extends a file that does not exist', () => {
      // Arrange
      const dir = projectDir({ 'tsconfig.json': { extends: './nope.json', include: ['src'] }, 'src/a.ts': 'export {};' });

      // Act
      const error = lintError(() => lintProject({ tsconfig: dir }));

      // Assert
      expect(error.code).to.equal('ERR_TSCONFIG');
      expect(error.message).to.contain('nope.json');
    });
  });

  describe('when the project includes files from node_modules', () => {
    it('should not lint them', () => {
      // Arrange
      const dir = projectDir({
        'tsconfig.json': { ...TSCONFIG, include: ['src', 'node_modules/dep'] },
        'src/a.ts': `import { b } from '../node_modules/dep/b.js'; export const a = b;`,
        'node_modules/dep/b.ts': 'export const b = 1;',
      });

      // Act
      const result = lintProject({ tsconfig: dir });

      // Assert
      expect(result.fileCount).to.equal(1);
    });
  });
});
