import { besideFiles, ruleTester, type InvalidCase } from '../../support/ruleTester';

/**
 * Pattern 1 of issue 11: a result checked through another local derived from it. `t = r && e`,
 * `r ? e : null`, `r?.x`, `r && r.x` cannot be non-null (or truthy) unless `r` was; a test that
 * excludes `t`'s value when `r` fails excludes `r`'s failure too. An aliased condition
 * (`const ok = r !== null`) tells what its condition does.
 */
const STORE = `
  import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_NULL } from '@errinject/core';

  export interface Range { readonly from: number; readonly to: number; readonly parent: Range | null }
  export interface Node { readonly size: number; readonly nodeBefore: Node | null; readonly after?: Node }

  export class Doc {
    @AllowErrorInjection(EI_TYPE_NULL) blockRange(at: number): Range | null { return at < 0 ? null : { from: at, to: at, parent: null }; }
    @AllowErrorInjection(EI_TYPE_NULL) findCut(at: number): Node | null { return at < 0 ? null : { size: at, nodeBefore: null }; }
    @AllowErrorInjection(EI_TYPE_NULL) maybeNode(at: number): Node | undefined { return at < 0 ? undefined : { size: at, nodeBefore: null }; }
    @AllowErrorInjection(EI_TYPE_ERRNO) position(at: number): number { return at; }
    @AllowErrorInjection(EI_TYPE_ERRNO_NULL) index(at: number): number | null { return at; }
  }

  export function liftTarget(range: Range): number | null { return range.from > 0 ? range.from : null; }
  export function describe(range: Range | null): string | null { return range === null ? 'none' : null; }
  export function use(value: unknown): void { void value; }
  export function size(node: Node): number { return node.size; }
`;

const LEGACY = { experimentalDecorators: true };

const { validCode: valid, invalidCode } = besideFiles({ 'store.ts': STORE }, LEGACY);

/** A case with one finding, at the call on `line`, `column`. */
function invalid(name: string, code: string, line: number, column: number): InvalidCase {
  return invalidCode(name, code, [[line, column]]);
}

ruleTester('ei/unchecked-call', {
  valid: [
    valid(
      '`t = r && b(r)` tested `== null`, then `r!` (the issue\'s first example)',
      `
        import { Doc, liftTarget, use } from './store';
        export function lift(doc: Doc, at: number): void {
          const range = doc.blockRange(at);
          const target = range && liftTarget(range);
          if (target == null) return;
          use(range!.from + target);
        }
      `,
    ),
    valid(
      '`t = r && r.x` tested for truthiness, then `r!` (the issue\'s second example)',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number): number {
          const $cut = doc.findCut(at);
          const node = $cut && $cut.nodeBefore;
          if (!node) return 0;
          return size($cut!) + size(node);
        }
      `,
    ),
    valid(
      'a plain use of r after the test of `t = r && r.x`',
      `
        import { Doc, use } from './store';
        export function join(doc: Doc, at: number): void {
          const cut = doc.findCut(at);
          const before = cut && cut.nodeBefore;
          if (!before) return;
          use(cut);
        }
      `,
    ),
    valid(
      '`t = r?.x` tested `=== undefined` (r null gives undefined)',
      `
        import { Doc, size } from './store';
        export function before(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          const inner = cut?.nodeBefore?.size;
          if (inner === undefined) return -1;
          return size(cut!) + inner;
        }
      `,
    ),
    valid(
      '`t = r ? e : null` tested `!== null`, the use inside its branch',
      `
        import { Doc, liftTarget, use } from './store';
        export function lift(doc: Doc, at: number): void {
          const range = doc.blockRange(at);
          const target = range ? liftTarget(range) : null;
          if (target !== null) {
            use(range!.to + target);
          }
        }
      `,
    ),
    valid(
      'an aliased condition, as TypeScript 4.4 narrows it: `const ok = r !== null; if (!ok) return`',
      `
        import { Doc, size } from './store';
        export function measure(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          const ok = cut !== null;
          if (!ok) return 0;
          return size(cut!);
        }
      `,
    ),
    valid(
      'an aliased errno condition: `const failed = pos < 0; if (failed) return pos`',
      `
        import { Doc, use } from './store';
        export function move(doc: Doc, at: number): number {
          const pos = doc.position(at);
          const failed = pos < 0;
          if (failed) return pos;
          use(pos + 1);
          return 0;
        }
      `,
    ),
    valid(
      'a chain of derived locals: `a = r && r.x; b = a && a.y`',
      `
        import { Doc, size } from './store';
        export function deep(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          const first = cut && cut.nodeBefore;
          const second = first && first.nodeBefore;
          if (second == null) return 0;
          return size(cut!);
        }
      `,
    ),
    valid(
      'the derived local tested inside a compound condition that leaves',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number, force: boolean): number {
          const cut = doc.findCut(at);
          const node = cut && cut.nodeBefore;
          if (!force || !node) return 0;
          return force ? size(cut!) : 0;
        }
      `,
    ),
    valid(
      'a `let` derived local never written again',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          let node = cut && cut.nodeBefore;
          if (!node) return 0;
          return size(cut!);
        }
      `,
    ),
    valid(
      'a failure typed `undefined`: `t = r && r.x` tested `== null`',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number): number {
          const found = doc.maybeNode(at);
          const node = found && found.nodeBefore;
          if (node == null) return 0;
          return size(found!);
        }
      `,
    ),
    valid(
      'ERRNO_NULL: an aliased condition that excludes null and the errno',
      `
        import { Doc, use } from './store';
        export function get(doc: Doc, at: number): void {
          const index = doc.index(at);
          const ok = index !== null && index >= 0;
          if (!ok) return;
          use(index! + 1);
        }
      `,
    ),
    valid(
      '`t = r?.x ?? null` tested `=== null` (r null gives undefined, then null)',
      `
        import { Doc, size } from './store';
        export function before(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          const inner = cut?.nodeBefore ?? null;
          if (inner === null) return 0;
          return size(cut!) + size(inner);
        }
      `,
    ),
    valid(
      '`t = r ? r.size : 0` tested for truthiness (r null gives 0)',
      `
        import { Doc, size } from './store';
        export function measure(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          let width = cut ? cut.size : 0;
          if (!width) return 0;
          return size(cut!) * width;
        }
      `,
    ),
    valid(
      '`t = r !== null ? "yes" : void 0` tested `!== undefined`',
      `
        import { Doc, size } from './store';
        export function label(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          let text = cut !== null ? 'yes' : void 0;
          if (text !== undefined) return size(cut!) + text.length;
          return 0;
        }
      `,
    ),
    valid(
      'a negated alias in a `let`: `let missing = !r; if (missing) return`',
      `
        import { Doc, size } from './store';
        export function measure(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          let missing = !cut;
          if (missing) return 0;
          return size(cut!);
        }
      `,
    ),
    valid(
      '`t = r || null` tested `=== null` (r null gives the fallback null)',
      `
        import { Doc, size } from './store';
        export function measure(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          let found = cut || null;
          if (found === null) return 0;
          return size(cut!);
        }
      `,
    ),
    valid(
      'the derived local tested in a callback, r and the local never written (prosemirror-view updateChildren)',
      `
        import { Doc, size } from './store';
        export function sizes(doc: Doc, at: number, items: readonly number[]): number[] {
          let cut = doc.findCut(at);
          let inChild = cut && cut.size < 0;
          return items.map((item) => (inChild && item > 0 ? size(cut!) : 0));
        }
      `,
    ),
  ],
  invalid: [
    invalid(
      '`t = r || x` tested: r may still be null',
      `
        import { Doc, size, type Node } from './store';
        export function join(doc: Doc, at: number, fallback: Node): number {
          const cut = doc.findCut(at);
          const node = cut || fallback;
          if (!node) return 0;
          return size(cut!);
        }
      `,
      3,
      15,
    ),
    invalid(
      '`t = b(r)` where b accepts null: t says nothing of r',
      `
        import { Doc, describe, use } from './store';
        export function name(doc: Doc, at: number): void {
          const range = doc.blockRange(at);
          const text = describe(range);
          if (!text) return;
          use(range!.from);
        }
      `,
      3,
      17,
    ),
    invalid(
      'r written between the test and the use',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number, again: boolean): number {
          let cut = doc.findCut(at);
          const node = cut && cut.nodeBefore;
          if (!node) return 0;
          if (again) cut = doc.findCut(at + 1);
          return size(cut!);
        }
      `,
      6,
      20,
    ),
    invalid(
      'the derived local written between its definition and the test',
      `
        import { Doc, size, type Node } from './store';
        export function join(doc: Doc, at: number, other: Node | null): number {
          const cut = doc.findCut(at);
          let node = cut && cut.nodeBefore;
          node = other;
          if (!node) return 0;
          return size(cut!);
        }
      `,
      3,
      15,
    ),
    invalid(
      'r written between the derived local and the test',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number): number {
          let cut = doc.findCut(at);
          const node = cut && cut.nodeBefore;
          cut = doc.findCut(at + 1);
          if (!node) return 0;
          return size(cut!);
        }
      `,
      5,
      9,
    ),
    invalid(
      'r written later in a loop around the test: the next turn tests a stale derived local',
      `
        import { Doc, size, type Node } from './store';
        export function walk(doc: Doc, at: number, others: readonly (Node | null)[]): number {
          let cut = doc.findCut(at);
          const node = cut && cut.nodeBefore;
          let total = 0;
          for (const other of others) {
            if (!node) return total;
            total += size(cut!);
            cut = other;
          }
          return total;
        }
      `,
      3,
      13,
    ),
    invalid(
      '`t = r ? r.size : ""` tested `!= null`: the empty string is not nullish',
      `
        import { Doc, size } from './store';
        export function measure(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          let width = cut ? cut.size : '';
          if (width == null) return 0;
          return size(cut!);
        }
      `,
      3,
      15,
    ),
    invalid(
      '`t = r ? r.size : new Object()`: the fallback is truthy',
      `
        import { Doc, size } from './store';
        export function measure(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          let width = cut ? cut.size : new Object();
          if (!width) return 0;
          return size(cut!);
        }
      `,
      3,
      15,
    ),
    invalid(
      'the derived local tested in a callback, r written after it',
      `
        import { Doc, size, type Node } from './store';
        export function sizes(doc: Doc, at: number, items: readonly number[], other: Node | null): number[] {
          let cut = doc.findCut(at);
          const inChild = cut && cut.size < 0;
          const measure = (item: number) => (inChild && item > 0 ? size(cut!) : 0);
          cut = other;
          return items.map(measure);
        }
      `,
      3,
      13,
    ),
    invalid(
      'the test in a branch that does not dominate the use',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number, strict: boolean): number {
          const cut = doc.findCut(at);
          const node = cut && cut.nodeBefore;
          if (strict) {
            if (!node) return 0;
          }
          return size(cut!);
        }
      `,
      3,
      15,
    ),
    invalid(
      '`t = r && r.x` tested `=== undefined`: r null gives null, which that misses',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          const node = cut && cut.nodeBefore?.after;
          if (node === undefined) return 0;
          return size(cut!);
        }
      `,
      3,
      15,
    ),
    invalid(
      '`t = r ? null : e`: t is null on success, non-null says r failed',
      `
        import { Doc, liftTarget } from './store';
        export function lift(doc: Doc, at: number): number {
          const range = doc.blockRange(at);
          const target = range ? null : 1;
          if (target === null) return 0;
          return liftTarget(range!) ?? 0;
        }
      `,
      3,
      17,
    ),
    invalid(
      'ERRNO_NULL: an aliased condition that excludes null only',
      `
        import { Doc, use } from './store';
        export function get(doc: Doc, at: number): void {
          const index = doc.index(at);
          const found = index !== null;
          if (!found) return;
          use(index! + 1);
        }
      `,
      3,
      17,
    ),
    invalid(
      'an aliased `> 0` on an errno: it takes a negative errno for success',
      `
        import { Doc, use } from './store';
        export function move(doc: Doc, at: number): void {
          const pos = doc.position(at);
          const ahead = pos > 0;
          if (!ahead) return;
          use(pos);
        }
      `,
      3,
      15,
    ),
    invalid(
      'the use before the test of the derived local',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          const node = cut && cut.nodeBefore;
          const total = size(cut!);
          if (!node) return 0;
          return total;
        }
      `,
      3,
      15,
    ),
    invalid(
      'the derived local tested where the failure goes on: `if (node) return; use(r!)`',
      `
        import { Doc, size } from './store';
        export function join(doc: Doc, at: number): number {
          const cut = doc.findCut(at);
          const node = cut && cut.nodeBefore;
          if (node) return 0;
          return size(cut!);
        }
      `,
      3,
      15,
    ),
  ],
});
