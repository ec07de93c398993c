import type { Rule } from '../rule/Rule';
import { badUsage } from './badUsage';
import { releaseFunction } from './releaseFunction';
import { stateBeforeError } from './stateBeforeError';
import { typeMismatch } from './typeMismatch';
import { uncheckedCall } from './uncheckedCall';

/** Every rule, in the order their findings are reported for one node. */
export const RULES: readonly Rule[] = [typeMismatch, uncheckedCall, stateBeforeError, releaseFunction, badUsage] as readonly Rule[];
