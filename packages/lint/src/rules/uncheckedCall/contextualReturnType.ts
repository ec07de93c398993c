import { ts } from 'ts-morph';

/**
 * The return type a function without a declared one is given by where it stands: an arrow or
 * function expression by its contextual type (a callback's parameter type), a method of an object
 * literal by the property of the object's contextual type it implements (`{ init() { … } }` passed
 * as a `StateField<T>`).
 *
 * @param fn - a function
 * @param checker - the type checker
 * @returns the contextual return type, or `undefined` when nothing gives one
 */
export function contextualReturnType(fn: ts.SignatureDeclaration, checker: ts.TypeChecker): ts.Type | undefined {
  let contextual: ts.Type | undefined;
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) contextual = checker.getContextualType(fn);
  else if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent) && !ts.isComputedPropertyName(fn.name)) {
    const property = checker.getContextualType(fn.parent)?.getNonNullableType().getProperty(fn.name.text);
    contextual = property === undefined ? undefined : checker.getTypeOfSymbolAtLocation(property, fn);
  }
  const signature = contextual?.getNonNullableType().getCallSignatures()[0];
  return signature === undefined ? undefined : checker.getReturnTypeOfSignature(signature);
}
