/**
 * Stands in for the `ei-lint` bin while the CLI is not built: `node eiLintFallback.js <project>`
 * lints the project with the library's `lintProject`, prints the findings as JSON and exits 1 when
 * there are errors, as `ei-lint -p <project> --format json` does. Loaded by path from
 * `@errinject/lint`'s dist at run time, so the benchmark does not build against the checker.
 */

interface LintLibrary {
  lintProject(options: { tsconfig: string }): { findings: readonly { severity: string }[] };
}

const lint = require('@errinject/lint') as LintLibrary;
const { findings } = lint.lintProject({ tsconfig: process.argv[2] ?? '.' });
process.stdout.write(`${JSON.stringify(findings)}\n`);
process.exitCode = findings.some((finding) => finding.severity === 'error') ? 1 : 0;
