import { ts } from '@ts-morph/common';

/**
 * Looks through what does not change a value at run time: parentheses, `as`, `satisfies`, `!`
 * and `<T>` assertions.
 *
 * @param node - an expression
 * @returns the expression inside them
 */
export function skipOuterExpressions(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}
