import { besideFiles, ruleTester } from '../../support/ruleTester';

/**
 * Pattern 5 of issue 11: a negative errno checked after it flows. `Math.min` keeps a negative
 * argument (the minimum is at most it), so `min = Math.min(min, f()); if (min < 0) return` checks
 * `f()`; `Math.max` can hide it. A result assigned in the branches of an `if`/`else` is checked
 * once they join.
 */
const STORE = `
  import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';

  export class Doc {
    @AllowErrorInjection(EI_TYPE_ERRNO) position(at: number): number { return at; }
    @AllowErrorInjection(EI_TYPE_ERRNO) positionBack(at: number): number { return -at; }
  }

  export function use(value: number): void { void value; }
`;

const { validCode: valid, invalidCode: invalid } = besideFiles({ 'store.ts': STORE }, { experimentalDecorators: true });

ruleTester('ei/unchecked-call', {
  valid: [
    valid(
      '`min = Math.min(min, f())` in a loop, then `min < 0` (the issue\'s example)',
      `
        import { Doc, use } from './store';
        export function nearest(doc: Doc, targets: readonly number[]): number {
          let min = Infinity;
          for (const target of targets) {
            min = Math.min(min, doc.position(target));
          }
          if (min < 0) return min;
          use(min);
          return 0;
        }
      `,
    ),
    valid(
      'two results in one `Math.min`, then `< 0`',
      `
        import { Doc, use } from './store';
        export function span(doc: Doc, from: number, to: number): number {
          const first = Math.min(doc.position(from), doc.position(to));
          if (first < 0) return first;
          use(first);
          return 0;
        }
      `,
    ),
    valid(
      '`Math.min` checked `>= 0` around the use',
      `
        import { Doc, use } from './store';
        export function clamp(doc: Doc, at: number, limit: number): void {
          const end = Math.min(limit, doc.position(at));
          if (end >= 0) use(end);
        }
      `,
    ),
    valid(
      'assigned in both branches of an if/else, checked `< 0` after they join',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, forward: boolean): number {
          let pos: number;
          if (forward) pos = doc.position(at);
          else pos = doc.positionBack(at);
          if (pos < 0) return pos;
          use(pos);
          return 0;
        }
      `,
    ),
    valid(
      'assigned in the blocks of an if/else to an untyped let, checked `< 0` after they join',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, forward: boolean): number {
          let pos;
          if (forward) {
            pos = doc.position(at);
          } else {
            pos = doc.positionBack(at);
          }
          if (pos < 0) return pos;
          use(pos);
          return 0;
        }
      `,
    ),
    valid(
      'assigned in one branch over a checked default, checked after the join',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, back: boolean): number {
          let pos = doc.position(at);
          if (back) pos = doc.positionBack(at);
          if (pos < 0) return pos;
          use(pos);
          return 0;
        }
      `,
    ),
    valid(
      '`Math.min` through a ternary branch, checked `< 0`',
      `
        import { Doc, use } from './store';
        export function pick(doc: Doc, at: number, both: boolean): number {
          const pos = both ? Math.min(doc.position(at), doc.positionBack(at)) : doc.position(at);
          if (pos < 0) return pos;
          use(pos);
          return 0;
        }
      `,
    ),
    valid(
      'assigned in an else-if chain, checked `< 0` after it',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, mode: number): number {
          let pos = 0;
          if (mode === 1) pos = doc.position(at);
          else if (mode === 2) pos = doc.positionBack(at);
          else pos = at;
          if (pos < 0) return pos;
          use(pos);
          return 0;
        }
      `,
    ),
    valid(
      'assigned in the clauses of a switch, checked `< 0` after it',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, mode: number): number {
          let pos: number;
          switch (mode) {
            case 1:
              pos = doc.position(at);
              break;
            default:
              pos = doc.positionBack(at);
          }
          if (pos < 0) return pos;
          use(pos);
          return 0;
        }
      `,
    ),
    valid(
      'the errno moved into an error local: `const err = pos < 0 ? pos : 0; if (err) return err`',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number): number {
          const pos = doc.position(at);
          const err = pos < 0 ? pos : 0;
          if (err) return err;
          use(pos);
          return 0;
        }
      `,
    ),
    valid(
      'assigned in the branches inside a try block, checked `>= 0` with the use in its branch after the join',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, forward: boolean): number {
          let pos = -1;
          try {
            if (forward) {
              pos = doc.position(at);
            } else if (at > 0) {
              pos = doc.positionBack(at);
            }
          } finally {
            use(0);
          }
          if (pos >= 0) {
            use(pos);
            return 0;
          } else {
            return pos;
          }
        }
      `,
    ),
    valid(
      'assigned in the inner else of an outer else, checked `< 0` where the inner branches join (prosemirror-view selectionFromDOM)',
      `
        import { Doc, use } from './store';
        export function anchor(doc: Doc, at: number, collapsed: boolean, many: boolean): number {
          let pos: number;
          if (collapsed) {
            pos = at;
          } else {
            if (many) {
              pos = at + 1;
            } else {
              pos = doc.position(at);
            }
            if (pos < 0) return pos;
          }
          use(pos);
          return 0;
        }
      `,
    ),
  ],
  invalid: [
    invalid(
      '`Math.max(…, f())` then `< 0`: the maximum can hide the negative errno',
      `
        import { Doc, use } from './store';
        export function farthest(doc: Doc, targets: readonly number[]): number {
          let max = -1;
          for (const target of targets) {
            max = Math.max(max, doc.position(target));
          }
          if (max < 0) return max;
          use(max);
          return 0;
        }
      `,
      [[5, 25]],
    ),
    invalid(
      '`Math.min` checked `> 0`, which takes a negative errno for success',
      `
        import { Doc, use } from './store';
        export function nearest(doc: Doc, targets: readonly number[]): void {
          let min = Infinity;
          for (const target of targets) min = Math.min(min, doc.position(target));
          if (min > 0) use(min);
        }
      `,
      [[4, 53]],
    ),
    invalid(
      '`Math.min` used before the check',
      `
        import { Doc, use } from './store';
        export function nearest(doc: Doc, targets: readonly number[]): number {
          let min = Infinity;
          for (const target of targets) min = Math.min(min, doc.position(target));
          use(min);
          if (min < 0) return min;
          return 0;
        }
      `,
      [[4, 53]],
    ),
    invalid(
      '`Math.min` never checked',
      `
        import { Doc, use } from './store';
        export function nearest(doc: Doc, from: number, to: number): void {
          use(Math.min(doc.position(from), to));
        }
      `,
      [[3, 16]],
    ),
    invalid(
      'the errno moved into an error local on a narrower test: `err = pos < -1 ? pos : 0` misses -1',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number): number {
          const pos = doc.position(at);
          const err = pos < -1 ? pos : 0;
          if (err) return err;
          use(pos);
          return 0;
        }
      `,
      [[3, 15]],
    ),
    invalid(
      'assigned in a loop body and checked there with `break`, which leaves the loop with the errno',
      `
        import { Doc, use } from './store';
        export function scan(doc: Doc, targets: readonly number[]): number {
          let pos = 0;
          for (const target of targets) {
            if (target > 0) {
              pos = doc.position(target);
            }
            if (pos < 0) break;
          }
          use(pos);
          return 0;
        }
      `,
      [[6, 13]],
    ),
    invalid(
      'the if/else assignments checked in one branch only',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, forward: boolean): number {
          let pos: number;
          if (forward) {
            pos = doc.position(at);
            if (pos < 0) return pos;
          } else {
            pos = doc.positionBack(at);
          }
          use(pos);
          return 0;
        }
      `,
      [[8, 11]],
    ),
    invalid(
      'the if/else assignments used before they are checked',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, forward: boolean): number {
          let pos: number;
          if (forward) pos = doc.position(at);
          else pos = doc.positionBack(at);
          use(pos);
          if (pos < 0) return pos;
          return 0;
        }
      `,
      [
        [4, 22],
        [5, 14],
      ],
    ),
    invalid(
      'the if/else assignments checked `> 0` after the join',
      `
        import { Doc, use } from './store';
        export function step(doc: Doc, at: number, forward: boolean): void {
          let pos: number;
          if (forward) pos = doc.position(at);
          else pos = doc.positionBack(at);
          if (pos > 0) use(pos);
        }
      `,
      [
        [4, 22],
        [5, 14],
      ],
    ),
  ],
});
