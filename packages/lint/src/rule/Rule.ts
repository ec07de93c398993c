import type { ts } from '@ts-morph/common';
import type { LintConfig } from '../config/LintConfig';
import type { RuleId, Severity } from '../finding/Finding';
import type { InjectableIndex } from '../model/InjectableIndex';

/** A finding a rule reports: the node at fault, one of the rule's messages, and its placeholders. */
export interface RuleReport<MessageId extends string> {
  /** The construct at fault; the finding starts where it starts. */
  readonly node: ts.Node;
  readonly messageId: MessageId;
  /** Values for the message's `{{placeholders}}`. */
  readonly data?: Readonly<Record<string, string | number>>;
  /**
   * `'warning'` for a finding weaker than the rule's others (a result escaping into `any`, where
   * the type system can no longer follow it): a warning while the rule is at its default setting.
   * A setting the configuration gives applies to every finding of the rule (`"warn"` makes all of
   * them warnings, `"error"` all errors). Absent, the finding weighs what the rule's setting says.
   */
  readonly severity?: Severity;
}

/** What a rule sees of the program. */
export interface RuleContext<MessageId extends string> {
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
  /** The files being linted (a subset of the program's files when paths were given). */
  readonly files: readonly ts.SourceFile[];
  /** Every error-injectable function of the program, and the calls that reach them. */
  readonly injectables: InjectableIndex;
  readonly config: LintConfig;
  /** Tells whether a node is in a file being linted: marks in other files are not reported. */
  isLinted(node: ts.Node): boolean;
  report(report: RuleReport<MessageId>): void;
}

/**
 * One rule: an id, a description, its messages (with `{{placeholders}}`) and a `check` function
 * that reports through the context and never prints (typescript-eslint's `createRule`).
 */
export interface Rule<MessageId extends string = string> {
  readonly id: RuleId;
  readonly description: string;
  readonly messages: Readonly<Record<MessageId, string>>;
  check(context: RuleContext<MessageId>): void;
}

/**
 * Declares a rule, keeping its message ids typed.
 *
 * @param rule - the rule
 * @returns the same rule
 */
export function createRule<MessageId extends string>(rule: Rule<MessageId>): Rule<MessageId> {
  return rule;
}
