import { DEFAULT_CONFIG, type LintConfig, type LintConfigInput } from './LintConfig';

/**
 * Fills in a configuration with the defaults.
 *
 * @param input - what was configured
 * @returns the whole configuration
 */
export function resolveConfig(input: LintConfigInput = {}): LintConfig {
  return {
    rules: { ...DEFAULT_CONFIG.rules, ...input.rules },
    guards: [...DEFAULT_CONFIG.guards, ...(input.guards ?? [])],
    lockCalls: [...DEFAULT_CONFIG.lockCalls, ...(input.lockCalls ?? [])],
  };
}
