import * as path from 'node:path';
import { expect } from 'chai';
import { Project, ts } from 'ts-morph';
import { InjectableIndex } from '../../src/model/InjectableIndex';
import { dedent } from '../support/ruleTester';

/**
 * `InjectableIndex.resolveCall` looks method calls up by the types their receivers are declared
 * with, and asks the checker the full way only where narrowing could change the answer: each
 * receiver shape here resolves as the checker's own lookup at the call would.
 */

function program(files: Readonly<Record<string, string>>): ts.Program {
  const project = new Project({
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] },
  });
  for (const [name, text] of Object.entries(files)) project.createSourceFile(path.resolve(__dirname, 'virtual', name), dedent(text));
  return project.getProgram().compilerObject;
}

const STORE = `
  import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';
  export interface Opener { open(): number }
  export class Base { open(): number { return 1; } }
  export class Store extends Base implements Opener {
    @AllowErrorInjection(EI_TYPE_ERRNO) override open(): number { return 0; }
    @AllowErrorInjection(EI_TYPE_NULL) static alloc(): Store | null { return null; }
  }
  export class Other { open(): number { return 2; } }
  export const store = new Store();
  export const holder = { store, other: new Other() };
`;

/** Every call of `case.ts`, in source order, with the name of the mark it reaches. */
function resolveEveryCall(files: Readonly<Record<string, string>>): [string, string | undefined][] {
  const built = program(files);
  const index = new InjectableIndex(built, built.getTypeChecker());
  const file = built.getSourceFile(path.resolve(__dirname, 'virtual', 'case.ts'))!;
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) calls.push(node);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return calls.map((call) => [call.getText(file), index.resolveCall(call)?.name]);
}

describe('InjectableIndex', () => {
  describe('when receivers are declared with a class, an interface, a nullable or a generic type', () => {
    it('should resolve each call as the checker does', () => {
      // Arrange
      const files = {
        'store.ts': STORE,
        'case.ts': `
          import * as stores from './store.js';
          import { Store, Other, type Opener, holder } from './store.js';
          this.open();
          // @ts-expect-error: a name that is declared nowhere
          nowhere.open();
          class Client {
            private store: Store | undefined;
            private readonly opener: Opener = new Store();
            private readonly first = this.opener.open();
            readonly #own = new Store();
            static {
              this.alloc();
            }
            own(): number { return this.#own.open(); }
            static make(): Store { return new Store(); }
            static alloc(): Store | null { return null; }
            static again(): Store | null { return this.alloc(); }
            later(): void {
              setTimeout(() => this.store?.open());
              setTimeout(function (this: Store) { this.open(); });
            }
            run<T extends Store>(generic: T, maybe: Store | null, either: Store | Other, anything: unknown): void {
              this.store = new Store();
              this.store.open();
              this.opener.open();
              generic.open();
              maybe?.open();
              maybe!.open();
              (holder.store)!.open();
              stores.store.open();
              holder.store.open();
              holder.other.open();
              Store.alloc();
              Client.make().open();
              (either as Store).open();
              if (either instanceof Store) either.open(); else either.open();
              if (anything instanceof Store) anything.open();
              const local = new Other();
              local.open();
              ({ m(this: Store) { return this.open(); } }).m.call(new Store());
            }
          }
          class Special extends Store {
            static twice(): Store | null { return this.alloc(); }
            override open(): number { return super.open(); }
          }
          export { Client, Special };
        `,
      };

      // Act
      const resolved = resolveEveryCall(files);

      // Assert
      expect(resolved).to.deep.equal([
        ['this.open()', undefined],
        ['nowhere.open()', undefined],
        ['this.opener.open()', 'Store.open'],
        ['this.alloc()', undefined],
        ['this.#own.open()', 'Store.open'],
        ['this.alloc()', undefined],
        ['setTimeout(() => this.store?.open())', undefined],
        ['this.store?.open()', 'Store.open'],
        ['setTimeout(function (this: Store) { this.open(); })', undefined],
        ['this.open()', 'Store.open'],
        ['this.store.open()', 'Store.open'],
        ['this.opener.open()', 'Store.open'],
        ['generic.open()', 'Store.open'],
        ['maybe?.open()', 'Store.open'],
        ['maybe!.open()', 'Store.open'],
        ['(holder.store)!.open()', 'Store.open'],
        ['stores.store.open()', 'Store.open'],
        ['holder.store.open()', 'Store.open'],
        ['holder.other.open()', undefined],
        ['Store.alloc()', 'Store.alloc'],
        ['Client.make().open()', 'Store.open'],
        ['Client.make()', undefined],
        ['(either as Store).open()', 'Store.open'],
        ['either.open()', 'Store.open'],
        ['either.open()', undefined],
        ['anything.open()', 'Store.open'],
        ['local.open()', undefined],
        ['({ m(this: Store) { return this.open(); } }).m.call(new Store())', undefined],
        ['this.open()', 'Store.open'],
        ['this.alloc()', 'Store.alloc'],
        ['super.open()', 'Store.open'],
      ]);
    });
  });

  describe('when a receiver is declared with a union', () => {
    it('should find no mark where none of its types has one, and narrow where one has', () => {
      // Arrange
      const files = {
        'store.ts': STORE,
        'case.ts': `
          import { Base, Other, Store } from './store.js';
          class Plain { open(): number { return 3; } }
          export function use(u: Other | Plain, v: Base | Other, w: Store | Plain | null, n: Other | number): void {
            u.open();
            for (const each of [u]) each.open();
            v.open();
            if (v instanceof Other) v.open();
            w?.open();
            if (w instanceof Plain) w.open();
            if (typeof n !== 'number') n.open();
          }
        `,
      };

      // Act
      const resolved = resolveEveryCall(files);

      // Assert: Base.open reaches Store.open, which overrides it
      expect(resolved).to.deep.equal([
        ['u.open()', undefined],
        ['each.open()', undefined],
        ['v.open()', 'Store.open'],
        ['v.open()', undefined],
        ['w?.open()', 'Store.open'],
        ['w.open()', undefined],
        ['n.open()', undefined],
      ]);
    });
  });

  describe('when a receiver is declared with a base class or an interface', () => {
    it('should resolve the call to the mark of the method that implements it', () => {
      // Arrange
      const built = program({
        'store.ts': STORE,
        'case.ts': `
          import { Base, type Opener } from './store.js';
          export function use(base: Base, opener: Opener): number {
            return base.open() + opener.open();
          }
        `,
      });
      const index = new InjectableIndex(built, built.getTypeChecker());
      const file = built.getSourceFile(path.resolve(__dirname, 'virtual', 'case.ts'))!;

      // Act
      const calls = index.callsIn(file).map(({ call, injectable }) => [call.getText(file), injectable.name]);

      // Assert
      expect(calls).to.deep.equal([
        ['base.open()', 'Store.open'],
        ['opener.open()', 'Store.open'],
      ]);
    });
  });
});
