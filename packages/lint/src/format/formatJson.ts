import type { Finding } from '../finding/Finding';
import type { FormatOptions } from './FormatOptions';
import { relativePath } from './relativePath';

/** One finding as `--format json` prints it. */
export interface JsonFinding {
  readonly ruleId: Finding['ruleId'];
  readonly severity: Finding['severity'];
  /** Relative to the working directory. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
}

/**
 * The machine format: exactly one JSON array of `{ ruleId, severity, file, line, column, message }`,
 * `file` relative to the working directory, `line` and `column` 1-based; `[]` when nothing was found.
 *
 * @param findings - the findings
 * @param options - the working directory
 * @returns the array, on one line, with a final newline
 */
export function formatJson(findings: readonly Finding[], options: FormatOptions): string {
  const rows: JsonFinding[] = findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    file: relativePath(f.file, options.cwd),
    line: f.line,
    column: f.column,
    message: f.message,
  }));
  return `${JSON.stringify(rows)}\n`;
}
