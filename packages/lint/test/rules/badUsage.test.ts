import { allowErrorInjection, debugfs, EI_TYPE_NULL, isErrInjectError } from '@errinject/core';
import { expect } from 'chai';
import fc from 'fast-check';
import { injectableNameProblem, KSYM_NAME_LEN, RESERVED_INJECTABLE_NAMES } from '../../src/rules/badUsage/injectableNameProblem';
import { lintCase, ruleTester } from '../support/ruleTester';

const IMPORTS =
  "import { AllowErrorInjection, allowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_TRUE, type ErrPtr } from '@errinject/core';";
const LEGACY = { experimentalDecorators: true };

ruleTester('ei/bad-usage', {
  valid: [
    {
      name: 'instance and static methods with the four constants',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL) alloc(): Buffer | null { return null; }
          @AllowErrorInjection(EI_TYPE_ERRNO) static open(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO_NULL) find(): number | null { return null; }
          @AllowErrorInjection(EI_TYPE_TRUE) isBusy(): boolean { return false; }
        }
      `,
    },
    {
      name: 'methods under legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL) static create(): Store | null { return null; }
        }
      `,
    },
    {
      name: 'a constant that is not the core name of one, and a literal 2',
      code: `
        ${IMPORTS}
        const TYPE = EI_TYPE_ERRNO;
        export class Store {
          @AllowErrorInjection(TYPE) open(): number { return 0; }
          @AllowErrorInjection(2) close(): number { return 0; }
        }
      `,
    },
    {
      name: 'a named function, a named function expression and an arrow with options.name',
      code: `
        ${IMPORTS}
        function lookup(): object | null { return null; }
        export const find = allowErrorInjection(EI_TYPE_NULL, lookup);
        export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(): object | null { return null; });
        export const openFile = allowErrorInjection(EI_TYPE_ERRNO, (p: string): number => p.length, { name: 'openFile' });
      `,
    },
    {
      name: 'one method name in two classes',
      code: `
        ${IMPORTS}
        export class Disk { @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; } }
        export class Net { @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; } }
      `,
    },
    {
      name: 'the same function wrapped twice under its name',
      code: `
        ${IMPORTS}
        function alloc(): object | null { return null; }
        export const a = allowErrorInjection(EI_TYPE_NULL, alloc);
        export const b = allowErrorInjection(EI_TYPE_NULL, alloc);
      `,
    },
    {
      name: 'a static and an instance method told apart by options.name',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Store.openStatic' }) static open(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
        }
      `,
    },
    {
      name: 'async methods and functions, with or without { async: true }',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL) async fetch(): Promise<string | null> { return null; }
          @AllowErrorInjection(EI_TYPE_NULL, { async: true }) async head(): Promise<string | null> { return null; }
        }
        export const load = allowErrorInjection(EI_TYPE_NULL, async function load(): Promise<object | null> { return null; });
        export const save = allowErrorInjection(EI_TYPE_ERRNO, async (): Promise<number> => 0, { name: 'save' });
      `,
    },
    {
      name: 'a Promise-returning function marked { async: true }',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL, { async: true }) fetch(): Promise<string | null> { return Promise.resolve(null); }
        }
        export const read = allowErrorInjection(EI_TYPE_ERRNO, (): Promise<number> => Promise.resolve(0), { name: 'read', async: true });
      `,
    },
    {
      name: 'a method declared to return Promise, recognised through emitDecoratorMetadata',
      compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true },
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL) fetch(): Promise<string | null> { return Promise.resolve(null); }
        }
      `,
    },
    {
      name: 'a function that may return a value or a Promise is not judged async',
      code: `
        ${IMPORTS}
        export const get = allowErrorInjection(EI_TYPE_NULL, function get(cached: boolean): string | null | Promise<string | null> { return cached ? null : Promise.resolve(null); });
      `,
    },
    {
      name: 'all three options, and options the linter cannot see',
      code: `
        ${IMPORTS}
        declare const options: { name: string };
        declare const flag: boolean;
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'store-load', errPtr: true, async: false }) load(): object | ErrPtr { return {}; }
          @AllowErrorInjection(EI_TYPE_ERRNO, options) open(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO, { ...options, errPtr: flag }) read(): number { return 0; }
        }
      `,
    },
    {
      name: 'a name of 512 characters, and names with dots and dashes',
      code: `
        ${IMPORTS}
        export const a = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: '${'x'.repeat(KSYM_NAME_LEN)}' });
        export const b = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: 'slab.kmalloc-64' });
      `,
    },
    {
      name: 'a symbol-keyed method with options.name, and a private method',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Store.iterate' }) [Symbol.iterator](): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) #open(): number { return 0; }
        }
      `,
    },
    {
      name: 'a mark in another file named as one here, the other file marking first, the same function',
      files: {
        'alloc.ts': `
          ${IMPORTS}
          export function alloc(): object | null { return null; }
          export const allocMarked = allowErrorInjection(EI_TYPE_NULL, alloc);
        `,
      },
      code: `
        ${IMPORTS}
        import { alloc } from './alloc.js';
        export const again = allowErrorInjection(EI_TYPE_NULL, alloc);
      `,
    },
    {
      name: 'options with computed keys, a constructor with a modifier and another decorator',
      code: `
        ${IMPORTS}
        declare const key: string;
        function logged(..._args: unknown[]): void {}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO, { ['name']: 'Store.opened' }) open(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO, { [key]: true }) close(): number { return 0; }
          // @ts-expect-error -- a decorator on a constructor that is not the core's
          @logged public constructor() {}
        }
      `,
    },
    {
      name: 'a namespace import of the core',
      code: `
        import * as ei from '@errinject/core';
        export class Store {
          @ei.AllowErrorInjection(ei.EI_TYPE_ERRNO) open(): number { return 0; }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a decorator on a getter and on a setter',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL)
          get size(): number | null { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL)
          set size(value: number | null) {}
        }
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 5, column: 3 },
      ],
    },
    {
      name: 'a decorator on a field and on an auto-accessor',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL) handler = (): null => null;
          @AllowErrorInjection(EI_TYPE_NULL) accessor other: (() => null) | undefined;
        }
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 4, column: 3 },
      ],
    },
    {
      name: 'a decorator on a class',
      code: `
        ${IMPORTS}
        @AllowErrorInjection(EI_TYPE_ERRNO)
        export class Store {}
      `,
      errors: [{ line: 2, column: 1 }],
    },
    {
      name: 'a decorator on a parameter and on a constructor, legacy decorators',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'AllowErrorInjection' })
          constructor(@AllowErrorInjection(EI_TYPE_ERRNO) path: string) { void path; }
        }
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 4, column: 15 },
      ],
    },
    {
      name: 'the decorator used without calling it',
      code: `
        ${IMPORTS}
        export class Store {
          // @ts-expect-error -- the mistake under test
          @AllowErrorInjection open(): number { return 0; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'an error type that is not a constant, and none at all',
      code: `
        ${IMPORTS}
        declare const type: typeof EI_TYPE_NULL | typeof EI_TYPE_ERRNO;
        export class Store {
          @AllowErrorInjection(type) open(): number { return 0; }
          // @ts-expect-error -- the mistake under test
          @AllowErrorInjection() close(): number { return 0; }
        }
        export const alloc = allowErrorInjection(type, function alloc(): null { return null; });
      `,
      errors: [
        { line: 4, column: 3 },
        { line: 6, column: 3 },
        { line: 8, column: 22 },
      ],
    },
    {
      name: 'a static and an instance method under one name, standard and legacy decorators alike',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO) static open(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'two functions under one name, a third through options.name',
      code: `
        ${IMPORTS}
        export const a = allowErrorInjection(EI_TYPE_NULL, function alloc(): null { return null; });
        export const b = allowErrorInjection(EI_TYPE_NULL, function alloc(): null { return null; });
        export const c = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: 'alloc' });
      `,
      errors: [
        { line: 3, column: 18 },
        { line: 4, column: 18 },
      ],
    },
    {
      name: 'a class in another file taking the name first',
      files: {
        'store.ts': `
          ${IMPORTS}
          export class Store { @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; } }
        `,
      },
      code: `
        ${IMPORTS}
        import './store.js';
        export const open = allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name: 'Store.open' });
      `,
      errors: [{ line: 3, column: 21 }],
    },
    {
      name: 'a method marked twice',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          @AllowErrorInjection(EI_TYPE_ERRNO, { name: 'Store.open2' })
          open(): number { return 0; }
        }
      `,
      errors: [{ line: 4, column: 3 }],
    },
    {
      name: 'anonymous functions wrapped without options.name',
      code: `
        ${IMPORTS}
        export const a = allowErrorInjection(EI_TYPE_NULL, (): null => null);
        export const b = allowErrorInjection(EI_TYPE_NULL, function (): null { return null; }, { errPtr: false });
      `,
      errors: [
        { line: 2, column: 18 },
        { line: 3, column: 18 },
      ],
    },
    {
      name: 'a class wrapped',
      code: `
        ${IMPORTS}
        class Store {}
        // @ts-expect-error -- the mistake under test
        export const a = allowErrorInjection(EI_TYPE_NULL, Store);
      `,
      errors: [{ line: 4, column: 18 }],
    },
    {
      name: 'a named class expression wrapped',
      code: `
        ${IMPORTS}
        // @ts-expect-error -- the mistake under test
        export const a = allowErrorInjection(EI_TYPE_NULL, class Store {});
      `,
      errors: [{ line: 3, column: 18 }],
    },
    {
      name: 'a symbol-keyed method without options.name',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO) [Symbol.iterator](): number { return 0; }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'a method returning a Promise without being async, standard and legacy decorators',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL)
          fetch(): Promise<string | null> { return Promise.resolve(null); }
          @AllowErrorInjection(EI_TYPE_NULL)
          static head() { return Promise.resolve(null); }
        }
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 5, column: 3 },
      ],
    },
    {
      name: 'a method declared to return Promise under legacy decorators without metadata',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL)
          fetch(): Promise<string | null> { return Promise.resolve(null); }
        }
      `,
      errors: [{ line: 3, column: 3 }],
    },
    {
      name: 'an arrow and a function returning a Promise without being async',
      code: `
        ${IMPORTS}
        export const read = allowErrorInjection(EI_TYPE_ERRNO, (): Promise<number> => Promise.resolve(0), { name: 'read' });
        export const write = allowErrorInjection(EI_TYPE_ERRNO, function write() { return Promise.resolve(0); }, { async: false });
      `,
      errors: [
        { line: 2, column: 21 },
        { line: 3, column: 22 },
      ],
    },
    {
      name: '{ async: false } on an async function, { async: true } on a function returning no Promise',
      code: `
        ${IMPORTS}
        export class Client {
          @AllowErrorInjection(EI_TYPE_NULL, { async: false }) async fetch(): Promise<string | null> { return null; }
          @AllowErrorInjection(EI_TYPE_NULL, { async: true }) peek(): string | null { return null; }
        }
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 4, column: 3 },
      ],
    },
    {
      name: 'options that are not an object, with unknown keys, with non-boolean flags',
      code: `
        ${IMPORTS}
        export class Store {
          // @ts-expect-error -- the mistake under test
          @AllowErrorInjection(EI_TYPE_ERRNO, null) a(): number { return 0; }
          // @ts-expect-error -- the mistake under test
          @AllowErrorInjection(EI_TYPE_ERRNO, { nmae: 'Store.b', retries: 2 }) b(): number { return 0; }
          // @ts-expect-error -- the mistake under test
          @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: 'yes' }) c(): number { return 0; }
          // @ts-expect-error -- the mistake under test
          @AllowErrorInjection(EI_TYPE_ERRNO, { async: 1 }) d(): number { return 0; }
        }
      `,
      errors: [
        { line: 4, column: 3 },
        { line: 6, column: 3 },
        { line: 8, column: 3 },
        { line: 10, column: 3 },
      ],
    },
    {
      name: 'errPtr on NULL and TRUE marks',
      code: `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL, { errPtr: true }) a(): object | null { return null; }
          @AllowErrorInjection(EI_TYPE_TRUE, { errPtr: true }) b(): boolean { return false; }
          @AllowErrorInjection(EI_TYPE_TRUE, { errPtr: false }) c(): boolean { return false; }
        }
      `,
      errors: [
        { line: 3, column: 3 },
        { line: 4, column: 3 },
      ],
    },
    {
      name: 'names the runtime refuses, given as options.name',
      code: `
        ${IMPORTS}
        export const a = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: '' });
        export const b = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: 'open file' });
        export const c = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: 'fs/open' });
        export const d = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: '!open' });
        export const e = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: 'inject' });
        export const f = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: '${'x'.repeat(KSYM_NAME_LEN + 1)}' });
        // @ts-expect-error -- the mistake under test
        export const g = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: 42 });
        export const h = allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: '*' });
      `,
      errors: [
        { line: 2, column: 18 },
        { line: 3, column: 18 },
        { line: 4, column: 18 },
        { line: 5, column: 18 },
        { line: 6, column: 18 },
        { line: 7, column: 18 },
        { line: 9, column: 18 },
        { line: 10, column: 18 },
      ],
    },
    {
      name: 'reserved and unusable names taken from the function or the method',
      code: `
        ${IMPORTS}
        export const seed = allowErrorInjection(EI_TYPE_ERRNO, function seed(): number { return 0; });
        export const times = allowErrorInjection(EI_TYPE_ERRNO, function times(): number { return 0; });
        export class Store {
          @AllowErrorInjection(EI_TYPE_ERRNO) 'open file'(): number { return 0; }
        }
      `,
      errors: [
        { line: 2, column: 21 },
        { line: 3, column: 22 },
        { line: 5, column: 3 },
      ],
    },
  ],
});

describe('ei/bad-usage messages', () => {
  describe('when a name is taken in another file', () => {
    it('should name the first mark by its path from the reporting file and its line', () => {
      // Arrange
      const files = {
        'lib/store.ts': `
          ${IMPORTS}

          export class Store { @AllowErrorInjection(EI_TYPE_ERRNO) open(): number { return 0; } }
        `,
      };
      const code = `
        ${IMPORTS}
        import './lib/store.js';
        export const open = allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name: 'Store.open' });
      `;

      // Act
      const findings = lintCase('ei/bad-usage', { name: 'message', code, files });

      // Assert
      expect(findings.map((f) => [f.file, f.line, f.message])).to.deep.equal([
        [
          'case.ts',
          3,
          'the name "Store.open" is taken by another function, marked at ./lib/store.ts:3; the runtime names the function marked second ' +
            '"Store.open#2", with a warning (ERRINJECT_DUPLICATE_NAME), and which one is second depends on the order modules load: give one ' +
            'of them its own options.name',
        ],
      ]);
    });
  });

  describe('when the decorator is on something else than a method', () => {
    it('should say what it is on', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection(EI_TYPE_NULL) get size(): number | null { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL) get ['length'](): number | null { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL) static set limit(value: number) { void value; }
          @AllowErrorInjection(EI_TYPE_NULL) field = 1;
          @AllowErrorInjection(EI_TYPE_NULL) accessor other = 1;
          m(@AllowErrorInjection(EI_TYPE_NULL) x: number): void { void x; }
          constructor(@AllowErrorInjection(EI_TYPE_NULL) y: number) { void y; }
        }
        @AllowErrorInjection(EI_TYPE_NULL) class Other {}
        void Other;
      `;

      // Act
      const findings = lintCase('ei/bad-usage', { name: 'message', code, compilerOptions: LEGACY });

      // Assert
      expect(findings.map((f) => f.message.replace(/:.*/, ''))).to.deep.equal([
        '@AllowErrorInjection on the getter Store.size',
        "@AllowErrorInjection on the getter Store.['length']",
        '@AllowErrorInjection on the setter Store.limit',
        '@AllowErrorInjection on the field Store.field',
        '@AllowErrorInjection on the auto-accessor Store.other',
        '@AllowErrorInjection on a parameter of Store.m',
        '@AllowErrorInjection on a parameter of Store.constructor',
        '@AllowErrorInjection on the class Other',
      ]);
    });
  });

  describe('when a function returns a Promise without being async', () => {
    it('should say that the failure would be a bare value', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export const read = allowErrorInjection(EI_TYPE_ERRNO, (): Promise<number> => Promise.resolve(0), { name: 'read' });
      `;

      // Act
      const [finding] = lintCase('ei/bad-usage', { name: 'message', code });

      // Assert
      expect(finding?.message).to.equal(
        'read returns `Promise<number>` but is not an async function: the runtime cannot see that it returns a Promise, and an injected failure ' +
          'would return a bare value where callers expect a Promise; make it async or mark it { async: true }',
      );
    });
  });

  describe('when the decorator is not called or the options are refused', () => {
    it('should name the function in each message and say what to do', () => {
      // Arrange
      const code = `
        ${IMPORTS}
        export class Store {
          @AllowErrorInjection open(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_NULL, 3) a(): string | null { return null; }
          @AllowErrorInjection(EI_TYPE_NULL, { bogus: 1 }) b(): string | null { return null; }
          @AllowErrorInjection(EI_TYPE_ERRNO, { async: 'yes' }) c(): number { return 0; }
          @AllowErrorInjection(EI_TYPE_TRUE, { errPtr: true }) d(): boolean { return false; }
        }
      `;

      // Act
      const findings = lintCase('ei/bad-usage', { name: 'message', code, compilerOptions: LEGACY });

      // Assert
      expect(findings.map((f) => f.message)).to.deep.equal([
        '@AllowErrorInjection on Store.open is used without calling it: write @AllowErrorInjection(type) with EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL or EI_TYPE_TRUE',
        'the options `3` of Store.a are not an object: the runtime refuses them; pass { name?, errPtr?, async? }',
        'unknown option bogus of Store.b: the runtime refuses it; remove it (accepted: name, errPtr, async)',
        "options.async of Store.c is `'yes'`: the runtime refuses it; make options.async true or false",
        'Store.d is marked TRUE with options.errPtr, which is for EI_TYPE_ERRNO and EI_TYPE_ERRNO_NULL functions (they fail with an errno): the runtime refuses it; remove errPtr',
      ]);
    });
  });
});

describe('injectableNameProblem', () => {
  describe('when compared with the runtime', () => {
    it('should reserve exactly ., .. and the files of fail_function/', () => {
      // Arrange
      const runtime = new Set(['.', '..', ...debugfs.list('fail_function')]);

      // Act, assert
      expect([...RESERVED_INJECTABLE_NAMES].sort()).to.deep.equal([...runtime].sort());
    });

    it('should refuse a name exactly when allowErrorInjection refuses it', () => {
      // Arrange
      const names = fc.oneof(
        fc.string({ maxLength: 8 }),
        fc.constantFrom(...RESERVED_INJECTABLE_NAMES, '!x', '*', '*x', 'a b', 'a/b', 'a\tb', '\u00a0', 'x'.repeat(KSYM_NAME_LEN), 'x'.repeat(KSYM_NAME_LEN + 1)),
      );

      // Act, assert: names repeat from run to run; the runtime's warnings for them are not this test's.
      const emitWarning = process.emitWarning;
      process.emitWarning = (): void => {};
      try {
        fc.assert(
          fc.property(names, (name) => {
            let refused = false;
            try {
              allowErrorInjection(EI_TYPE_NULL, (): null => null, { name });
            } catch (error) {
              // A name taken by an earlier run is accepted too (the runtime gives the function name#2).
              if (!isErrInjectError(error) || error.code !== 'ERR_INVALID_ARG_VALUE') throw error;
              refused = true;
            }
            expect(refused, JSON.stringify(name)).to.equal(injectableNameProblem(name) !== undefined);
          }),
        );
      } finally {
        process.emitWarning = emitWarning;
      }
    });
  });
});
