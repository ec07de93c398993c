/** The rules of ei-lint. */
export const RULE_IDS = ['ei/type-mismatch', 'ei/unchecked-call', 'ei/state-before-error', 'ei/release-function', 'ei/bad-usage'] as const;

/** One rule's id. */
export type RuleId = (typeof RULE_IDS)[number];

/** How much a finding weighs: errors fail the run, warnings only past `--max-warnings`. */
export type Severity = 'error' | 'warning';

/**
 * One finding: plain, readonly data. `file` is absolute here; formatters make it relative to the
 * working directory. `line` and `column` are 1-based, and point at the construct at fault.
 */
export interface Finding {
  readonly ruleId: RuleId | 'ei/unused-suppression';
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}
