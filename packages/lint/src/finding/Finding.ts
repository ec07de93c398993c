/** The rules of ei-lint. */
export const RULE_IDS = ['ei/type-mismatch', 'ei/unchecked-call', 'ei/state-before-error', 'ei/release-function', 'ei/bad-usage', 'ei/captured-method'] as const;

/** One rule's id. */
export type RuleId = (typeof RULE_IDS)[number];

/**
 * The id of ei-lint's findings about its own suppression comments (a missing reason, an unknown
 * rule, a comment that suppresses nothing). It is not a rule: it cannot be configured or suppressed.
 */
export const SUPPRESSION_RULE_ID = 'ei/suppression';

/** The id of findings that no rule reports: those about suppression comments. */
export type MetaRuleId = typeof SUPPRESSION_RULE_ID;

/** How much a finding weighs: errors fail the run, warnings only past `--max-warnings`. */
export type Severity = 'error' | 'warning';

/**
 * One finding: plain, readonly data. `file` is absolute here; formatters make it relative to the
 * working directory. `line` and `column` are 1-based, and point at the construct at fault.
 */
export interface Finding {
  readonly ruleId: RuleId | MetaRuleId;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}
