import picocolors from 'picocolors';
import type { Finding } from '../finding/Finding';
import { codeFrame } from './codeFrame';
import type { FormatOptions } from './FormatOptions';
import { relativePath } from './relativePath';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * The human format (ESLint's `stylish`): findings grouped by file, each with its position,
 * severity, message and rule, and a code frame of the line with carets under the construct at
 * fault; then a summary line. Colours only when `options.color` is set.
 *
 * @param findings - the findings, sorted
 * @param options - the working directory, colours, and how to read a file for its frames
 * @returns the text; empty when there is no finding
 */
export function formatStylish(findings: readonly Finding[], options: FormatOptions): string {
  if (findings.length === 0) return '';
  const c = picocolors.createColors(options.color === true);
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = byFile.get(finding.file);
    if (group === undefined) byFile.set(finding.file, [finding]);
    else group.push(finding);
  }
  const out: string[] = [];
  for (const [file, group] of byFile) {
    out.push(c.underline(relativePath(file, options.cwd)));
    const source = options.readSource?.(file);
    const positionWidth = Math.max(...group.map((f) => `${f.line}:${f.column}`.length));
    for (const finding of group) {
      const paint = finding.severity === 'error' ? c.red : c.yellow;
      const position = c.dim(`${finding.line}:${finding.column}`.padEnd(positionWidth));
      out.push(`  ${position}  ${paint(finding.severity.padEnd(7))}  ${finding.message}  ${c.dim(finding.ruleId)}`);
      const frame = source === undefined ? undefined : codeFrame(source, finding, { gutter: c.dim, marker: paint });
      if (frame !== undefined) out.push(frame);
    }
    out.push('');
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = `✖ ${plural(findings.length, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  out.push(c.bold((errors > 0 ? c.red : c.yellow)(summary)));
  return `${out.join('\n')}\n`;
}
