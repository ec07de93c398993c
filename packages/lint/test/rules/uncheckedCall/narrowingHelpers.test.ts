import { besideFiles, ruleTester } from '../../support/ruleTester';

/**
 * Pattern 6 of issue 11: a user type predicate (`isPresent(x): x is T`) or assertion function
 * (`assertNode(x): asserts x`, `asserts x is T`) excludes the failure exactly as `if (x)` does,
 * read from the signature the checker resolves, without configuration; only what the predicate's
 * type excludes counts.
 */
const LIB = `
  import { allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';

  export interface Node { readonly name: string }
  export const find = allowErrorInjection(EI_TYPE_NULL, function find(name: string): Node | null { return name === '' ? null : { name }; });
  export const unlink = allowErrorInjection(EI_TYPE_ERRNO, function unlink(path: string): number { return path.length; });
  export function read(fd: number): number { return fd; }

  export function isPresent<T>(value: T | null | undefined): value is T { return value !== null && value !== undefined; }
  export function isNull(value: unknown): value is null { return value === null; }
  export function hasName(name: string, value: Node | null): value is Node { return value?.name === name; }
  export function assertNode(value: unknown): asserts value { if (!value) throw new Error('no node'); }
  export function assertIsNode(value: Node | null): asserts value is Node { if (value === null) throw new Error('no node'); }
  export function isNodeLike(value: unknown): value is Node | null { return typeof value === 'object'; }
  export function assertNodeLike(value: unknown): asserts value is Node | null { if (typeof value !== 'object') throw new Error('no'); }
  export function isSet(value: unknown): boolean { return value !== null; }
  export function isNumber(value: unknown): value is number { return typeof value === 'number'; }
`;

const { valid, invalid } = besideFiles({ 'lib.ts': LIB });

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'a generic type predicate with an early return',
      code: `
        import { find, isPresent } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          if (!isPresent(node)) return '';
          return node.name;
        }
      `,
    }),
    valid({
      name: 'a type predicate on the call where it is made',
      code: `
        import { find, isPresent } from './lib';
        export function exists(name: string): boolean {
          return isPresent(find(name));
        }
      `,
    }),
    valid({
      name: 'a type predicate in a ternary',
      code: `
        import { find, isPresent } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          return isPresent(node) ? node.name : '';
        }
      `,
    }),
    valid({
      name: 'a predicate that the value is the failure (x is null), the failure branch leaving',
      code: `
        import { find, isNull } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          if (isNull(node)) return '';
          return node.name;
        }
      `,
    }),
    valid({
      name: 'a predicate on its second parameter',
      code: `
        import { find, hasName } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          if (hasName(name, node)) return node.name;
          return '';
        }
      `,
    }),
    valid({
      name: 'an assertion function (asserts x) as a statement',
      code: `
        import { assertNode, find } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          assertNode(node);
          return node.name;
        }
      `,
    }),
    valid({
      name: 'an assertion function with a type (asserts x is Node)',
      code: `
        import { assertIsNode, find } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          assertIsNode(node);
          return node.name;
        }
      `,
    }),
    valid({
      name: 'an assertion function on the call where it is made',
      code: `
        import { assertNode, find } from './lib';
        export function mustExist(name: string): void {
          assertNode(find(name));
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'a predicate whose type keeps the failure (x is Node | null)',
      code: `
        import { find, isNodeLike } from './lib';
        export function exists(name: string): boolean {
          return isNodeLike(find(name));
        }
      `,
      errors: [{ line: 3, column: 21 }],
    }),
    invalid({
      name: 'an assertion whose type keeps the failure (asserts x is Node | null), then the value asserted with !',
      code: `
        import { assertNodeLike, find } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          assertNodeLike(node);
          return node!.name;
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    invalid({
      name: 'a boolean function that is not a predicate',
      code: `
        import { find, isSet } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          if (!isSet(node)) return '';
          return node!.name;
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    invalid({
      name: 'ERRNO tested with x is number, which a negative errno passes',
      code: `
        import { isNumber, read, unlink } from './lib';
        export function size(path: string): number {
          const fd = unlink(path);
          if (!isNumber(fd)) return -1;
          return read(fd);
        }
      `,
      errors: [{ line: 3, column: 14 }],
    }),
    invalid({
      name: 'an assertion function after a use',
      code: `
        import { assertNode, find } from './lib';
        export function nameOf(name: string): string {
          const node = find(name);
          const text = node!.name;
          assertNode(node);
          return text;
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
  ],
});
