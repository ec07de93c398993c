import { ruleTester } from '../../support/ruleTester';

/**
 * A NULL function whose failure comes back through a value that may be null where it is returned
 * (a property, a lookup, a loop variable), not a literal `null`: that return is an error return
 * too, and state written before it is reported (found in parchment's `ParentBlot.split`, which
 * returns `this.next`).
 */
const IMPORTS = "import { AllowErrorInjection, allowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO } from '@errinject/core';";
const LEGACY = { experimentalDecorators: true };

ruleTester('ei/state-before-error', {
  valid: [
    {
      name: 'a property that may be null returned before any change',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Node {
          next: Node | null = null;
          private splits = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          split(index: number): Node | null {
            if (index === 0) return this.next;
            this.splits++;
            return this;
          }
        }
      `,
    },
    {
      name: 'a value narrowed to non-null returned after a change, the null returned before it',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Cache {
          private readonly entries = new Map<string, string>();
          private hits = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string): string | null {
            const value = this.entries.get(key) ?? null;
            if (value === null) return value;
            this.hits++;
            return value;
          }
        }
      `,
    },
    {
      name: 'a value of a type parameter, which says nothing of null',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Box<T> {
          private reads = 0;
          constructor(private readonly value: T) {}
          @AllowErrorInjection(EI_TYPE_NULL)
          read(): T | null {
            this.reads++;
            return this.value;
          }
        }
      `,
    },
    {
      name: 'ERRNO: a number returned after a change is no error return',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class List {
          private readonly items: string[] = [];
          private lookups = 0;
          @AllowErrorInjection(EI_TYPE_ERRNO)
          indexOf(item: string): number {
            this.lookups++;
            return this.items.indexOf(item);
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'state written before a property that may be null is returned (parchment ParentBlot.split)',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Node {
          next: Node | null = null;
          private cached: string | null = 'x';
          @AllowErrorInjection(EI_TYPE_NULL)
          split(index: number, length: number): Node | null {
            this.cached = null;
            if (index === 0) return this;
            if (index === length) return this.next;
            return this;
          }
        }
      `,
      errors: [{ line: 7, column: 5 }],
    },
    {
      name: 'state written before a lookup that may be null is returned',
      compilerOptions: LEGACY,
      code: `
        ${IMPORTS}
        export class Cache {
          private readonly entries = new Map<string, string>();
          private reads = 0;
          @AllowErrorInjection(EI_TYPE_NULL)
          get(key: string): string | null {
            this.reads++;
            return this.entries.get(key) ?? null;
          }
        }
      `,
      errors: [{ line: 7, column: 5 }],
    },
    {
      name: 'a wrapped function writing a module variable before returning a loop variable that may be null',
      code: `
        ${IMPORTS}
        interface Item { readonly next: Item | null; readonly key: string }
        let searches = 0;
        export const find = allowErrorInjection(EI_TYPE_NULL, function find(head: Item | null, key: string): Item | null {
          searches++;
          let cur = head;
          while (cur !== null && cur.key !== key) cur = cur.next;
          return cur;
        });
      `,
      errors: [{ line: 5, column: 3 }],
    },
  ],
});
