import type { ts } from '@ts-morph/common';
import type { Finding } from './Finding';

/**
 * Makes a finding that spans a range of a file, 1-based, as every finding is reported.
 *
 * @param file - the file
 * @param start - where the construct at fault starts (an offset in the text)
 * @param end - where it ends
 * @param what - the rule id, severity and message
 * @returns the finding
 */
export function findingAt(file: ts.SourceFile, start: number, end: number, what: Pick<Finding, 'ruleId' | 'severity' | 'message'>): Finding {
  const from = file.getLineAndCharacterOfPosition(start);
  const to = file.getLineAndCharacterOfPosition(end);
  return {
    ruleId: what.ruleId,
    severity: what.severity,
    file: file.fileName,
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
    message: what.message,
  };
}
