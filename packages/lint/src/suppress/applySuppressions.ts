import type { ts } from 'ts-morph';
import type { Finding } from '../finding/Finding';

/**
 * Applies `// ei-lint-disable-next-line <rule> -- reason` comments of the linted files.
 *
 * @param findings - the rules' findings
 * @param files - the linted files
 * @returns the findings that remain, with findings about the suppressions themselves
 */
export function applySuppressions(findings: readonly Finding[], files: readonly ts.SourceFile[]): Finding[] {
  void files;
  return [...findings];
}
