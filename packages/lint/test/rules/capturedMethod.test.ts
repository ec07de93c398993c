import { expect } from 'chai';
import { lintCase, ruleTester, type InvalidCase, type ValidCase } from '../support/ruleTester';

/**
 * The marks the cases refer to, in a file of their own (`./store`): an instance method, a static
 * one and a private one, reached directly, through an interface and through a base class; a subclass
 * that overrides the method and one that does not; a method of the same name on an unrelated class;
 * and wrapped plain functions.
 */
const STORE = `
  import { AllowErrorInjection, allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';

  export interface Syncer { sync(): number }
  export abstract class Device { abstract sync(): number }

  export class Store extends Device implements Syncer {
    @AllowErrorInjection(EI_TYPE_ERRNO) sync(): number { return 0; }
    @AllowErrorInjection(EI_TYPE_NULL) static open(path: string): Store | null { return path === '' ? null : new Store(); }
    plain(): number { return 1; }
  }

  export class Mirror extends Store {}
  export class Journal extends Store { override sync(): number { return super.sync() + 1; } }
  export class Other { sync(): number { return 2; } }

  export const lookup = allowErrorInjection(EI_TYPE_NULL, function lookup(key: string): string | null { return key; });
  export const api = { find: allowErrorInjection(EI_TYPE_NULL, (key: string): string | null => key, { name: 'find' }) };
  export declare function on(event: string, listener: () => unknown): void;
`;

const LEGACY = { experimentalDecorators: true };

function valid(testCase: ValidCase): ValidCase {
  return { ...testCase, files: { 'store.ts': STORE, ...testCase.files } };
}

function invalid(testCase: InvalidCase): InvalidCase {
  return { ...testCase, files: { 'store.ts': STORE, ...testCase.files } };
}

ruleTester('ei/captured-method', {
  valid: [
    valid({
      name: 'calls, optional calls, and calls through parentheses, as and an element access',
      code: `
        import { Store } from './store';
        export function run(store: Store): number {
          return store.sync() + (store.sync?.() ?? 0) + (store.sync)() + (store.sync as () => number)() + store['sync']() + (Store.open('/')?.sync() ?? 0);
        }
      `,
    }),
    valid({
      name: 'calls through this and super, in a subclass that overrides the method',
      code: `
        import { Store } from './store';
        export class Cache extends Store {
          override sync(): number { return super.sync() + this.plain(); }
          flush(): number { return this.sync(); }
        }
      `,
    }),
    valid({
      name: '.call, .apply and Reflect.apply read the method as it is when it is called',
      code: `
        import { Store } from './store';
        export function run(store: Store): number {
          return store.sync.call(store) + Store.prototype.sync.apply(store, []) + Reflect.apply(store.sync, store, []);
        }
      `,
    }),
    valid({
      name: 'arrows that call through the object: a timer, a listener, a callback, a field',
      code: `
        import { Store, on } from './store';
        export class Service {
          readonly store = new Store();
          readonly handler = (): number => this.store.sync();
          start(): void {
            setTimeout(() => this.store.sync(), 10);
            on('tick', () => this.store.sync());
            [this.store].map((s) => s.sync());
          }
        }
      `,
    }),
    valid({
      name: "typeof, comparisons, truthiness tests, instanceof and the function's own properties",
      code: `
        import { Store } from './store';
        export function look(store: Store, other: Store): unknown[] {
          if (store.sync) void 0;
          const same = store.sync === other.sync || store.sync != Store.prototype.sync;
          return [typeof store.sync, same, !store.sync, store.sync && store.sync(), store.sync.name, store.sync.length, store.sync instanceof Function, \`\${store.sync}\`];
        }
      `,
    }),
    valid({
      name: 'writes to the property and dropped values',
      code: `
        import { Store } from './store';
        export function stub(store: Store): void {
          store.sync = () => 1;
          Store.prototype.sync = function () { return 2; };
          store.sync;
          void store.sync;
          (store.sync, 0);
        }
      `,
    }),
    valid({
      name: 'a tagged template call, a computed key, a switch, a loop condition and a spread',
      code: `
        import { Store } from './store';
        export function look(store: Store): unknown[] {
          const tagged = (store.sync as unknown as (s: TemplateStringsArray) => number)\`x\`;
          const keyed = { [store.sync as never]: 1 };
          switch (store.sync) { case Store.prototype.sync: break; }
          for (; !store.sync; ) break;
          return [tagged, keyed, { ...store.sync }];
        }
      `,
    }),
    valid({
      name: 'type positions',
      code: `
        import { Store } from './store';
        export type Sync = typeof Store.prototype.sync;
        export type Result = ReturnType<Store['sync']>;
      `,
    }),
    valid({
      name: 'unmarked methods, a method of the same name on another class, and an override, captured',
      code: `
        import { Journal, Other, Store } from './store';
        export function grab(store: Store, other: Other, journal: Journal): unknown[] {
          const { plain } = store;
          return [store.plain.bind(store), plain, other.sync, journal.sync, [1].map(other.sync)];
        }
      `,
    }),
    valid({
      name: 'wrapped plain functions are their own wrappers: every reference is reached',
      code: `
        import * as mod from './store';
        import { api, lookup } from './store';
        const { lookup: look } = mod;
        export const all = [lookup, api.find, look, ['a'].map(lookup), { lookup }, api.find.bind(api)];
      `,
    }),
    valid({
      name: 'a private method is wrapped from the start',
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        export class Queue {
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Queue.flush' }) #flush(): number { return 0; }
          readonly flusher = this.#flush.bind(this);
          start(): void { setTimeout(this.#flush, 10); }
        }
      `,
    }),
    valid({
      name: 'the rest of a destructuring, and a computed key',
      code: `
        import { Store } from './store';
        export function parts(store: Store, key: keyof Store): unknown[] {
          const { plain: _p, ...rest } = store;
          return [rest, store[key]];
        }
      `,
    }),
    valid({
      name: 'legacy decorators: calls through this and .call',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        export class Disk {
          @AllowErrorInjection(EI_TYPE_ERRNO) write(): number { return 0; }
          flush(): number { return this.write() + Disk.prototype.write.call(this); }
        }
      `,
    }),
    valid({
      name: 'the decorator used without a call is ei/bad-usage\'s',
      code: `
        import { AllowErrorInjection } from '@errinject/core';
        export class Disk {
          // @ts-expect-error: used without a call
          @AllowErrorInjection read(): number { return 0; }
          readonly reader = this.read.bind(this);
        }
      `,
    }),
    valid({
      name: 'a decorator that does not bind beside the mark, and a binding decorator on an unmarked method',
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        declare function logged(value: Function, context: ClassMethodDecoratorContext): void;
        declare function bound(value: Function, context: ClassMethodDecoratorContext): void;
        export class Disk {
          @logged @AllowErrorInjection(EI_TYPE_ERRNO) write(): number { return 0; }
          @bound read(): number { return this.write(); }
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'bound over itself in the constructor',
      code: `
        import { Store } from './store';
        export class Service extends Store {
          constructor() {
            super();
            this.sync = this.sync.bind(this);
          }
        }
      `,
      errors: [{ line: 5, column: 17 }],
    }),
    invalid({
      name: 'bound over itself, legacy decorators, an element access',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        export class Disk {
          @AllowErrorInjection(EI_TYPE_ERRNO) write(): number { return 0; }
          constructor() { this['write'] = this['write'].bind(this); }
        }
      `,
      errors: [{ line: 4, column: 35 }],
    }),
    invalid({
      name: 'bound into a field and into a variable',
      code: `
        import { Store } from './store';
        export class Service {
          readonly store = new Store();
          readonly handler = this.store.sync.bind(this.store);
        }
        export const bound = Store.open.bind(Store);
      `,
      errors: [
        { line: 4, column: 22 },
        { line: 6, column: 22 },
      ],
    }),
    invalid({
      name: 'destructured: a variable, a rename, a parameter and an assignment',
      code: `
        import { Store } from './store';
        export function run(store: Store, { sync: fromParam }: Store): unknown[] {
          const { sync } = store;
          const { sync: renamed, plain } = store;
          let later: unknown;
          ({ sync: later } = store);
          return [sync, renamed, plain, later, fromParam];
        }
      `,
      errors: [
        { line: 2, column: 37 },
        { line: 3, column: 11 },
        { line: 4, column: 11 },
        { line: 6, column: 6 },
      ],
    }),
    invalid({
      name: 'destructured static method',
      code: `
        import { Store } from './store';
        const { open } = Store;
        export const store = open('/');
      `,
      errors: [{ line: 2, column: 9 }],
    }),
    invalid({
      name: 'assigned: a variable, a property, a default value',
      code: `
        import { Store } from './store';
        export function run(store: Store, target: { f?: unknown }, cb = store.sync): unknown {
          const f = store.sync;
          target.f = store.sync;
          return [f, cb];
        }
      `,
      errors: [
        { line: 2, column: 65 },
        { line: 3, column: 13 },
        { line: 4, column: 14 },
      ],
    }),
    invalid({
      name: 'passed: a timer, a listener, map, a constructor argument',
      code: `
        import { Store, on } from './store';
        export class Service extends Store {
          start(): void {
            setTimeout(this.sync, 10);
            on('tick', this.sync);
            [new Store()].map(new Store().sync);
            new Promise<void>(this.sync as never);
          }
        }
      `,
      errors: [
        { line: 4, column: 16 },
        { line: 5, column: 16 },
        { line: 6, column: 23 },
        { line: 7, column: 23 },
      ],
    }),
    invalid({
      name: 'returned, from a method and from an arrow',
      code: `
        import { Store } from './store';
        export class Service extends Store {
          get handler(): () => number { return this.sync; }
        }
        export const pick = (store: Store) => store.sync;
      `,
      errors: [
        { line: 3, column: 40 },
        { line: 5, column: 39 },
      ],
    }),
    invalid({
      name: 'stored in object and array literals',
      code: `
        import { Store } from './store';
        export const store = new Store();
        export const handlers = { sync: store.sync, all: [Store.open] };
      `,
      errors: [
        { line: 3, column: 33 },
        { line: 3, column: 51 },
      ],
    }),
    invalid({
      name: 'passed on by ??, ||, &&, a comma, a conditional and await',
      code: `
        import { Store } from './store';
        export async function pick(store: Store, other: (() => number) | undefined, flag: boolean): Promise<unknown[]> {
          const a = other ?? store.sync;
          const b = store.sync || other;
          const c = flag && store.sync;
          const d = (0, store.sync);
          const e = flag ? store.sync : other;
          const f = await store.sync;
          return [a, b, c, d, e, f];
        }
      `,
      errors: [
        { line: 3, column: 22 },
        { line: 4, column: 13 },
        { line: 5, column: 21 },
        { line: 6, column: 17 },
        { line: 7, column: 20 },
        { line: 8, column: 19 },
      ],
    }),
    invalid({
      name: 'thrown, yielded, a tagged template\'s argument and a JSX attribute',
      compilerOptions: { jsx: 'preserve' },
      files: {
        'view.tsx': `
          import { Store } from './store';
          export const view = (store: Store) => <button onClick={store.sync} />;
        `,
      },
      code: `
        import { Store } from './store';
        declare function tag(strings: TemplateStringsArray, ...values: unknown[]): string;
        export function* pick(store: Store): Generator<unknown> {
          yield store.sync;
          tag\`\${store.sync}\`;
          throw store.sync;
        }
      `,
      errors: [
        { line: 4, column: 9 },
        { line: 5, column: 9 },
        { line: 6, column: 9 },
        { file: 'view.tsx', line: 2, column: 56 },
      ],
    }),
    invalid({
      name: "the prototype's method, super's, and a subclass's that does not override it",
      code: `
        import { Mirror, Store } from './store';
        export const original = Store.prototype.sync;
        export class Cache extends Store {
          readonly parent = super.sync;
        }
        export const inherited = (mirror: Mirror) => [mirror.sync];
      `,
      errors: [
        { line: 2, column: 25 },
        { line: 4, column: 21 },
        { line: 6, column: 47 },
      ],
    }),
    invalid({
      name: 'through an interface or base class the marked method implements',
      code: `
        import type { Device, Syncer } from './store';
        export const pick = (syncer: Syncer, device: Device) => [syncer.sync, device.sync];
      `,
      errors: [
        { line: 2, column: 58 },
        { line: 2, column: 71 },
      ],
    }),
    invalid({
      name: 'marked in the same file, captured in its own class',
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        import { on } from './store';
        export class Disk {
          @AllowErrorInjection(EI_TYPE_ERRNO) write(): number { return 0; }
          constructor() { on('flush', this.write); }
        }
      `,
      errors: [{ line: 5, column: 31 }],
    }),
    invalid({
      name: 'a binding decorator beside the mark, before or after it',
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        declare function bound(value: Function, context: ClassMethodDecoratorContext): void;
        declare const lib: { boundMethod(): (value: Function, context: ClassMethodDecoratorContext) => void };
        export class Disk {
          @bound @AllowErrorInjection(EI_TYPE_ERRNO) write(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO)
          @lib.boundMethod()
          read(): number { return 0; }
        }
      `,
      errors: [
        { line: 5, column: 3 },
        { line: 7, column: 3 },
      ],
    }),
    invalid({
      name: 'a binding decorator beside the mark, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
        declare function autobind(target: object, key: string | symbol, descriptor: PropertyDescriptor): void;
        export class Disk {
          @AllowErrorInjection(EI_TYPE_ERRNO) @autobind write(): number { return 0; }
        }
      `,
      errors: [{ line: 4, column: 39 }],
    }),
  ],
});

describe('ei/captured-method messages', () => {
  describe('when a method is bound over itself', () => {
    it('should say that direct calls are missed too, and give the arrow', () => {
      // Arrange, act
      const [finding] = lintCase('ei/captured-method', {
        name: 'bound',
        code: `
          import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
          export class Store {
            @AllowErrorInjection(EI_TYPE_ERRNO) sync(): number { return 0; }
            constructor() { this.sync = this.sync.bind(this); }
          }
        `,
      });

      // Assert
      expect(finding?.message).to.equal(
        "Store.sync is bound here and the copy put on the instance under the method's own name, where it hides the method: arming Store.sync replaces the method on its class, " +
          'so every later call on this instance, direct calls included, runs the method as written and is never faulted; drop the bound copy, ' +
          'and pass an arrow where a function is wanted: `(...args) => this.sync(...args)`',
      );
    });
  });

  describe('when a decorator binds a marked method', () => {
    it('should name the decorator and give the arrow', () => {
      // Arrange, act
      const [finding] = lintCase('ei/captured-method', {
        name: 'bound',
        code: `
          import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
          declare function bound(value: Function, context: ClassMethodDecoratorContext): void;
          export class Store {
            @bound @AllowErrorInjection(EI_TYPE_ERRNO) sync(): number { return 0; }
          }
        `,
      });

      // Assert
      expect(finding?.message).to.equal(
        '@bound binds Store.sync to each instance as the instance is made: arming Store.sync replaces the method on its class, and an instance made before that keeps ' +
          'the method as written under its own name, so every call on it is never faulted; remove @bound, and pass an arrow where a function is wanted: `(...args) => obj.sync(...args)`',
      );
    });
  });

  describe('when a method is passed, destructured or read from the prototype', () => {
    it('should say how, and what to write instead', () => {
      // Arrange, act
      const findings = lintCase('ei/captured-method', {
        name: 'captured',
        code: `
          import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
          export class Store {
            @AllowErrorInjection(EI_TYPE_ERRNO) sync(): number { return 0; }
          }
          const store = new Store();
          setTimeout(store.sync, 10);
          const { sync } = store;
          export const original = Store.prototype.sync;
          export { sync };
        `,
      });

      // Assert
      const tail = 'arming Store.sync replaces the method on its class, and a reference taken before that keeps the method as written, so calls through it are never faulted; ';
      expect(findings.map((finding) => finding.message)).to.deep.equal([
        `Store.sync is passed as an argument here instead of called: ${tail}call it through the object instead, with an arrow where a function is wanted: \`(...args) => store.sync(...args)\``,
        `Store.sync is destructured here instead of called: ${tail}call it through the object instead: \`store.sync()\``,
        `Store.sync is assigned here instead of called: ${tail}read it when it is called instead: \`Store.prototype.sync.call(self, ...args)\``,
      ]);
    });
  });
});
