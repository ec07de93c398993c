import { ts } from '@ts-morph/common';
import { declaredReturnTypes } from '../../model/declaredReturnTypes';

function isNeverCall(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  if (!ts.isCallExpression(expression)) return false;
  // Declared to return something else (`push(...items: T[]): number`): no need to resolve the call.
  const declared = declaredReturnTypes(expression, checker);
  if (declared?.every((node) => !(checker.getTypeFromTypeNode(node).flags & (ts.TypeFlags.Never | ts.TypeFlags.Instantiable))) === true) return false;
  const signature = checker.getResolvedSignature(expression);
  return signature !== undefined && (checker.getReturnTypeOfSignature(signature).flags & ts.TypeFlags.Never) !== 0;
}

/**
 * Tells whether a statement never completes normally: it returns, throws, breaks, continues or
 * calls a function that returns `never`, on every path.
 *
 * @param statement - a statement
 * @param checker - the type checker, asked only about calls in such statements
 * @returns true when the code after it is not reached from it
 */
export function exits(statement: ts.Statement, checker: ts.TypeChecker): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement) || ts.isBreakStatement(statement) || ts.isContinueStatement(statement)) {
    return true;
  }
  if (ts.isBlock(statement)) return statement.statements.some((inner) => exits(inner, checker));
  if (ts.isIfStatement(statement)) {
    return statement.elseStatement !== undefined && exits(statement.thenStatement, checker) && exits(statement.elseStatement, checker);
  }
  if (ts.isExpressionStatement(statement)) return isNeverCall(statement.expression, checker);
  return false;
}
