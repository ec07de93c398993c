import * as path from 'node:path';
import { expect } from 'chai';
import { Project, ts } from 'ts-morph';
import { findInjectablesInFile } from '../../src/model/findInjectables';
import { dedent } from '../support/ruleTester';

/**
 * `findInjectablesInFile` walks only the parts of a file whose text holds a name a mark is made
 * with: these cases put marks where that pruning could lose them.
 */

function marksIn(code: string): (string | undefined)[] {
  const project = new Project({
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] },
  });
  const fileName = path.resolve(__dirname, 'virtual', 'case.ts');
  project.createSourceFile(fileName, dedent(code));
  const program = project.getProgram().compilerObject;
  return findInjectablesInFile(program.getSourceFile(fileName)!, program.getTypeChecker()).map((mark) => mark.name);
}

describe('findInjectablesInFile', () => {
  describe('when marks are made under other names or deep inside other code', () => {
    it('should find every one', () => {
      // Arrange, act
      const names = marksIn(`
        import { AllowErrorInjection as Inject, allowErrorInjection as wrap, EI_TYPE_NULL, EI_TYPE_ERRNO } from '@errinject/core';
        import * as e from '@errinject/core';
        export function outer(): unknown {
          const inner = () => {
            class Deep {
              @Inject(EI_TYPE_NULL) find(): object | null { return null; }
              @e.AllowErrorInjection(e.EI_TYPE_ERRNO) static open(): number { return 0; }
            }
            return Deep;
          };
          return [inner, wrap(EI_TYPE_ERRNO, function close(): number { return 0; })];
        }
        export const Anonymous = class Named {
          @Inject(EI_TYPE_NULL) get2(): string | null { return null; }
        };
        export const table = { read: wrap(EI_TYPE_ERRNO, (): number => 0, { name: 'read' }) };
      `);

      // Assert
      expect(names).to.deep.equal(['Deep.find', 'Deep.open', 'close', 'Named.get2', 'read']);
    });
  });

  describe('when a file names the core but makes no mark with it', () => {
    it('should find nothing', () => {
      // Arrange, act
      const onlyTypes = marksIn(`
        import { EI_TYPE_NULL, type ErrPtr } from '@errinject/core';
        export const type = EI_TYPE_NULL;
        export function f(): ErrPtr | null { return null; }
      `);
      const onlyComment = marksIn(`
        // Marked with AllowErrorInjection from '@errinject/core' elsewhere.
        export class Store { open(): number { return 0; } }
      `);

      // Assert
      expect(onlyTypes).to.deep.equal([]);
      expect(onlyComment).to.deep.equal([]);
    });
  });
});
