import { expect } from 'chai';
import { besideFiles, lintCase, ruleTester } from '../../support/ruleTester';

/**
 * An ERRNO function's result tested only for null, which it never fails with (issue 11, pattern 8):
 * the test shows the failure taken for null, and a negative errno goes on as a success, whether it
 * is then used, returned, stored or copied. Tested for both, or for the errno, it is checked.
 */
const DOC = `
  import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, type ErrPtr } from '@errinject/core';

  export interface Node { readonly size: number }
  export class Doc {
    @AllowErrorInjection(EI_TYPE_ERRNO) pos(n: number): number { return n; }
    @AllowErrorInjection(EI_TYPE_ERRNO_NULL) find(n: number): number | null { return n; }
    @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true }) node(): Node | ErrPtr { return { size: 1 }; }
    @AllowErrorInjection(EI_TYPE_ERRNO) maybe(n: number): number | undefined { return n; }
  }
  export const doc = new Doc();
  export function use(n: number): number { return n; }
`;

const { valid, invalid } = besideFiles({ 'doc.ts': DOC });

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'ERRNO tested for null and for the errno in one condition',
      code: `
        import { doc, use } from './doc';
        export function a(): number {
          const pos = doc.pos(1);
          if (pos == null || pos < 0) return -1;
          return use(pos);
        }
      `,
    }),
    valid({
      name: 'ERRNO tested for null, then for the errno, then returned',
      code: `
        import { doc } from './doc';
        export function a(): number {
          const pos = doc.pos(1);
          if (pos == null) throw new Error('no position');
          if (pos < 0) return pos;
          return pos;
        }
      `,
    }),
    valid({
      name: 'ERRNO_NULL tested for both, then returned',
      code: `
        import { doc } from './doc';
        export function a(): number {
          const pos = doc.find(1);
          if (pos === null || pos < 0) return -1;
          return pos;
        }
      `,
    }),
    valid({
      name: 'ERRNO returned without any test: propagation',
      code: `
        import { doc } from './doc';
        export function a(): number {
          const pos = doc.pos(1);
          return pos;
        }
      `,
    }),
    valid({
      name: 'ERRNO tested for null inside the failure branch',
      code: `
        import { doc } from './doc';
        export function a(): number {
          const pos = doc.pos(1);
          if (pos < 0) {
            if (pos == null) throw new Error('impossible');
            return pos;
          }
          return 0;
        }
      `,
    }),
    valid({
      name: 'ERRNO whose type holds undefined, tested == null (a success) and returned where the type keeps the errno',
      code: `
        import { doc } from './doc';
        export function a(): number | undefined {
          const pos = doc.maybe(1);
          if (pos == null) return undefined;
          return pos;
        }
      `,
    }),
    valid({
      name: 'ERRNO kept in a variable typed with null, tested for it and returned',
      code: `
        import { doc } from './doc';
        export function a(first: boolean): number | null {
          let pos: number | null = null;
          if (first) pos = doc.pos(1);
          if (pos === null) return null;
          return pos;
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'ERRNO tested == null, thrown, then returned',
      code: `
        import { doc } from './doc';
        export function a(): number {
          const pos = doc.pos(1);
          if (pos == null) throw new Error('no position');
          return pos;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'ERRNO tested === null, -1 returned, then used',
      code: `
        import { doc, use } from './doc';
        export function a(): number {
          const pos = doc.pos(1);
          if (pos === null) return -1;
          use(pos);
          return 0;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'ERRNO tested for null, then stored in a field',
      code: `
        import { doc } from './doc';
        export class View {
          at = 0;
          update(): void {
            const pos = doc.pos(1);
            if (pos == null) return;
            this.at = pos;
          }
        }
      `,
      errors: [{ line: 5, column: 17 }],
    }),
    invalid({
      name: 'ERRNO tested for null, then copied and returned',
      code: `
        import { doc } from './doc';
        export function a(): number {
          const pos = doc.pos(1);
          if (!pos && pos !== 0) return -1;
          const at = pos;
          return at;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
    invalid({
      name: 'ERRNO given a default with ??, directly and through a variable',
      code: `
        import { doc } from './doc';
        export function a(): number {
          return doc.pos(1) ?? 0;
        }
        export function b(): number {
          const pos = doc.pos(1);
          return pos ?? 0;
        }
      `,
      errors: [
        { line: 3, column: 10 },
        { line: 6, column: 15 },
      ],
    }),
    invalid({
      name: 'ERRNO read with ?., directly and through a variable',
      code: `
        import { doc } from './doc';
        export function a(): string | undefined {
          return doc.pos(1)?.toString();
        }
        export function b(): string | undefined {
          const pos = doc.pos(1);
          return pos?.toString();
        }
      `,
      errors: [
        { line: 3, column: 10 },
        { line: 6, column: 15 },
      ],
    }),
    invalid({
      name: 'ERRNO in the ErrPtr form tested for null, then returned',
      code: `
        import { doc, type Node } from './doc';
        import type { ErrPtr } from '@errinject/core';
        export function a(): Node | ErrPtr {
          const node = doc.node();
          if (node == null) throw new Error('no node');
          return node;
        }
      `,
      errors: [{ line: 4, column: 16 }],
    }),
    invalid({
      name: 'ERRNO_NULL tested only for null, then returned where a number is expected',
      code: `
        import { doc } from './doc';
        export function a(): number {
          const pos = doc.find(1);
          if (pos == null) throw new Error('no position');
          return pos;
        }
      `,
      errors: [{ line: 3, column: 15 }],
    }),
  ],
});

describe('ei/unchecked-call on an errno compared with another number', () => {
  it('should not call the comparison a test for null', () => {
    // Arrange: the other number rules out null, as it rules out every other non-number
    const testCase = valid({
      name: 'message',
      code: `
        import { doc } from './doc';
        export function changes(values: readonly number[]): number {
          let last = doc.pos(1);
          let count = 0;
          for (const current of values) {
            if (current !== last) {
              last = current;
              count++;
            }
          }
          return count;
        }
      `,
    });

    // Act
    const [finding] = lintCase('ei/unchecked-call', testCase);

    // Assert
    expect(finding?.message).to.equal(
      'the result of Doc.pos (ERRNO: fails with a negative errno) is checked in a way that does not tell its failure from success; compare it `< 0` (or return it)',
    );
  });
});
