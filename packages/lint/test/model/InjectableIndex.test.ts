import * as path from 'node:path';
import { expect } from 'chai';
import { Project, ts } from 'ts-morph';
import { InjectableIndex } from '../../src/model/InjectableIndex';
import { dedent } from '../support/ruleTester';

function indexOf(code: string, compilerOptions: ts.CompilerOptions = {}): { index: InjectableIndex; file: ts.SourceFile } {
  const project = new Project({
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: ['node'], ...compilerOptions },
  });
  const fileName = path.resolve(__dirname, 'virtual', 'case.ts');
  project.createSourceFile(fileName, dedent(code));
  const program = project.getProgram().compilerObject;
  return { index: new InjectableIndex(program, program.getTypeChecker()), file: program.getSourceFile(fileName)! };
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
});
