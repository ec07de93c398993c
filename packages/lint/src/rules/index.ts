import type { Rule } from '../rule/Rule';
import { badUsage } from './badUsage';
import { capturedMethod } from './capturedMethod';
import { releaseFunction } from './releaseFunction';
import { stateBeforeError } from './stateBeforeError';
import { typeMismatch } from './typeMismatch';
import { uncheckedCall } from './uncheckedCall';

/** Every rule, in the order they run (findings are then sorted by file, position and rule id). */
export const RULES: readonly Rule[] = [typeMismatch, uncheckedCall, stateBeforeError, releaseFunction, badUsage, capturedMethod] as readonly Rule[];
