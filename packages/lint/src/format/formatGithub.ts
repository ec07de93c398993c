import type { Finding } from '../finding/Finding';
import type { FormatOptions } from './FormatOptions';
import { relativePath } from './relativePath';

/** Escapes a workflow command's message, as the runner reads it: `%`, CR and LF. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value: as a message, and `:` and `,` too. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation a finding, with its
 * file (relative to the working directory, which in a workflow is the checkout), its span, and the
 * rule id as the title.
 *
 * @param findings - the findings
 * @param options - the working directory
 * @returns one line a finding; empty when there is none
 */
export function formatGithub(findings: readonly Finding[], options: FormatOptions): string {
  return findings
    .map((f) => {
      const properties = [
        `file=${escapeProperty(relativePath(f.file, options.cwd))}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.ruleId)}`,
      ];
      return `::${f.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(f.message)}\n`;
    })
    .join('');
}
