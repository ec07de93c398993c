import { besideFiles, ruleTester } from '../../support/ruleTester';

/**
 * Pattern 3 of issue 11: a result passed on to a place whose type keeps the failure (a parameter,
 * an object literal's property, an array element typed `T | null`) hands the check on, as a
 * return does; a place typed `T`, an optional `T` (undefined is not null), `any` or a type
 * parameter the argument instantiates does not.
 */
const LIB = `
  import { allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL, type ErrPtr } from '@errinject/core';

  export interface Node { readonly name: string }
  export interface Config { readonly port: number }
  export const find = allowErrorInjection(EI_TYPE_NULL, function find(name: string): Node | null { return name === '' ? null : { name }; });
  export const load = allowErrorInjection(EI_TYPE_ERRNO, function load(): Config | ErrPtr { return { port: 80 }; }, { errPtr: true });
  export const unlink = allowErrorInjection(EI_TYPE_ERRNO, function unlink(path: string): number { return path.length; });
  export function read(fd: number): number { return fd; }

  export function remember(node: Node | null): void { void node; }
  export function rememberMaybe(node?: Node | null): void { void node; }
  export function rememberNode(node: Node): void { void node; }
  export function rememberOptional(node?: Node): void { void node; }
  export function rememberAny(node: any): void { void node; }
  export function keep<T>(value: T): T { return value; }
  export function keepOrNull<T>(value: T | null): T | null { return value; }
  export function apply(config: Config | ErrPtr): void { void config; }
  export class Holder { constructor(readonly node: Node | null) {} }
`;

const { valid, invalid, validCode, invalidCode } = besideFiles({ 'lib.ts': LIB });

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'returned inside an object literal whose property is typed T | null',
      code: `
        import { find, type Node } from './lib';
        export function lookupNode(name: string): { readonly node: Node | null; readonly name: string } {
          return { node: find(name), name };
        }
      `,
    }),
    valid({
      name: 'a variable returned inside an object literal by shorthand, the property typed T | null',
      code: `
        import { find, type Node } from './lib';
        export interface Found { readonly node: Node | null }
        export function lookupNode(name: string): Found {
          const node = find(name);
          return { node };
        }
      `,
    }),
    valid({
      name: 'assigned inside an argument of a container that keeps T | null, then returned',
      code: `
        import { find, type Node } from './lib';
        const cache = new Map<string, Node | null>();
        export function cached(name: string): Node | null {
          let node = cache.get(name);
          if (node === undefined) cache.set(name, (node = find(name)));
          return node;
        }
      `,
    }),
    validCode(
      'passed, in a generic class, to a parameter typed T | null, and to a Map of T | null',
      `
        import { allowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Ring<T> {
          private readonly slots: (T | null)[] = [];
          private readonly cache = new Map<string, T | null>();
          readonly get = allowErrorInjection(EI_TYPE_NULL, (index: number): T | null => this.slots[index] ?? null);
          set(index: number, value: T | null): void { this.slots[index] = value; }
          shift(from: number, to: number): void { this.set(to, this.get(from)); }
          remember(key: string, index: number): void { this.cache.set(key, this.get(index)); }
        }
      `,
    ),
    valid({
      name: 'passed to a parameter typed T | null',
      code: `
        import { find, remember } from './lib';
        export function note(name: string): void {
          remember(find(name));
        }
      `,
    }),
    valid({
      name: 'passed to an optional parameter that holds null',
      code: `
        import { find, rememberMaybe } from './lib';
        export function note(name: string): void {
          rememberMaybe(find(name));
        }
      `,
    }),
    valid({
      name: 'a variable pushed onto an array of T | null',
      code: `
        import { find, type Node } from './lib';
        export function collect(names: readonly string[]): Array<Node | null> {
          const found: Array<Node | null> = [];
          for (const name of names) {
            const node = find(name);
            found.push(node);
          }
          return found;
        }
      `,
    }),
    valid({
      name: 'passed to a constructor whose parameter is typed T | null',
      code: `
        import { find, Holder } from './lib';
        export function hold(name: string): Holder {
          return new Holder(find(name));
        }
      `,
    }),
    valid({
      name: 'passed to a generic parameter that names null itself (T | null)',
      code: `
        import { find, keepOrNull } from './lib';
        export function kept(name: string): void {
          keepOrNull(find(name));
        }
      `,
    }),
    valid({
      name: 'an ErrPtr result passed to a parameter typed Config | ErrPtr',
      code: `
        import { apply, load } from './lib';
        export function reload(): void {
          apply(load());
        }
      `,
    }),
  ],
  invalid: [
    invalidCode(
      'passed, in a generic class, to a parameter typed T alone',
      `
        import { allowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        export class Ring<T> {
          private readonly slots: T[] = [];
          readonly get = allowErrorInjection(EI_TYPE_NULL, (index: number): T | null => this.slots[index] ?? null);
          put(index: number, value: T): void { this.slots[index] = value; }
          shift(from: number, to: number): void { this.put(to, this.get(from)!); }
          move(from: number, to: number): void { this.put(to, this.get(from) as T); }
        }
      `,
      [
        [6, 56],
        [7, 55],
      ],
    ),
    invalid({
      name: 'passed to a parameter typed T',
      code: `
        import { find, rememberNode } from './lib';
        export function note(name: string): void {
          // @ts-expect-error: a Node | null where a Node is expected
          rememberNode(find(name));
        }
      `,
      errors: [{ line: 4, column: 16 }],
    }),
    invalid({
      name: 'passed to an optional parameter typed T: undefined does not hold null',
      code: `
        import { find, rememberOptional } from './lib';
        export function note(name: string): void {
          // @ts-expect-error: a Node | null where a Node | undefined is expected
          rememberOptional(find(name));
        }
      `,
      errors: [{ line: 4, column: 20 }],
    }),
    invalid({
      name: 'passed to a parameter typed any',
      code: `
        import { find, rememberAny } from './lib';
        export function note(name: string): void {
          rememberAny(find(name));
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'passed to a generic parameter the argument instantiates',
      code: `
        import { find, keep } from './lib';
        export function kept(name: string): void {
          keep(find(name));
        }
      `,
      errors: [{ line: 3, column: 8 }],
    }),
    invalid({
      name: 'an errno passed to a number parameter, which takes it for a number',
      code: `
        import { read, unlink } from './lib';
        export function size(path: string): number {
          return read(unlink(path));
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'returned inside an object literal whose property is typed T',
      code: `
        import { find, type Node } from './lib';
        export interface Found { readonly node: Node }
        export function lookupNode(name: string): Found {
          // @ts-expect-error: a Node | null where a Node is expected
          return { node: find(name) };
        }
      `,
      errors: [{ line: 5, column: 18 }],
    }),
    invalid({
      name: 'in an object literal without a type to keep it',
      code: `
        import { find } from './lib';
        export function lookupNode(name: string): string {
          const found = { node: find(name) };
          return JSON.stringify(found);
        }
      `,
      errors: [{ line: 3, column: 25 }],
    }),
    invalid({
      name: 'assigned inside an argument of a container that keeps T | null, then returned where T is expected',
      code: `
        import { find, type Node } from './lib';
        const cache = new Map<string, Node | null>();
        export function cached(name: string): Node {
          let node = cache.get(name);
          if (node === undefined) cache.set(name, (node = find(name)));
          return node as Node;
        }
      `,
      errors: [{ line: 5, column: 51 }],
    }),
  ],
});
