import type { RuleId } from '../finding/Finding';

/**
 * What a library user sees of a rule: its id, what it checks and the messages it reports (with
 * `{{placeholders}}`). Each of {@link RULES} is one. The rule's `check` function, which works on the
 * compiler's own objects, is not part of it, so that the published types name none of the compiler's
 * (they fail to type-check under older TypeScript versions than the one ei-lint bundles).
 */
export interface RuleInfo {
  readonly id: RuleId;
  readonly description: string;
  readonly messages: Readonly<Record<string, string>>;
}
