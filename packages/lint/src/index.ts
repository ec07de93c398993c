/**
 * `@errinject/lint`: the static checker for error-injectable functions, as a library that takes a
 * project and returns findings as data.
 *
 * The types exported here name none of the compiler's (ts-morph's `ts`): those check only under the
 * TypeScript version ei-lint bundles, and a consumer's `skipLibCheck: false` would check them under
 * its own (TS2552 `MapIterator` on TypeScript 5.0 and 5.4).
 */
export { DEFAULT_CONFIG } from './config/LintConfig';
export type { LintConfig, LintConfigInput, RuleSetting } from './config/LintConfig';
export { resolveConfig } from './config/resolveConfig';
export { loadConfig } from './config/loadConfig';
export type { LoadedConfig } from './config/loadConfig';
export { findConfigFile } from './config/findConfigFile';
export type { ConfigSource } from './config/findConfigFile';
export { validateConfig } from './config/validateConfig';
export type { ConfigOrigin } from './config/validateConfig';
export { lintProject } from './engine/lintProject';
export type { LintProjectOptions, LintResult } from './engine/lintProject';
export { lintSources } from './engine/lintSources';
export type { LintSourcesOptions } from './engine/lintSources';
export { LintError } from './errors/LintError';
export type { LintErrorCode } from './errors/LintError';
export { RULE_IDS, SUPPRESSION_RULE_ID } from './finding/Finding';
export type { Finding, MetaRuleId, RuleId, Severity } from './finding/Finding';
export { FORMAT_NAMES, FORMATTERS } from './format/formatters';
export type { FormatName } from './format/formatters';
export type { Formatter } from './format/Formatter';
export type { FormatOptions } from './format/FormatOptions';
export { formatStylish } from './format/formatStylish';
export { formatJson } from './format/formatJson';
export type { JsonFinding } from './format/formatJson';
export { formatSarif } from './format/formatSarif';
export { formatGithub } from './format/formatGithub';
export { applySuppressions } from './suppress/applySuppressions';
export type { SourceText } from './suppress/SourceText';
export { RULE_INFOS as RULES } from './rules/ruleInfos';
export type { RuleInfo } from './rule/RuleInfo';
