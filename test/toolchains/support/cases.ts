/**
 * What a test runner reported, case by case, read from its machine-readable output, and the
 * fixtures every toolchain's test adds to a recipe.
 */

/** One test case as its runner reported it. */
export interface Case {
  /** Its title, without the titles of the suites around it. */
  readonly title: string;
  /** Whether it passed. */
  readonly passed: boolean;
}

/**
 * The cases of a node:test run from its TAP output (the reporter node:test uses when its output is
 * no terminal), leaves only: a subtest's parent is left out.
 *
 * @param tap - the output
 * @returns the cases, in order
 */
export function tapCases(tap: string): Case[] {
  const lines = tap.split('\n');
  const cases: Case[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*)(not ok|ok) \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (match === null) return;
    // A parent's result comes after its subtests', which are indented deeper just above it.
    const indent = (match[1] as string).length;
    const previous = lines.slice(0, index).reverse().find((other) => /^\s*(not ok|ok) \d+ - /.test(other));
    const isParent = previous !== undefined && /^(\s*)/.exec(previous)![1]!.length > indent;
    if (!isParent) cases.push({ title: match[3] as string, passed: match[2] === 'ok' });
  });
  return cases;
}

/** The cases of a vitest or jest JSON report (`--reporter=json` / `--json`). */
export function jsonReportCases(json: string): Case[] {
  const report = JSON.parse(json) as { testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }> };
  return report.testResults.flatMap((file) => file.assertionResults.map((result) => ({ title: result.title, passed: result.status === 'passed' })));
}

/** The cases of a mocha JSON report (`--reporter=json`), in the order they ran. */
export function mochaJsonCases(json: string): Case[] {
  // mocha prints the report last; a warning printed before it is not part of it.
  const report = JSON.parse(json.slice(json.indexOf('{\n'))) as { tests: Array<{ title: string; err: object }> };
  return report.tests.map((test) => ({ title: test.title, passed: Object.keys(test.err).length === 0 }));
}

/**
 * A variant of the README's application that forgets to check the read: its sweep's second case
 * must fail, with the `TypeError` the unchecked `null` gives.
 */
export const UNCHECKED_SOURCE = `import { Store } from './store';

export async function load(path: string): Promise<number> {
  const fd = Store.open(path);
  if (fd < 0) return fd;
  const data = await new Store().read(fd);
  return data!.length; // the bug: read may fail
}
`;

/**
 * A recipe's test file, sweeping the unchecked variant instead.
 *
 * @param testSource - the recipe's test file
 * @returns the same file importing `src/unchecked`
 * @throws Error when the file does not import `../src/store`
 */
export function uncheckedTest(testSource: string): string {
  if (!testSource.includes("from '../src/store'")) throw new Error("the recipe's test file does not import '../src/store'");
  return testSource.replace("from '../src/store'", "from '../src/unchecked'");
}

/** The call site of each fault point of `load`, in `src/store.ts` as the README writes it. */
export const OPEN_SITE = 'src/store.ts:17:20';
export const READ_SITE = 'src/store.ts:19:34';

/**
 * Builds the pattern of a case title from its parts: `n=1: Store.open fails at src/store.ts:16:20`.
 * The parts are regular-expression sources; the title must match whole.
 *
 * @param n - the run
 * @param fn - the function that fails, or `undefined` for the run that injects nothing
 * @param site - the call site's pattern
 * @returns the pattern
 */
export function caseTitle(n: number, fn?: string, site?: string): RegExp {
  if (fn === undefined) return new RegExp(`^n=${n}: no fault injected`);
  return new RegExp(`^n=${n}: ${fn} fails at ${site}$`);
}

/** Escapes text for a RegExp. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Checks a run's cases against their expected titles and verdicts, in order.
 *
 * @param cases - what the runner reported
 * @param expected - each case's title pattern and whether it should pass
 * @returns a list of the differences, empty when they agree
 */
export function differences(cases: readonly Case[], expected: ReadonlyArray<readonly [RegExp, boolean]>): string[] {
  const found: string[] = [];
  if (cases.length !== expected.length) found.push(`${cases.length} cases, expected ${expected.length}`);
  expected.forEach(([pattern, passed], index) => {
    const actual = cases[index];
    if (actual === undefined) return;
    if (!pattern.test(actual.title)) found.push(`case ${index + 1}: title ${JSON.stringify(actual.title)} does not match ${pattern}`);
    if (actual.passed !== passed) found.push(`case ${index + 1} (${actual.title}): ${actual.passed ? 'passed' : 'failed'}, expected it to ${passed ? 'pass' : 'fail'}`);
  });
  return found;
}
