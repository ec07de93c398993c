import picocolors from 'picocolors';

/** What the one-line summary on stderr tells. */
export interface SummaryFacts {
  /** The errors reported. */
  readonly errors: number;
  /** The warnings reported (none under `--quiet`). */
  readonly warnings: number;
  /** `--quiet`: errors only. */
  readonly quiet: boolean;
  /** The warnings `--quiet` left out. */
  readonly hiddenWarnings: number;
  /** How many files were linted. */
  readonly fileCount: number;
  /** `-o/--output-file` as given, when the report went there. */
  readonly outputFile: string | undefined;
  readonly color: boolean;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The line ei-lint writes on stderr for a person at a terminal when the report itself says nothing
 * there: `✔ no problems (12 files)` after a clean `stylish` run, and, when the report went to a
 * file, the count and where it went (`✖ 3 problems (2 errors, 1 warning); report in out.sarif`).
 * Under `--quiet` it counts errors, and says how many warnings were left out.
 *
 * @param facts - the counts, the output file and whether to colour
 * @returns the line, with its newline
 */
export function summaryLine(facts: SummaryFacts): string {
  const c = picocolors.createColors(facts.color);
  const files = plural(facts.fileCount, 'file');
  const left = facts.hiddenWarnings > 0 ? `--quiet left out ${plural(facts.hiddenWarnings, 'warning')}` : '';
  let count: string;
  if (facts.quiet) {
    count =
      facts.errors === 0
        ? `${c.green('✔')} no errors (${files}${left === '' ? '' : `; ${left}`})`
        : `${c.red('✖')} ${plural(facts.errors, 'error')}${left === '' ? '' : ` (${left})`}`;
  } else {
    const problems = facts.errors + facts.warnings;
    count =
      problems === 0
        ? `${c.green('✔')} no problems (${files})`
        : `${(facts.errors > 0 ? c.red : c.yellow)('✖')} ${plural(problems, 'problem')} (${plural(facts.errors, 'error')}, ${plural(facts.warnings, 'warning')})`;
  }
  return `${count}${facts.outputFile === undefined ? '' : `; report in ${facts.outputFile}`}\n`;
}
