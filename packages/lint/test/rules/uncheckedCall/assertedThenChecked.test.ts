import { besideFiles, ruleTester } from '../../support/ruleTester';

/**
 * Pattern 4 of issue 11: a result asserted (`f()!`, `f() as T`) and checked at once: tested or
 * defaulted right away (`(f() as Element) || fallback`), or put in a variable that is checked
 * before any use (`let s: S = f()!; if (!s) return`). The variable's type no longer shows the
 * failure, so only the checks on the way to each read count. An assertion used as it is stays
 * reported.
 */
const LIB = `
  import { allowErrorInjection, EI_TYPE_NULL } from '@errinject/core';

  export interface Node { readonly name: string }
  export const find = allowErrorInjection(EI_TYPE_NULL, function find(name: string): Node | null { return name === '' ? null : { name }; });
  export function use(node: Node): string { return node.name; }
`;

const { valid, invalid } = besideFiles({ 'lib.ts': LIB });

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'asserted with ! into a typed variable, tested for truthiness with an early return',
      code: `
        import { find, use, type Node } from './lib';
        export function nameOf(name: string): string {
          let node: Node = find(name)!;
          if (!node) return '';
          return use(node);
        }
      `,
    }),
    valid({
      name: 'asserted with ! into a variable, compared with null and thrown',
      code: `
        import { find, use } from './lib';
        export function nameOf(name: string): string {
          const node = find(name)!;
          if (node === null) throw new Error(\`no \${name}\`);
          return use(node);
        }
      `,
    }),
    valid({
      name: 'cast into a variable, used only in the branch of a test',
      code: `
        import { find, use, type Node } from './lib';
        export function nameOf(name: string): string {
          const node = find(name) as Node;
          return node ? use(node) : '';
        }
      `,
    }),
    valid({
      name: 'cast then defaulted with ||',
      code: `
        import { find, use, type Node } from './lib';
        export function nameOf(name: string, fallback: Node): string {
          return use((find(name) as Node) || fallback);
        }
      `,
    }),
    valid({
      name: 'asserted with ! then defaulted with ||',
      code: `
        import { find, use, type Node } from './lib';
        export function nameOf(name: string, fallback: Node): string {
          return use(find(name)! || fallback);
        }
      `,
    }),
    valid({
      name: 'cast then tested where it is made',
      code: `
        import { find, type Node } from './lib';
        export function exists(name: string): boolean {
          if (!(find(name) as Node)) return false;
          return true;
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'asserted with ! into a variable, used without a check',
      code: `
        import { find, use } from './lib';
        export function nameOf(name: string): string {
          const node = find(name)!;
          return use(node);
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    invalid({
      name: 'asserted with ! and used at once',
      code: `
        import { find } from './lib';
        export function nameOf(name: string): string {
          return find(name)!.name;
        }
      `,
      errors: [{ line: 3, column: 10 }],
    }),
    invalid({
      name: 'cast and used at once',
      code: `
        import { find, type Node } from './lib';
        export function nameOf(name: string): string {
          return (find(name) as Node).name;
        }
      `,
      errors: [{ line: 3, column: 11 }],
    }),
    invalid({
      name: 'asserted into a variable, checked only after a use',
      code: `
        import { find, use, type Node } from './lib';
        export function nameOf(name: string): string {
          let node: Node = find(name)!;
          const text = use(node);
          if (!node) return '';
          return text;
        }
      `,
      errors: [{ line: 3, column: 20 }],
    }),
    invalid({
      name: 'asserted into a variable, returned where its type drops null',
      code: `
        import { find, type Node } from './lib';
        export function nodeOf(name: string): Node {
          const node = find(name)!;
          return node;
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    invalid({
      name: 'cast into a variable, its member read before the test',
      code: `
        import { find, type Node } from './lib';
        export function nameOf(name: string): string {
          const node = find(name) as Node;
          if (node.name === '') return '';
          return node ? node.name : '';
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
  ],
});
