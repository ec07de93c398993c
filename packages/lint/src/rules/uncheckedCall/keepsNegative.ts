import { ts } from '@ts-morph/common';
import { skipParentheses } from '../shared/skipParentheses';
import type { CheckEnv } from './CheckEnv';
import { Component } from './Component';
import type { FailureModel } from './FailureModel';

/**
 * Tells whether a call's value keeps a negative errno passed in an argument: `Math.min(…, r, …)`
 * is at most `r`, so it is negative whenever `r` is, and `< 0` on it checks `r`
 * (`min = Math.min(min, f()); if (min < 0) return min`). `Math.max` can hide it, and a null or
 * an ErrPtr does not survive either.
 *
 * @param call - the call the value is passed to
 * @param argument - the value, as an argument of the call
 * @param model - how the value fails
 * @param env - the shared analysis state
 * @returns true for the global `Math.min` of an errno number
 */
export function keepsNegative(call: ts.CallExpression, argument: ts.Expression, model: FailureModel, env: CheckEnv): boolean {
  if (model.failure !== Component.errno || !call.arguments.includes(argument)) return false;
  const callee = skipParentheses(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken !== undefined || callee.name.text !== 'min') return false;
  const math = callee.expression;
  if (!ts.isIdentifier(math) || math.text !== 'Math') return false;
  // The global one, declared by the default library, not a local of that name.
  return env.valueSymbolOf(math)?.valueDeclaration?.getSourceFile().isDeclarationFile === true;
}
