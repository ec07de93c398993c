import * as path from 'node:path';
import { expect } from 'chai';
import { DEFAULT_CONFIG, type LintConfigInput, type RuleSetting } from '../../src/config/LintConfig';
import { resolveConfig } from '../../src/config/resolveConfig';
import { lintSources } from '../../src/engine/lintSources';
import { RULE_IDS, type Finding, type RuleId } from '../../src/finding/Finding';

/**
 * A table of valid and invalid snippets for one rule, each compiled in memory and linted with
 * only that rule on (typescript-eslint's RuleTester). Snippets are dedented and a leading newline
 * dropped, so line 1 is the snippet's first line. Findings are compared by line and column (and
 * rule id), never by message text.
 */

/** A snippet. */
export interface ValidCase {
  /** What the case shows; the test is named after it. */
  readonly name: string;
  /** The snippet, in `case.ts`. */
  readonly code: string;
  /** More files beside it (`{ 'store.ts': '…' }`), dedented too. */
  readonly files?: Readonly<Record<string, string>>;
  /** Compiler options over strict ES2022, as a tsconfig.json writes them (`{ experimentalDecorators: true, jsx: 'preserve' }`). */
  readonly compilerOptions?: Readonly<Record<string, unknown>>;
  /** Configuration (guards, lock calls); the rule's own setting stays on. */
  readonly config?: Omit<LintConfigInput, 'rules'>;
}

/** Where a finding is expected: in `case.ts` unless `file` says otherwise. */
export interface ExpectedFinding {
  readonly line: number;
  readonly column: number;
  readonly file?: string;
  /** Another rule's id, for the rare case that asserts one (`ei/suppression`). */
  readonly ruleId?: Finding['ruleId'];
}

/** A snippet with findings. */
export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedFinding[];
}

/**
 * Removes a leading newline and the indentation common to every line.
 *
 * @param text - a snippet written indented in a test
 * @returns the snippet as a file holds it
 */
export function dedent(text: string): string {
  const lines = text.replace(/^\r?\n/, '').replace(/\s+$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n') + '\n';
}

/** Where the snippets are placed: imports of `@errinject/core` resolve from here, on disk. */
const BASE_DIR = path.resolve(__dirname, 'virtual');

/**
 * Lints a case with only one rule on.
 *
 * @param ruleId - the rule
 * @param testCase - the case
 * @returns every finding, file names relative to the case's directory
 */
export function lintCase(ruleId: RuleId, testCase: ValidCase): Finding[] {
  const rules = Object.fromEntries(RULE_IDS.map((id) => [id, id === ruleId ? DEFAULT_CONFIG.rules[id] : 'off'])) as Record<RuleId, RuleSetting>;
  const sources: Record<string, string> = { 'case.ts': dedent(testCase.code) };
  for (const [name, text] of Object.entries(testCase.files ?? {})) sources[name] = dedent(text);
  const findings = lintSources(sources, {
    baseDir: BASE_DIR,
    config: resolveConfig({ ...testCase.config, rules }),
    ...(testCase.compilerOptions === undefined ? {} : { compilerOptions: testCase.compilerOptions }),
  });
  return findings.map((finding) => ({ ...finding, file: path.relative(BASE_DIR, finding.file) }));
}

function where(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`).join('\n  ') || '(none)';
}

/**
 * Declares one mocha test per case.
 *
 * @param ruleId - the rule under test
 * @param cases - the table
 */
export function ruleTester(ruleId: RuleId, cases: { readonly valid: readonly ValidCase[]; readonly invalid: readonly InvalidCase[] }): void {
  describe(ruleId, () => {
    describe('when the code is valid', () => {
      for (const testCase of cases.valid) {
        it(`should find nothing: ${testCase.name}`, () => {
          // Act
          const findings = lintCase(ruleId, testCase);

          // Assert
          expect(findings, `findings:\n  ${where(findings)}`).to.deep.equal([]);
        });
      }
    });
    describe('when the code is invalid', () => {
      for (const testCase of cases.invalid) {
        it(`should report ${testCase.errors.length === 1 ? 'it' : `${testCase.errors.length} findings`}: ${testCase.name}`, () => {
          // Act
          const findings = lintCase(ruleId, testCase);

          // Assert
          const actual = findings.map((f) => ({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column }));
          const expected = testCase.errors.map((e) => ({ ruleId: e.ruleId ?? ruleId, file: e.file ?? 'case.ts', line: e.line, column: e.column }));
          expect(actual, `findings:\n  ${where(findings)}`).to.deep.equal(expected);
        });
      }
    });
  });
}

/** Case builders for a table whose snippets all import the same files. */
export interface CaseBuilders {
  /** A valid case, given whole. */
  valid(testCase: ValidCase): ValidCase;
  /** An invalid case, given whole. */
  invalid(testCase: InvalidCase): InvalidCase;
  /** A valid case from its name and snippet. */
  validCode(name: string, code: string): ValidCase;
  /** An invalid case from its name, snippet and findings as `[line, column]` pairs. */
  invalidCode(name: string, code: string, errors: ReadonlyArray<readonly [number, number]>): InvalidCase;
}

/**
 * Builds the cases of a table whose snippets import the same files (and compile with the same
 * options): `const { valid, invalid } = besideFiles({ 'lib.ts': LIB });`.
 *
 * @param files - the files beside each snippet, by name
 * @param compilerOptions - compiler options over strict ES2022, for every case
 * @returns the case builders
 */
export function besideFiles(files: Readonly<Record<string, string>>, compilerOptions?: Readonly<Record<string, unknown>>): CaseBuilders {
  const shared = { files, ...(compilerOptions === undefined ? {} : { compilerOptions }) };
  return {
    valid: (testCase) => ({ ...testCase, ...shared }),
    invalid: (testCase) => ({ ...testCase, ...shared }),
    validCode: (name, code) => ({ name, code, ...shared }),
    invalidCode: (name, code, errors) => ({ name, code, ...shared, errors: errors.map(([line, column]) => ({ line, column })) }),
  };
}
