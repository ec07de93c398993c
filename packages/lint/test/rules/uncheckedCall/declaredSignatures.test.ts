import { besideFiles, ruleTester } from '../../support/ruleTester';

/**
 * What ei/unchecked-call reads of the other calls around a result, a method's `never`, type
 * predicate and callback parameter, comes from the method's declared signature where it has one
 * (without resolving the call, which checks every argument), and from the checker where it is
 * generic, overloaded or inferred: both ways judge alike.
 */
const LIB = `
  import { allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';

  export interface Node { readonly name: string }
  export const find = allowErrorInjection(EI_TYPE_NULL, function find(name: string): Node | null { return name === '' ? null : { name }; });
  export const unlink = allowErrorInjection(EI_TYPE_ERRNO, function unlink(path: string): number { return path.length; });
  export function use(node: Node): string { return node.name; }

  export class Log {
    fail(message: string): never { throw new Error(message); }
    note(message: string): void { void message; }
    failLater<T>(value: T): T { return value; }
    readonly inferredFail = (message: string) => { throw new Error(message); };
  }
  export class Guards {
    present(node: Node | null): node is Node { return node !== null; }
    ensure(node: Node | null): asserts node is Node { if (node === null) throw new Error('none'); }
    named(node: Node | null): boolean { return node !== null; }
    inferred(node: Node | null) { return node !== null; }
  }
  export class Runner {
    maybe(make: () => Node | null): Node | null { return make(); }
    surely(make: () => Node): Node { return make(); }
    generic<T>(make: () => T): T { return make(); }
    each(...makers: Array<() => Node | null>): void { void makers; }
  }
`;

const { valid, invalid } = besideFiles({ 'lib.ts': LIB });

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'a method declared to return never leaves the failure branch',
      code: `
        import { unlink, type Log } from './lib';
        export function remove(log: Log, path: string): number {
          const ret = unlink(path);
          if (ret < 0) log.fail('cannot remove');
          return ret + 1;
        }
      `,
    }),
    valid({
      name: 'an arrow property whose never is inferred from its body leaves the failure branch',
      code: `
        import { find, use, type Log } from './lib';
        export function name(log: Log, key: string): string {
          const node = find(key);
          if (node === null) log.inferredFail('none');
          return use(node);
        }
      `,
    }),
    valid({
      name: 'a method type predicate checks the result',
      code: `
        import { find, use, type Guards } from './lib';
        export function name(guards: Guards, key: string): string {
          const node = find(key);
          return guards.present(node) ? use(node) : '';
        }
      `,
    }),
    valid({
      name: 'a method assertion function checks the result',
      code: `
        import { find, use, type Guards } from './lib';
        export function name(guards: Guards, key: string): string {
          const node = find(key);
          guards.ensure(node);
          return use(node);
        }
      `,
    }),
    valid({
      name: 'a method type predicate inferred from its body checks the result',
      code: `
        import { find, use, type Guards } from './lib';
        export function name(guards: Guards, key: string): string {
          const node = find(key);
          return guards.inferred(node) ? use(node) : '';
        }
      `,
    }),
    valid({
      name: 'returned by a callback passed to a method whose parameter returns Node | null',
      code: `
        import { find, type Runner, type Node } from './lib';
        export function run(runner: Runner, key: string): Node | null {
          return runner.maybe(() => find(key));
        }
      `,
    }),
    valid({
      name: 'returned by a callback passed to a generic method, where the checker infers Node | null',
      code: `
        import { find, type Runner, type Node } from './lib';
        export function run(runner: Runner, key: string): Node | null {
          return runner.generic(() => find(key));
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'a method declared to return void does not leave the failure branch',
      code: `
        import { unlink, type Log } from './lib';
        export function remove(log: Log, path: string): number {
          const ret = unlink(path);
          if (ret < 0) log.note('cannot remove');
          return ret + 1;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'a generic method is not a never, even when declared to return its type parameter',
      code: `
        import { unlink, type Log } from './lib';
        export function remove(log: Log, path: string): number {
          const ret = unlink(path);
          if (ret < 0) log.failLater(ret);
          return ret + 1;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'a method declared to return boolean is no type predicate',
      code: `
        import { find, use, type Guards } from './lib';
        export function name(guards: Guards, key: string): string {
          const node = find(key);
          return guards.named(node) ? use(node!) : '';
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    invalid({
      name: 'returned by a callback passed to a method whose parameter returns Node: lost',
      code: `
        import { find, type Runner } from './lib';
        export function run(runner: Runner, key: string): string {
          return runner.surely(() => find(key)).name;
        }
      `,
      errors: [{ line: 3, column: 30 }],
    }),
    invalid({
      name: 'returned by a callback passed to a rest parameter whose callbacks return Node | null: kept, but the rest parameter is left to the checker',
      code: `
        import { find, type Runner, type Node } from './lib';
        export function run(runner: Runner, key: string): void {
          runner.each(() => find(key), (): Node => find(key)!);
        }
      `,
      errors: [{ line: 3, column: 44 }],
    }),
  ],
});
