import { besideFiles, ruleTester } from '../../support/ruleTester';

/**
 * A result written at the end of a loop's body is read first by the loop's condition on the next
 * pass (`for (let p = start; p; ) { …; p = parentOf(p); }`, prosemirror-view's scrollRectIntoView):
 * that condition is the check, although it comes before the write in the source.
 */
const DOM = `
  import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';

  export interface Box { readonly up: Box | null; readonly size: number; readonly fixed: boolean }

  export class Tree {
    @AllowErrorInjection(EI_TYPE_NULL) parentOf(box: Box): Box | null { return box.up; }
  }
`;

const { validCode: valid, invalidCode: invalid } = besideFiles({ 'dom.ts': DOM }, { experimentalDecorators: true });

ruleTester('ei/unchecked-call', {
  valid: [
    valid(
      'written at the end of a `for` body, tested by the condition on the next pass',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box): number {
          let total = 0;
          for (let box: Box | null = start; box; ) {
            total += box.size;
            if (box.fixed) break;
            box = tree.parentOf(box);
          }
          return total;
        }
      `,
    ),
    valid(
      'chosen by `?:` at the end of a `for` body (the prosemirror-view shape)',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box, skip: boolean): number {
          let total = 0;
          for (let box: Box | null = start; box; ) {
            total += box.size;
            box = skip ? box.up : tree.parentOf(box);
          }
          return total;
        }
      `,
    ),
    valid(
      'written in a `while` body, tested by `!= null` in its condition',
      `
        import { Tree, type Box } from './dom';
        export function depth(tree: Tree, start: Box): number {
          let box: Box | null = start;
          let depth = 0;
          while (box != null) {
            depth += box.size;
            box = tree.parentOf(box);
          }
          return depth;
        }
      `,
    ),
    valid(
      'written in a `for` loop\'s update, tested by its condition',
      `
        import { Tree, type Box } from './dom';
        export function depth(tree: Tree, start: Box): number {
          let depth = 0;
          for (let box: Box | null = start; box; box = tree.parentOf(box)) depth += box.size;
          return depth;
        }
      `,
    ),
    valid(
      'tested at the top of the next pass of a `for (;;)` (prosemirror-view\'s scrollRectIntoView), also after `continue`',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box): number {
          let total = 0;
          for (let box: Box | null = start; ; ) {
            if (!box) break;
            if (box.size === 0) { box = tree.parentOf(box); continue; }
            total += box.size;
            box = box.fixed ? box.up : tree.parentOf(box);
          }
          return total;
        }
      `,
    ),
    valid(
      'read on the right of the write that replaces it (`box = box === null ? null : box.up`): the old value is checked there',
      `
        import { Tree, type Box } from './dom';
        export function grandparent(tree: Tree, start: Box): Box | null {
          let box = tree.parentOf(start);
          box = box === null ? null : box.up;
          return box;
        }
      `,
    ),
  ],
  invalid: [
    invalid(
      'the condition misses null (`!== undefined`)',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box): number {
          let total = 0;
          for (let box: Box | null | undefined = start; box !== undefined; ) {
            total += box!.size;
            box = tree.parentOf(box!);
          }
          return total;
        }
      `,
      [[6, 11]],
    ),
    invalid(
      'overwritten before the next pass: the condition never sees it, and nothing else reads it',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box): number {
          let total = 0;
          for (let box: Box | null = start; box; ) {
            total += box.size;
            box = tree.parentOf(box);
            box = start.up;
          }
          return total;
        }
      `,
      [[6, 11]],
    ),
    invalid(
      'used in the body after the write, before the condition tests it',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box): number {
          let total = 0;
          for (let box: Box | null = start; box; ) {
            box = tree.parentOf(box);
            total += box!.size;
          }
          return total;
        }
      `,
      [[5, 11]],
    ),
    invalid(
      'a `for...of` loop has no condition to test it',
      `
        import { Tree, type Box } from './dom';
        export function last(tree: Tree, boxes: readonly Box[]): number {
          let up: Box | null = null;
          for (const box of boxes) {
            up = tree.parentOf(box);
          }
          return up!.size;
        }
      `,
      [[5, 10]],
    ),
    invalid(
      'used at the top of the next pass before any test',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box): number {
          let total = 0;
          for (let box: Box | null = start; ; ) {
            total += box!.size;
            if (!box) break;
            box = tree.parentOf(box);
          }
          return total;
        }
      `,
      [[7, 11]],
    ),
    invalid(
      'the next pass writes it again before its test: the write at the end is never read',
      `
        import { Tree, type Box } from './dom';
        export function height(tree: Tree, start: Box): number {
          let total = 0;
          for (let box: Box | null = start; ; ) {
            box = start.up;
            if (!box) break;
            total += box.size;
            box = tree.parentOf(box);
          }
          return total;
        }
      `,
      [[8, 11]],
    ),
  ],
});
