import { ts } from '@ts-morph/common';
import { declaredSignature } from '../../model/declaredSignature';

/**
 * The type of the parameter a callback is passed to, read from the method's declared signature
 * (`declaredSignature`) when it has no rest parameter: the checker's contextual type would resolve
 * the whole call first, every other argument with it.
 *
 * @returns the parameter's type, or `undefined` where only the checker can tell
 */
function declaredParameterType(fn: ts.ArrowFunction | ts.FunctionExpression, checker: ts.TypeChecker): ts.Type | undefined {
  const call = fn.parent;
  if (!ts.isCallExpression(call) || call.arguments.some(ts.isSpreadElement)) return undefined;
  const signature = declaredSignature(call, checker);
  const parameter = signature?.getParameters()[call.arguments.indexOf(fn)];
  const declaration = parameter?.valueDeclaration;
  if (parameter === undefined || declaration === undefined || !ts.isParameter(declaration) || declaration.dotDotDotToken !== undefined) return undefined;
  return checker.getTypeOfSymbol(parameter);
}

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
  if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) contextual = declaredParameterType(fn, checker) ?? checker.getContextualType(fn);
  else if (ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(fn.parent) && !ts.isComputedPropertyName(fn.name)) {
    const property = checker.getContextualType(fn.parent)?.getNonNullableType().getProperty(fn.name.text);
    contextual = property === undefined ? undefined : checker.getTypeOfSymbolAtLocation(property, fn);
  }
  const signature = contextual?.getNonNullableType().getCallSignatures()[0];
  return signature === undefined ? undefined : checker.getReturnTypeOfSignature(signature);
}
