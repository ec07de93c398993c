import { ts } from '@ts-morph/common';

/**
 * Looks through parentheses only: unlike `skipOuterExpressions`, `as`, `!` and `satisfies` are
 * kept, since the rules judge them (a cast or a non-null assertion of a result is a finding).
 *
 * @param node - an expression
 * @returns the expression inside the parentheses
 */
export function skipParentheses(node: ts.Expression): ts.Expression {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}
