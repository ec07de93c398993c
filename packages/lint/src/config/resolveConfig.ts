import type { RuleId } from '../finding/Finding';
import { DEFAULT_CONFIG, type LintConfig, type LintConfigInput } from './LintConfig';

/**
 * Fills in a configuration with the defaults, and notes which rules' settings it gave.
 *
 * @param input - what was configured
 * @returns the whole configuration
 */
export function resolveConfig(input: LintConfigInput = {}): LintConfig {
  const configuredRules = Object.keys(input.rules ?? {}) as RuleId[];
  return {
    rules: { ...DEFAULT_CONFIG.rules, ...input.rules },
    ...(configuredRules.length === 0 ? {} : { configuredRules }),
    guards: [...DEFAULT_CONFIG.guards, ...(input.guards ?? [])],
    lockCalls: [...DEFAULT_CONFIG.lockCalls, ...(input.lockCalls ?? [])],
  };
}
