import * as path from 'node:path';
import { expect } from 'chai';
import { Project, ts } from 'ts-morph';
import { createLintChecker } from '../../src/engine/createLintChecker';
import { InjectableIndex } from '../../src/model/InjectableIndex';
import { dedent } from '../support/ruleTester';

const CODE = `
  import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL, EI_TYPE_TRUE } from '@errinject/core';
  interface Data { id: number }
  interface Finder { find(key: string): Data | null }
  class List<T> {
    @AllowErrorInjection(EI_TYPE_NULL) at(index: number): T | null { return null; }
    @AllowErrorInjection(EI_TYPE_NULL) self(): this | null { return this; }
  }
  class Store implements Finder {
    @AllowErrorInjection(EI_TYPE_NULL) find(_key: string): Data | null { return null; }
    @AllowErrorInjection(EI_TYPE_NULL) async fetch(): Promise<Data | null> { return null; }
    @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
    @AllowErrorInjection(EI_TYPE_TRUE) static busy(): boolean { return false; }
    @AllowErrorInjection(EI_TYPE_NULL) pick<K extends keyof Data>(key: K): Data[K] | null { return null; }
    read(flag: true): string | null;
    read(flag: false): number | null;
    @AllowErrorInjection(EI_TYPE_NULL) read(flag: boolean): string | number | null { return flag ? '' : 0; }
  }
  export function use(store: Store, finder: Finder, names: List<string>, maybe: Store | undefined): void {
    let holder: { store: Store | null } = { store: null };
    holder = { store };
    store.find('a');
    store.fetch();
    store.open();
    Store.busy();
    finder.find('b');
    names.at(0);
    names.self();
    holder.store!.open();
    holder.store?.find('c');
    maybe?.open();
    store.pick('id');
    store.read(true);
    store.open.call(store);
    (maybe as Store).open();
  }
`;

interface Built {
  readonly checker: ts.TypeChecker;
  readonly index: InjectableIndex;
  readonly calls: ts.CallExpression[];
}

function build(): Built {
  const project = new Project({
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] },
  });
  const fileName = path.resolve(__dirname, 'virtual', 'case.ts');
  project.createSourceFile(fileName, dedent(CODE));
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(fileName)!;
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { checker, index: new InjectableIndex(program, checker), calls };
}

describe('createLintChecker', () => {
  describe('when asked for the type of a call', () => {
    it('should give every call the type the checker gives it', () => {
      // Arrange: the checker's own answers come from a program of their own.
      const reference = build();
      const expected = reference.calls.map((call) => [call.getText(), reference.checker.typeToString(reference.checker.getTypeAtLocation(call))]);
      const { checker, index, calls } = build();
      const lintChecker = createLintChecker(checker, index);

      // Act
      const actual = calls.map((call) => [call.getText(), checker.typeToString(lintChecker.getTypeAtLocation(call))]);

      // Assert
      expect(actual).to.deep.equal(expected);
      expect(actual).to.deep.include.members([
        ["store.find('a')", 'Data | null'],
        ['store.fetch()', 'Promise<Data | null>'],
        ['names.at(0)', 'string | null'],
        ['names.self()', 'List<string> | null'],
        ["holder.store?.find('c')", 'Data | null | undefined'],
        ['maybe?.open()', 'number | undefined'],
        ["store.pick('id')", 'number | null'],
        ['store.read(true)', 'string | null'],
      ]);
    });

    it('should read a simple call of a marked method from the method, without checking the call', () => {
      // Arrange
      const { checker, index, calls } = build();
      const asked: string[] = [];
      const counting: ts.TypeChecker = Object.create(checker) as ts.TypeChecker;
      counting.getTypeAtLocation = (node) => {
        asked.push(node.getText());
        return checker.getTypeAtLocation(node);
      };
      const lintChecker = createLintChecker(counting, index);
      const byText = (text: string): ts.CallExpression => calls.find((call) => call.getText() === text)!;

      // Act
      const quick = ["store.find('a')", 'store.open()', 'Store.busy()', "finder.find('b')", 'names.at(0)', 'holder.store!.open()'].map((text) =>
        checker.typeToString(lintChecker.getTypeAtLocation(byText(text))),
      );
      const again = checker.typeToString(lintChecker.getTypeAtLocation(byText('store.open()')));
      const slow = ["store.pick('id')", 'store.read(true)', 'maybe?.open()', 'store.open.call(store)', '(maybe as Store).open()'].map((text) =>
        lintChecker.getTypeAtLocation(byText(text)),
      );

      // Assert
      expect(quick).to.deep.equal(['Data | null', 'number', 'boolean', 'Data | null', 'string | null', 'number']);
      expect(again).to.equal('number');
      expect(slow.map((type) => checker.typeToString(type))).to.deep.equal(['number | null', 'string | null', 'number | undefined', 'number', 'number']);
      expect(asked.filter((text) => text.includes('('))).to.deep.equal(["store.pick('id')", 'store.read(true)', 'maybe?.open()', 'store.open.call(store)', '(maybe as Store).open()']);
    });
  });

  describe('when asked about anything else', () => {
    it('should answer as the checker does', () => {
      // Arrange
      const { checker, index, calls } = build();
      const lintChecker = createLintChecker(checker, index);
      const receiver = (calls.find((call) => call.getText() === "store.find('a')")!.expression as ts.PropertyAccessExpression).expression;

      // Act
      const type = lintChecker.getTypeAtLocation(receiver);
      const symbol = lintChecker.getSymbolAtLocation(receiver);

      // Assert
      expect(checker.typeToString(type)).to.equal('Store');
      expect(symbol?.name).to.equal('store');
    });
  });
});
