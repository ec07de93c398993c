import type { RuleInfo } from '../rule/RuleInfo';
import { RULES } from './index';

/**
 * Every rule, as a library user sees it (`RULES` of the package): the same objects as the engine
 * runs, typed without the compiler's types.
 */
export const RULE_INFOS: readonly RuleInfo[] = RULES;
