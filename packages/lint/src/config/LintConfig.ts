import type { RuleId } from '../finding/Finding';

/** A rule's setting: off, or the severity of its findings. */
export type RuleSetting = 'off' | 'warn' | 'error';

/**
 * The configuration, from the `"ei-lint"` key of `package.json` or `.eilintrc.json`, with every
 * field filled in.
 */
export interface LintConfig {
  /** Each rule's setting. */
  readonly rules: Readonly<Record<RuleId, RuleSetting>>;
  /**
   * The rules whose setting the configuration gave rather than the defaults. A rule that reports
   * some of its findings as warnings while its default is `"error"` (`ei/unchecked-call`'s result
   * escaping into `any`) keeps them warnings unless its setting was given: a given setting applies
   * to all of its findings. Absent, none was given.
   */
  readonly configuredRules?: readonly RuleId[];
  /**
   * Functions that count as a check of a failure when a result is passed to them (besides the
   * core's `isErr` and `isErrOrNull`), by name: `isFailure`, or `Result.isFailure` for a method.
   */
  readonly guards: readonly string[];
  /**
   * Calls that take a lock or otherwise change state for `ei/state-before-error`, by name:
   * `mutex.lock`, `acquire`.
   */
  readonly lockCalls: readonly string[];
}

/** What a configuration file may give; everything is optional. */
export interface LintConfigInput {
  readonly rules?: Readonly<Partial<Record<RuleId, RuleSetting>>>;
  readonly guards?: readonly string[];
  readonly lockCalls?: readonly string[];
}

/** The settings when nothing is configured. */
export const DEFAULT_CONFIG: LintConfig = {
  rules: {
    'ei/type-mismatch': 'error',
    'ei/unchecked-call': 'error',
    'ei/state-before-error': 'error',
    'ei/release-function': 'warn',
    'ei/bad-usage': 'error',
    'ei/captured-method': 'error',
  },
  guards: [],
  lockCalls: [],
};
