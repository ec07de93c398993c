import * as path from 'node:path';
import { expect } from 'chai';
import { Project, ts } from 'ts-morph';
import { InjectableIndex } from '../../src/model/InjectableIndex';
import { dedent } from '../support/ruleTester';

function indexOf(code: string, compilerOptions: ts.CompilerOptions = {}): { index: InjectableIndex; file: ts.SourceFile; checker: ts.TypeChecker } {
  const project = new Project({
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], ...compilerOptions },
  });
  const fileName = path.resolve(__dirname, 'virtual', 'case.ts');
  project.createSourceFile(fileName, dedent(code));
  const program = project.getProgram().compilerObject;
  return { index: new InjectableIndex(program, program.getTypeChecker()), file: program.getSourceFile(fileName)!, checker: program.getTypeChecker() };
}

describe('InjectableIndex', () => {
  describe('when a file marks methods and functions', () => {
    it('should list each mark with its name, type and kind', () => {
      // Arrange, act
      const { index } = indexOf(`
        import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL, allowErrorInjection } from '@errinject/core';
        import * as ei from '@errinject/core';
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
          @ei.AllowErrorInjection(ei.EI_TYPE_TRUE, { name: 'Store.isBusy' }) static busy(): boolean { return false; }
        }
        export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(): object | null { return {}; });
        const T = 3;
        export const lookup = allowErrorInjection(T, (): number | null => 0, { name: 'lookup', errPtr: false });
      `);

      // Assert
      expect(index.all.map((mark) => [mark.name, mark.type, mark.kind, mark.options])).to.deep.equal([
        ['Store.open', 'ERRNO', 'method', {}],
        ['Store.isBusy', 'TRUE', 'method', { name: 'Store.isBusy' }],
        ['alloc', 'NULL', 'function', {}],
        ['lookup', 'ERRNO_NULL', 'function', { name: 'lookup', errPtr: false }],
      ]);
    });

    it('should leave the type undefined when the first argument is not a constant', () => {
      // Arrange, act
      const { index } = indexOf(`
        import { AllowErrorInjection, type ErrorInjectionType } from '@errinject/core';
        declare const type: ErrorInjectionType;
        export class Store { @AllowErrorInjection(type) open(): number { return 0; } }
      `);

      // Assert
      expect(index.all.map((mark) => mark.type)).to.deep.equal([undefined]);
    });
  });

  describe('when calls reach marks', () => {
    it('should find calls through this, an interface, a base class, an alias and a wrapped function, and nothing else', () => {
      // Arrange
      const { index, file } = indexOf(`
        import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL, allowErrorInjection } from '@errinject/core';
        interface Opener { open(): number }
        abstract class Base { abstract open(): number; close(): void {} }
        export class Store extends Base implements Opener {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
          reopen(): number { return this.open(); }
        }
        const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(): object | null { return {}; });
        const again = alloc;
        declare const opener: Opener;
        declare const base: Base;
        declare const other: { open(): number };
        opener.open();
        base.open();
        base.close();
        other.open();
        alloc();
        again();
        new Store()['open']();
      `);

      // Act
      const calls = index.callsIn(file).map(({ call, injectable }) => [call.getText(file), injectable.name]);

      // Assert
      expect(calls).to.deep.equal([
        ['this.open()', 'Store.open'],
        ['opener.open()', 'Store.open'],
        ['base.open()', 'Store.open'],
        ['alloc()', 'alloc'],
        ["new Store()['open']()", 'Store.open'],
      ]);
    });
  });

  describe('when properties are read without a call', () => {
    it('should resolve reads through this, super, the prototype, an interface and an element access, and destructured properties, and nothing else', () => {
      // Arrange
      const { index, file, checker } = indexOf(`
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        interface Opener { open(): number }
        export class Store implements Opener {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
          plain(): number { return 1; }
          grab(): unknown[] { return [this.open, this.plain]; }
        }
        export class Cache extends Store { peek(): unknown { return super.open; } }
        declare const opener: Opener;
        declare const other: { open(): number };
        declare const key: string;
        export const reads = [Store.prototype.open, opener.open, other.open, new Store()['open'], (new Store() as never as Record<string, unknown>)[key]];
        export const { open } = new Store();
      `);
      const reads: string[] = [];
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
          const injectable = index.resolveAccess(node);
          if (injectable !== undefined) reads.push(`${node.getText(file)} ${injectable.name}`);
        }
        ts.forEachChild(node, visit);
      };

      // Act
      visit(file);
      const store = file.statements.find((s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === 'Store')!;
      const type = checker.getTypeAtLocation(store);

      // Assert
      expect(reads).to.deep.equal([
        'this.open Store.open',
        'super.open Store.open',
        'Store.prototype.open Store.open',
        'opener.open Store.open',
        "new Store()['open'] Store.open",
      ]);
      expect([index.resolveProperty(type, 'open')?.name, index.resolveProperty(type, 'plain'), index.hasName('open'), index.hasName('plain')]).to.deep.equal([
        'Store.open',
        undefined,
        true,
        false,
      ]);
    });
  });
});
