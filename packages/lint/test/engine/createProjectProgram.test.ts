import * as path from 'node:path';
import { expect } from 'chai';
import { ts } from 'ts-morph';
import { createLintHost, createProjectProgram, readTsconfig } from '../../src/engine/createProjectProgram';
import { LintError } from '../../src/errors/LintError';
import { projectDir, removeProjectDirs } from './projectDir';

const STRICT = { compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', types: [], skipLibCheck: true, noEmit: true } };

function tsconfigError(act: () => unknown): LintError {
  try {
    act();
  } catch (error) {
    expect(error).to.be.instanceOf(LintError);
    expect((error as LintError).code).to.equal('ERR_TSCONFIG');
    return error as LintError;
  }
  throw new Error('expected a LintError ERR_TSCONFIG');
}

function semanticErrors(program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('createProjectProgram', () => {
  after(removeProjectDirs);

  describe('when the tsconfig is sound', () => {
    it('should type-check the project like tsc, with the library files it names', () => {
      // Arrange
      const dir = projectDir({
        'tsconfig.json': { ...STRICT, compilerOptions: { ...STRICT.compilerOptions, lib: ['es2023', 'dom'] }, include: ['src'] },
        'src/a.ts': `
          export const last: number | undefined = [1, 2].findLast((n) => n > 1);
          export const tag: string = document.createElement('div').tagName;
        `,
        'src/b.ts': `
          import { last } from './a.js';
          export const wrong: string = last;
        `,
      });

      // Act
      const program = createProjectProgram(path.join(dir, 'tsconfig.json'));

      // Assert
      const names = program.getSourceFiles().map((file) => path.basename(file.fileName));
      expect(names).to.include.members(['a.ts', 'b.ts', 'lib.es2023.array.d.ts', 'lib.dom.d.ts']);
      expect(semanticErrors(program)).to.deep.equal(["Type 'number | undefined' is not assignable to type 'string'.\n  Type 'undefined' is not assignable to type 'string'."]);
    });

    it('should follow extends, and resolve @errinject/core from node_modules', () => {
      // Arrange
      const dir = projectDir({
        'base.json': { compilerOptions: { ...STRICT.compilerOptions, types: ['node'], experimentalDecorators: true } },
        'tsconfig.json': { extends: './base.json', include: ['src'] },
        'src/store.ts': `
          import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
          function param(_target: object, _key: string | symbol | undefined, _index: number): void {}
          export class Store {
            @AllowErrorInjection(EI_TYPE_ERRNO) open(@param _flags: number): number { return 0; }
          }
        `,
      });

      // Act
      const program = createProjectProgram(path.join(dir, 'tsconfig.json'));

      // Assert: a parameter decorator is valid only under the base's experimentalDecorators.
      expect(program.getCompilerOptions().experimentalDecorators).to.equal(true);
      expect(semanticErrors(program)).to.deep.equal([]);
      expect(program.getSourceFiles().some((file) => file.fileName.endsWith('/packages/core/dist/index.d.ts'))).to.equal(true);
    });

    it('should give every node its parent once the type checker is created', () => {
      // Arrange
      const dir = projectDir({
        'tsconfig.json': { ...STRICT, include: ['src'] },
        'src/a.ts': `
          /** A documented class. */
          export abstract class A<T extends object = {}> {
            static readonly n?: number = 1;
            protected abstract m(this: A<T>, ...rest: readonly [T?]): asserts this is A<T>;
            get g(): string { return \`\${this.constructor.name}!\`; }
          }
          label: for (const [k, { v = 1 }] of Object.entries({} as Record<string, { v?: number }>)) { if (k) break label; void v; }
        `,
      });
      const program = createProjectProgram(path.join(dir, 'tsconfig.json'));
      const file = program.getSourceFile(path.join(dir, 'src', 'a.ts'))!;
      const orphans: string[] = [];
      const visit = (node: ts.Node): void => {
        ts.forEachChild(node, (child) => {
          if (child.parent !== node) orphans.push(ts.SyntaxKind[child.kind]);
          visit(child);
        });
      };

      // Act
      program.getTypeChecker();
      visit(file);

      // Assert
      expect(orphans).to.deep.equal([]);
    });

    it('should read the JSDoc types of JavaScript files', () => {
      // Arrange
      const dir = projectDir({
        'tsconfig.json': { ...STRICT, compilerOptions: { ...STRICT.compilerOptions, allowJs: true, checkJs: true }, include: ['src'] },
        'src/a.js': `
          /** @type {number} */
          export const n = 'not a number';
        `,
      });

      // Act
      const program = createProjectProgram(path.join(dir, 'tsconfig.json'));

      // Assert
      expect(semanticErrors(program)).to.deep.equal(["Type 'string' is not assignable to type 'number'."]);
    });

    it('should take a path relative to the working directory', () => {
      // Arrange
      const dir = projectDir({ 'tsconfig.json': { ...STRICT, include: ['src'] }, 'src/a.ts': 'export const a = 1;' });

      // Act
      const program = createProjectProgram(path.relative(process.cwd(), path.join(dir, 'tsconfig.json')));

      // Assert
      expect(program.getRootFileNames().map((name) => path.basename(name))).to.deep.equal(['a.ts']);
    });

    it('should accept references to projects that exist', () => {
      // Arrange
      const dir = projectDir({
        'lib/tsconfig.json': { ...STRICT, compilerOptions: { ...STRICT.compilerOptions, composite: true }, include: ['.'] },
        'lib/x.ts': 'export const x = 1;',
        'app/tsconfig.json': { ...STRICT, include: ['.'], references: [{ path: '../lib' }] },
        'app/a.ts': 'export const a = 1;',
      });

      // Act
      const parsed = readTsconfig(path.join(dir, 'app', 'tsconfig.json'));

      // Assert
      expect(parsed.projectReferences?.map((reference) => path.basename(reference.path))).to.deep.equal(['lib']);
    });
  });

  describe('when the tsconfig cannot be used', () => {
    it('should throw ERR_TSCONFIG for a file that is not JSON', () => {
      // Arrange
      const dir = projectDir({ 'tsconfig.json': '{ "compilerOptions": { "strict": tru' });

      // Act
      const error = tsconfigError(() => createProjectProgram(path.join(dir, 'tsconfig.json')));

      // Assert
      expect(error.message).to.contain(`cannot read "${path.join(dir, 'tsconfig.json')}"`);
    });

    it('should throw ERR_TSCONFIG for a missing file', () => {
      // Arrange
      const dir = projectDir({});

      // Act
      const error = tsconfigError(() => createProjectProgram(path.join(dir, 'tsconfig.json')));

      // Assert
      expect(error.message).to.contain('cannot read');
    });

    it('should throw ERR_TSCONFIG naming the file that extends names and cannot be read', () => {
      // Arrange
      const dir = projectDir({ 'tsconfig.json': { extends: './missing.json' }, 'a.ts': 'export {};' });

      // Act
      const error = tsconfigError(() => createProjectProgram(path.join(dir, 'tsconfig.json')));

      // Assert
      expect(error.message).to.contain('missing.json');
    });

    it('should throw ERR_TSCONFIG naming an option value TypeScript does not accept', () => {
      // Arrange
      const dir = projectDir({ 'tsconfig.json': { compilerOptions: { target: 'es1999' } }, 'a.ts': 'export {};' });

      // Act
      const error = tsconfigError(() => createProjectProgram(path.join(dir, 'tsconfig.json')));

      // Assert
      expect(error.message).to.contain("'--target'");
    });

    it('should throw ERR_TSCONFIG when it names no input files', () => {
      // Arrange
      const dir = projectDir({ 'tsconfig.json': { include: ['src'] } });

      // Act
      const error = tsconfigError(() => createProjectProgram(path.join(dir, 'tsconfig.json')));

      // Assert
      expect(error.message).to.contain('No inputs were found');
    });

    it('should throw ERR_TSCONFIG naming a reference to a project that does not exist', () => {
      // Arrange
      const dir = projectDir({ 'tsconfig.json': { ...STRICT, references: [{ path: '../nowhere' }] }, 'a.ts': 'export {};' });

      // Act
      const error = tsconfigError(() => createProjectProgram(path.join(dir, 'tsconfig.json')));

      // Assert
      expect(error.message).to.contain('references "../nowhere"');
    });
  });
});

describe('createLintHost', () => {
  describe('when asked for library files', () => {
    it('should serve them from memory, and parse each once for the same options', () => {
      // Arrange
      const host = createLintHost({});
      const lib = path.join(host.getDefaultLibLocation!(), 'lib.es5.d.ts');

      // Act
      const first = host.getSourceFile(lib, ts.ScriptTarget.ES2022);
      const again = host.getSourceFile(lib, { languageVersion: ts.ScriptTarget.ES2022 });
      const other = host.getSourceFile(lib, ts.ScriptTarget.ES2015);

      // Assert
      expect(host.fileExists(lib)).to.equal(true);
      expect(host.readFile(lib)).to.contain('interface Array<T>');
      expect(host.getDefaultLibFileName({ target: ts.ScriptTarget.ES2022 })).to.equal(path.join(host.getDefaultLibLocation!(), 'lib.es2022.full.d.ts'));
      expect(first?.statements.length).to.be.greaterThan(0);
      expect(again).to.equal(first);
      expect(other).to.not.equal(first);
    });

    it('should read every other file from disk', () => {
      // Arrange
      const dir = projectDir({ 'a.ts': 'export const a = 1;' });
      const host = createLintHost({});

      // Act
      const file = host.getSourceFile(path.join(dir, 'a.ts'), ts.ScriptTarget.ES2022);

      // Assert
      expect(host.fileExists(path.join(dir, 'a.ts'))).to.equal(true);
      expect(host.fileExists(path.join(dir, 'b.ts'))).to.equal(false);
      expect(host.readFile(path.join(dir, 'a.ts'))).to.equal('export const a = 1;\n');
      expect(file?.text).to.equal('export const a = 1;\n');
    });
  });
});
