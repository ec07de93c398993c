import { ts } from '@ts-morph/common';
import type { ErrorTypeName } from '../../model/Injectable';
import { skipOuterExpressions } from '../../model/skipOuterExpressions';
import { isErrPtrType } from '../shared/isErrPtrType';

/**
 * Finds the first error return of an error-injectable function: the first `return`, in source
 * order, whose value is the failure of the mark's type. Returns of nested functions and classes
 * are not the function's own and are skipped.
 *
 * What counts as the failure, by type (after parentheses, `as`, `!` and `satisfies`):
 * - NULL: `null`.
 * - ERRNO: a negation (`-12`, `-errno.ENOMEM`, `-ENOMEM`; not `-0`), `errPtr(...)`, `ptrErr(...)`,
 *   and an identifier returned in the then-branch of `if (x < 0)`, `if (x <= -1)`, `if (0 > x)`,
 *   `if (-1 >= x)` or `if (isErr(x))`.
 * - ERRNO_NULL: either of the above, and `if (isErrOrNull(x)) return x`.
 * - TRUE: `true`.
 * - NULL and ERRNO_NULL: any other value whose type where it is returned holds null
 *   (`return this.next` with `next: Blot | null`, `return cache.get(k) ?? null`).
 * - Any type: `Promise.resolve(failure)`; a conditional `c ? a : b` with the failure on either
 *   side; a `const` whose initializer is the failure (`const EBUSY = -16; … return EBUSY`); an
 *   identifier returned in the then-branch of a test that mentions it, whose type the checker
 *   narrows there to the failure (`null`, a negative number literal, `ErrPtr`, `true`:
 *   `if (!buf) return buf`). A value narrowed otherwise (`if (buf) { … return buf; } return buf;`)
 *   is not recognised.
 *
 * A `throw` is not an error return: a thrown exception is not the failure the mark declares (an
 * injected failure returns a value, it never throws), so the rule leaves throws alone; a branch
 * that ends in a throw simply does not reach the error return.
 *
 * @param body - the function's body
 * @param type - the mark's error type
 * @param checker - the type checker, asked only about identifiers returned: their symbol, and
 *   their type where a test narrows it
 * @returns the first error return, or `undefined` when the function has none
 */
export function findFirstErrorReturn(body: ts.Block, type: ErrorTypeName, checker: ts.TypeChecker): ts.ReturnStatement | undefined {
  let found: ts.ReturnStatement | undefined;
  const visit = (node: ts.Node): void => {
    if (found !== undefined || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression !== undefined && isFailure(node.expression, node, type, checker)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

const allowsNull = (type: ErrorTypeName): boolean => type === 'NULL' || type === 'ERRNO_NULL';
const allowsErrno = (type: ErrorTypeName): boolean => type === 'ERRNO' || type === 'ERRNO_NULL';

function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

/**
 * Tells whether a returned value is the failure. `statement` is the return, for identifiers; an
 * initializer of a constant is judged without it (`undefined`), where identifiers do not count.
 */
function isFailure(value: ts.Expression, statement: ts.ReturnStatement | undefined, type: ErrorTypeName, checker: ts.TypeChecker): boolean {
  const expression = skipOuterExpressions(value);
  if (ts.isConditionalExpression(expression)) {
    return isFailure(expression.whenTrue, statement, type, checker) || isFailure(expression.whenFalse, statement, type, checker);
  }
  if (ts.isCallExpression(expression)) {
    const callee = skipOuterExpressions(expression.expression);
    const argument = expression.arguments[0];
    if (
      ts.isPropertyAccessExpression(callee) &&
      callee.name.text === 'resolve' &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === 'Promise' &&
      argument !== undefined
    ) {
      return isFailure(argument, statement, type, checker);
    }
    const name = calleeName(expression);
    return allowsErrno(type) && (name === 'errPtr' || name === 'ptrErr');
  }
  if (expression.kind === ts.SyntaxKind.NullKeyword) return allowsNull(type);
  if (expression.kind === ts.SyntaxKind.TrueKeyword) return type === 'TRUE';
  if (ts.isPrefixUnaryExpression(expression) && expression.operator === ts.SyntaxKind.MinusToken) {
    const operand = skipOuterExpressions(expression.operand);
    return allowsErrno(type) && !(ts.isNumericLiteral(operand) && Number(operand.text) === 0);
  }
  if (ts.isIdentifier(expression) && statement !== undefined && isFailingIdentifier(expression, statement, type, checker)) return true;
  return statement !== undefined && allowsNull(type) && mayBeNull(expression, checker);
}

/**
 * Whether a returned value's type, where it is returned, holds null: a property, a lookup or a
 * variable that may be null there (`return this.next`, `return map.get(k) ?? null`, `return cur`)
 * is the failure whenever it is null, as a literal `null` is. Values of a type parameter or `any`
 * say nothing and do not count.
 */
function mayBeNull(expression: ts.Expression, checker: ts.TypeChecker): boolean {
  if (ts.isLiteralExpression(expression) || ts.isObjectLiteralExpression(expression) || ts.isArrayLiteralExpression(expression) || expression.kind === ts.SyntaxKind.ThisKeyword) return false;
  const valueType = checker.getTypeAtLocation(expression);
  return valueType.isUnion() ? valueType.types.some((part) => (part.flags & ts.TypeFlags.Null) !== 0) : (valueType.flags & ts.TypeFlags.Null) !== 0;
}

/**
 * An identifier is the failure when a constant holds it (`const EBUSY = -16`, `const p = errPtr(…)`),
 * when the return sits in the then-branch of a test that says so (`if (r < 0) return r`,
 * `if (isErr(p)) return p`), or when the then-branch of a test of it narrows it to the failure
 * (`if (!buf) return buf`, `if (busy === true) return busy`). The checker is asked about the
 * identifier's type only in that last case, so that returns of plain values cost no type checking.
 */
function isFailingIdentifier(identifier: ts.Identifier, statement: ts.ReturnStatement, type: ErrorTypeName, checker: ts.TypeChecker): boolean {
  const test = enclosingTest(statement);
  if (test !== undefined && allowsErrno(type) && testsForError(test, identifier.text, type)) return true;
  const declaration = checker.getSymbolAtLocation(identifier)?.valueDeclaration;
  if (
    declaration !== undefined &&
    ts.isVariableDeclaration(declaration) &&
    declaration.initializer !== undefined &&
    ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const &&
    isFailure(declaration.initializer, undefined, type, checker)
  ) {
    return true;
  }
  if (test === undefined || !mentions(test, identifier.text)) return false;
  const valueType = checker.getTypeAtLocation(identifier);
  if (allowsNull(type) && valueType.flags & ts.TypeFlags.Null) return true;
  if (allowsErrno(type)) {
    if (valueType.isNumberLiteral() && valueType.value < 0) return true;
    if (isErrPtrType(valueType)) return true;
  }
  return type === 'TRUE' && valueType.flags & ts.TypeFlags.BooleanLiteral ? checker.typeToString(valueType) === 'true' : false;
}

/** The condition of the `if` whose then-branch holds the return (through blocks), if any. */
function enclosingTest(statement: ts.ReturnStatement): ts.Expression | undefined {
  let node: ts.Node = statement;
  while (ts.isBlock(node.parent)) node = node.parent;
  const test = node.parent;
  return ts.isIfStatement(test) && test.thenStatement === node ? skipOuterExpressions(test.expression) : undefined;
}

function mentions(condition: ts.Node, name: string): boolean {
  if (ts.isIdentifier(condition)) return condition.text === name;
  return ts.forEachChild(condition, (child) => mentions(child, name) || undefined) ?? false;
}

/** `r < 0`, `r <= -1`, `0 > r`, `-1 >= r`, `isErr(r)`, and `isErrOrNull(r)` for ERRNO_NULL. */
function testsForError(condition: ts.Expression, name: string, type: ErrorTypeName): boolean {
  const isName = (expression: ts.Expression): boolean => {
    const inner = skipOuterExpressions(expression);
    return ts.isIdentifier(inner) && inner.text === name;
  };
  const isNumber = (expression: ts.Expression, value: number): boolean => {
    const inner = skipOuterExpressions(expression);
    if (ts.isNumericLiteral(inner)) return Number(inner.text) === value;
    return (
      ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(inner.operand) && -Number(inner.operand.text) === value
    );
  };
  if (ts.isBinaryExpression(condition)) {
    const operator = condition.operatorToken.kind;
    const { left, right } = condition;
    return (
      (operator === ts.SyntaxKind.LessThanToken && isName(left) && isNumber(right, 0)) ||
      (operator === ts.SyntaxKind.LessThanEqualsToken && isName(left) && isNumber(right, -1)) ||
      (operator === ts.SyntaxKind.GreaterThanToken && isNumber(left, 0) && isName(right)) ||
      (operator === ts.SyntaxKind.GreaterThanEqualsToken && isNumber(left, -1) && isName(right))
    );
  }
  if (ts.isCallExpression(condition) && condition.arguments.length === 1 && isName(condition.arguments[0]!)) {
    const guard = calleeName(condition);
    return guard === 'isErr' || (guard === 'isErrOrNull' && type === 'ERRNO_NULL');
  }
  return false;
}
