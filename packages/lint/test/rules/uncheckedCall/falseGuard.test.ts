import { expect } from 'chai';
import { besideFiles, lintCase, ruleTester } from '../../support/ruleTester';

/**
 * A `boolean | null` result whose failure is null ("true on success, false on failure, null when
 * cancelled"), guarded with `if (r === false) return …`: the guard takes `false` for the failure,
 * and the real failure, falsy too, gets past it with `true` (found in mobx's
 * `defineProperty_`). A comparison with `false` used as a value maps null on purpose, and a guard
 * that also catches null (`!r`, `|| r === null`) checks it.
 */
const LIB = `
  import { allowErrorInjection, EI_TYPE_NULL, EI_TYPE_TRUE } from '@errinject/core';

  export const remove = allowErrorInjection(EI_TYPE_NULL, function remove(key: string): boolean | null { return key !== ''; });
  export const lookup = allowErrorInjection(function lookup(key: string): number | null { return key.length; });
  export const busy = allowErrorInjection(EI_TYPE_TRUE, function busy(key: string): boolean { return key === ''; });
  export function add(key: string): void { void key; }
`;

const { valid, invalid } = besideFiles({ 'lib.ts': LIB });

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'guarded with a falsy test, which catches null with false',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): boolean | null {
          const removed = remove(key);
          if (!removed) return removed;
          add(key);
          return true;
        }
      `,
    }),
    valid({
      name: 'guarded on false and then on null',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): boolean | null {
          const removed = remove(key);
          if (removed === false) return false;
          if (removed === null) return null;
          add(key);
          return true;
        }
      `,
    }),
    valid({
      name: 'guarded on false or null in one condition',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): boolean | null {
          const removed = remove(key);
          if (removed === false || removed === null) return removed;
          add(key);
          return true;
        }
      `,
    }),
    valid({
      name: 'guarded on false, then passed on where null is kept',
      code: `
        import { remove } from './lib';
        export function removeTwice(key: string): boolean | null {
          const removed = remove(key);
          if (removed === false) throw new Error('not removed');
          return removed;
        }
      `,
    }),
    valid({
      name: 'compared !== false as a value: null is mapped to true on purpose',
      code: `
        import { remove } from './lib';
        export function trap(key: string): boolean {
          return remove(key) !== false;
        }
      `,
    }),
    valid({
      name: 'compared === true: null goes with false',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): boolean {
          if (remove(key) === true) {
            add(key);
            return true;
          }
          return false;
        }
      `,
    }),
    valid({
      name: 'TRUE guarded on false: false is its success',
      code: `
        import { add, busy } from './lib';
        export function claim(key: string): boolean {
          if (busy(key) === false) {
            add(key);
            return true;
          }
          return false;
        }
      `,
    }),
    valid({
      name: 'compared === false in an if that does not leave: the branches are judged by their uses',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): void {
          const removed = remove(key);
          if (removed === false) {
            add(key);
          } else if (removed === null) {
            return;
          }
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'guarded on false only, returning the result (mobx defineProperty_)',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): boolean | null {
          const removed = remove(key);
          if (removed === false) return removed;
          add(key);
          return true;
        }
      `,
      errors: [{ line: 3, column: 19 }],
    }),
    invalid({
      name: 'guarded == false, throwing',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): void {
          if (remove(key) == false) {
            throw new Error('not removed');
          }
          add(key);
        }
      `,
      errors: [{ line: 3, column: 7 }],
    }),
    invalid({
      name: 'guarded on false with continue, in a loop',
      code: `
        import { add, remove } from './lib';
        export function replaceAll(keys: readonly string[]): void {
          for (const key of keys) {
            const removed = remove(key);
            if (removed === false) continue;
            add(key);
          }
        }
      `,
      errors: [{ line: 4, column: 21 }],
    }),
    invalid({
      name: 'guarded on false inside an or',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string, readonly: boolean): boolean {
          const removed = remove(key);
          if (readonly || removed === false) return false;
          add(key);
          return true;
        }
      `,
      errors: [{ line: 3, column: 19 }],
    }),
    invalid({
      name: 'guarded false === (operands swapped)',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): boolean {
          const removed = remove(key);
          if (false === removed) return false;
          add(key);
          return true;
        }
      `,
      errors: [{ line: 3, column: 19 }],
    }),
  ],
});

describe('ei/unchecked-call on a guard that leaves on false', () => {
  it('should say that null gets past the guard', () => {
    // Arrange
    const testCase = valid({
      name: 'message',
      code: `
        import { add, remove } from './lib';
        export function replace(key: string): boolean | null {
          const removed = remove(key);
          if (removed === false) return removed;
          add(key);
          return true;
        }
      `,
    });

    // Act
    const [finding] = lintCase('ei/unchecked-call', testCase);

    // Assert
    expect(finding?.message).to.equal(
      'the result of remove (NULL: fails with null) is checked only against `false`, which null, falsy too, gets past with `true`; compare it with null, test it, or use `?.` or `??` (or return it)',
    );
  });
});
