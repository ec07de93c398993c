import * as path from 'node:path';
import { expect } from 'chai';
import { resolveConfig } from '../../../src/config/resolveConfig';
import { lintSources } from '../../../src/engine/lintSources';
import type { LintConfigInput } from '../../../src/config/LintConfig';
import { besideFiles, dedent, ruleTester } from '../../support/ruleTester';

/**
 * A marked function's result that escapes into `any` (issue 11, pattern 9): returned where the
 * declared or contextual return type is `any` (a `StateField<any>`'s `init`), stored in an `any`
 * property, or passed to a parameter typed `any`, where the type system no longer follows the
 * failure into the place that cannot take it. A warning, not an error: the value may never be used
 * as a success. `unknown`, a type parameter and a formatter's `...args: any[]` are not escapes.
 */
const SCHEMA = `
  import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';

  export interface Node { readonly size: number }
  export class Schema {
    @AllowErrorInjection(EI_TYPE_NULL) createAndFill(): Node | null { return { size: 1 }; }
    @AllowErrorInjection(EI_TYPE_ERRNO) pos(n: number): number { return n; }
  }
  export const schema = new Schema();
  export interface StateField<T> { init(config: { doc?: Node }): T; apply(tr: unknown, value: T): T }
  export class Plugin<T> { constructor(readonly spec: { state?: StateField<T> }) {} }
  export function memo<T>(compute: () => T): T { return compute(); }
  export function sink(value: any): void { void value; }
  export function keep(value: unknown): void { void value; }
  export function log(message?: any, ...rest: any[]): void { void message; void rest; }
`;

const { valid, invalid } = besideFiles({ 'schema.ts': SCHEMA });

const ISSUE_CASE = `
  import { Plugin, schema } from './schema';
  export const plugin = new Plugin<any>({
    state: {
      init(config) { return config.doc || schema.createAndFill(); },
      apply(tr, value) { return value; },
    },
  });
`;

ruleTester('ei/unchecked-call', {
  valid: [
    valid({
      name: 'returned through a StateField typed with the result\'s own type',
      code: `
        import { Plugin, schema, type Node } from './schema';
        export const plugin = new Plugin<Node | null>({
          state: {
            init(config) { return config.doc || schema.createAndFill(); },
            apply(tr, value) { return value; },
          },
        });
      `,
    }),
    valid({
      name: 'returned where unknown is expected',
      code: `
        import { schema } from './schema';
        export function a(): unknown { return schema.createAndFill(); }
      `,
    }),
    valid({
      name: 'returned from a callback whose return type is a type parameter, inferred from the result',
      code: `
        import { memo, schema } from './schema';
        export const node = memo(() => schema.createAndFill());
      `,
    }),
    valid({
      name: 'checked before it is returned where any is expected',
      code: `
        import { schema } from './schema';
        export function a(): any {
          const node = schema.createAndFill();
          if (node === null) throw new Error('no node');
          return node;
        }
      `,
    }),
    valid({
      name: 'passed to a formatter of ...any[], directly and through a variable',
      code: `
        import { log, schema } from './schema';
        export function a(): void {
          log(schema.createAndFill());
          const pos = schema.pos(1);
          log('position', pos);
          console.log(schema.pos(2));
        }
      `,
    }),
    valid({
      name: 'returned from a function that is itself marked, into any',
      code: `
        import { AllowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
        import { schema } from './schema';
        export class Wrapper {
          @AllowErrorInjection(EI_TYPE_NULL) node(): any { return schema.createAndFill(); }
        }
      `,
    }),
  ],
  invalid: [
    invalid({
      name: 'returned through a StateField<any> by an object literal method (the issue\'s case)',
      code: ISSUE_CASE,
      errors: [{ line: 4, column: 41 }],
    }),
    invalid({
      name: 'returned through an arrow whose contextual return type is any',
      code: `
        import { Plugin, schema } from './schema';
        export const plugin = new Plugin<any>({ state: { init: () => schema.createAndFill(), apply: (tr, value) => value } });
      `,
      errors: [{ line: 2, column: 62 }],
    }),
    invalid({
      name: 'returned by an object literal method or an optional callback whose contextual return type is void: lost, an error',
      code: `
        import { schema } from './schema';
        export function on(handlers: { close(): void }, done?: () => void): void { handlers.close(); done?.(); }
        on({ close() { return schema.pos(1); } }, () => schema.pos(2));
      `,
      errors: [
        { line: 3, column: 23 },
        { line: 3, column: 49 },
      ],
    }),
    invalid({
      name: 'returned where any is declared, directly and through a variable',
      code: `
        import { schema } from './schema';
        export function a(): any { return schema.createAndFill(); }
        export async function b(): Promise<any> {
          const pos = schema.pos(1);
          return pos;
        }
      `,
      errors: [
        { line: 2, column: 35 },
        { line: 4, column: 15 },
      ],
    }),
    invalid({
      name: 'stored in an any field, directly and through a variable',
      code: `
        import { schema } from './schema';
        export class View {
          doc: any;
          at: any;
          update(): void {
            this.doc = schema.createAndFill();
            const pos = schema.pos(1);
            this.at = pos;
          }
        }
      `,
      errors: [
        { line: 6, column: 16 },
        { line: 7, column: 17 },
      ],
    }),
    invalid({
      name: 'passed to a parameter typed any, directly and through a variable',
      code: `
        import { schema, sink } from './schema';
        export function a(): string {
          sink(schema.createAndFill());
          const pos = schema.pos(1);
          return JSON.stringify(pos);
        }
      `,
      errors: [
        { line: 3, column: 8 },
        { line: 4, column: 15 },
      ],
    }),
    invalid({
      name: 'escaping into any, then used: the use is the finding',
      code: `
        import { schema, sink } from './schema';
        export function a(): number {
          const node = schema.createAndFill();
          sink(node);
          return node.size;
        }
      `,
      errors: [{ line: 3, column: 16 }],
    }),
    invalid({
      name: 'passed to a parameter typed unknown: a use, as before',
      code: `
        import { keep, schema } from './schema';
        export function a(): void {
          keep(schema.createAndFill());
        }
      `,
      errors: [{ line: 3, column: 8 }],
    }),
  ],
});

const BASE_DIR = path.resolve(__dirname, '..', '..', 'support', 'virtual');

function lintWith(code: string, rules: LintConfigInput['rules']): Array<[string, number, string]> {
  const findings = lintSources({ 'schema.ts': dedent(SCHEMA), 'case.ts': dedent(code) }, { baseDir: BASE_DIR, config: resolveConfig(rules === undefined ? {} : { rules }) });
  return findings.filter((f) => f.ruleId === 'ei/unchecked-call').map((f) => [path.basename(f.file), f.line, f.severity]);
}

describe('ei/unchecked-call severity of a result escaping into any', () => {
  const code = `${ISSUE_CASE}
    export function b(): number { return schema.pos(1) + 1; }
  `;

  describe('when the configuration does not set the rule', () => {
    it('should report the escape as a warning and a use as an error', () => {
      // Act
      const findings = lintWith(code, undefined);

      // Assert
      expect(findings).to.deep.equal([
        ['case.ts', 4, 'warning'],
        ['case.ts', 9, 'error'],
      ]);
    });
  });

  describe('when the configuration sets the rule to "error"', () => {
    it('should report both as errors', () => {
      // Act
      const findings = lintWith(code, { 'ei/unchecked-call': 'error' });

      // Assert
      expect(findings).to.deep.equal([
        ['case.ts', 4, 'error'],
        ['case.ts', 9, 'error'],
      ]);
    });
  });

  describe('when the configuration sets the rule to "warn"', () => {
    it('should report both as warnings', () => {
      // Act
      const findings = lintWith(code, { 'ei/unchecked-call': 'warn' });

      // Assert
      expect(findings).to.deep.equal([
        ['case.ts', 4, 'warning'],
        ['case.ts', 9, 'warning'],
      ]);
    });
  });

  describe('when the configuration sets another rule only', () => {
    it('should keep the escape a warning', () => {
      // Act
      const findings = lintWith(code, { 'ei/release-function': 'error' });

      // Assert
      expect(findings.map(([, line, severity]) => [line, severity])).to.deep.equal([
        [4, 'warning'],
        [9, 'error'],
      ]);
    });
  });
});
