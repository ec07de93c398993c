import { besideFiles, ruleTester } from '../../support/ruleTester';

/**
 * Pattern 2 of issue 11: a result compared with a value that can never be the failure value. The
 * failure then takes the "not equal" branch, as any other value would; compared with an errno
 * constant, the other errnos take it. Reads in that branch are still judged as uses.
 */
const LIB = `
  import { allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_NULL } from '@errinject/core';

  export interface Node { readonly name: string }
  export const find = allowErrorInjection(EI_TYPE_NULL, function find(name: string): Node | null { return name === '' ? null : { name }; });
  export const unlink = allowErrorInjection(EI_TYPE_ERRNO, function unlink(path: string): number { return path.length; });
  export const lookup = allowErrorInjection(EI_TYPE_ERRNO_NULL, function lookup(key: string): number | null { return key.length; });
  export function read(fd: number): number { return fd; }
`;

const { valid, invalid } = besideFiles({ 'lib.ts': LIB });

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'NULL compared === with a non-nullable element, where it is made',
      code: `
        import { find, type Node } from './lib';
        export function isHead(head: Node, name: string): boolean {
          return find(name) === head;
        }
      `,
    }),
    valid({
      name: 'NULL compared == with a non-nullable value in a condition',
      code: `
        import { find, type Node } from './lib';
        export function same(other: Node, name: string): number {
          if (find(name) == other) return 1;
          return 0;
        }
      `,
    }),
    valid({
      name: 'NULL in a variable compared !== with a non-nullable element, used in the equal branch only',
      code: `
        import { find, type Node } from './lib';
        export function nameIf(other: Node, name: string): string {
          const node = find(name);
          if (node !== other) return '';
          return node.name;
        }
      `,
    }),
    valid({
      name: 'NULL compared with a property of a non-nullable type',
      code: `
        import { find, type Node } from './lib';
        export function isSelected(state: { readonly selected: Node }, name: string): boolean {
          return state.selected === find(name);
        }
      `,
    }),
    valid({
      name: 'NULL compared with this',
      code: `
        import { find, type Node } from './lib';
        export class Tree implements Node {
          constructor(readonly name: string) {}
          isRoot(): boolean {
            return find(this.name) === this;
          }
        }
      `,
    }),
    valid({
      name: 'NULL compared with a value of a type parameter constrained to a non-nullable type',
      code: `
        import { find, type Node } from './lib';
        export function isFound<N extends Node>(node: N): boolean {
          return find(node.name) === node;
        }
      `,
    }),
    valid({
      name: 'ERRNO compared with -errno.ENOENT where it is made',
      code: `
        import { errno } from '@errinject/core';
        import { unlink } from './lib';
        export function remove(path: string): boolean {
          if (unlink(path) === -errno.ENOENT) return false;
          return true;
        }
      `,
    }),
    valid({
      name: 'ERRNO in a variable compared with an errno constant, the other branch passing it on',
      code: `
        import { errno } from '@errinject/core';
        import { unlink } from './lib';
        export function removeQuiet(path: string): number {
          const ret = unlink(path);
          if (ret === -errno.ENOENT) return 0;
          return ret;
        }
      `,
    }),
    valid({
      name: 'ERRNO in a variable compared !== with a negative constant, not used otherwise',
      code: `
        import { unlink } from './lib';
        const EBUSY = -16;
        export function retryBusy(path: string, retry: () => void): void {
          const ret = unlink(path);
          if (ret !== EBUSY) return;
          retry();
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'NULL compared with a value that may be null',
      code: `
        import { find, type Node } from './lib';
        export function same(maybe: Node | null, name: string): boolean {
          return find(name) === maybe;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'NULL compared with a value of an unconstrained type parameter',
      code: `
        import { find } from './lib';
        export function isFound<T>(name: string, value: T): boolean {
          return find(name) === value;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'NULL compared == with a value that may be undefined (null == undefined)',
      code: `
        import { find, type Node } from './lib';
        export function same(other: Node | undefined, name: string): boolean {
          return find(name) == other;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'NULL compared !== with a non-nullable element, used as a success in the not-equal branch',
      code: `
        import { find, type Node } from './lib';
        export function otherName(other: Node, name: string): string {
          const node = find(name);
          if (node !== other) return node!.name;
          return '';
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    invalid({
      name: 'ERRNO compared with an errno constant, used as a success in the other branch',
      code: `
        import { errno } from '@errinject/core';
        import { read, unlink } from './lib';
        export function size(path: string): number {
          const fd = unlink(path);
          if (fd === -errno.ENOENT) return 0;
          return read(fd);
        }
      `,
      errors: [{ line: 4, column: 14 }],
    }),
    invalid({
      name: 'ERRNO compared with a number of unknown sign',
      code: `
        import { unlink } from './lib';
        export function isExpected(path: string, expected: number): boolean {
          return unlink(path) === expected;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'ERRNO_NULL compared with an errno constant: the null goes unseen',
      code: `
        import { errno } from '@errinject/core';
        import { lookup } from './lib';
        export function missing(key: string): boolean {
          return lookup(key) === -errno.ENOENT;
        }
      `,
      errors: [{ line: 4, column: 10 }],
    }),
  ],
});
