import { ts } from '@ts-morph/common';
import { Component } from './Component';
import type { FailureModel } from './FailureModel';
import { keepsFailure } from './keepsFailure';
import { shownComponents, typeShapeOf } from './typeShapeOf';

/** Whether a type node names one of the given type parameters anywhere inside it. */
function mentions(node: ts.Node, names: ReadonlySet<string>): boolean {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && names.has(node.typeName.text)) return true;
  return ts.forEachChild(node, (child) => mentions(child, names)) ?? false;
}

/**
 * Whether the parameter an argument goes to is one whose type is inferred from the argument itself
 * (`keep<T>(x: T)`): such a type holds whatever is passed, and says nothing of what the callee does
 * with a failure, unless it names the failure itself (`<T>(x: T | null)`).
 */
function inferredFromArgument(call: ts.CallExpression | ts.NewExpression, index: number, model: FailureModel, checker: ts.TypeChecker): boolean {
  const declaration = checker.getResolvedSignature(call)?.getDeclaration();
  if (declaration === undefined || !ts.isFunctionLike(declaration)) return true;
  const typeParameters = declaration.typeParameters;
  if (typeParameters === undefined || typeParameters.length === 0) return false;
  const parameters = declaration.parameters;
  const parameter = parameters[Math.min(index, parameters.length - 1)];
  if (parameter?.type === undefined) return true;
  if (!mentions(parameter.type, new Set(typeParameters.map((p) => p.name.text)))) return false;
  return (typeShapeOf(checker.getTypeFromTypeNode(parameter.type)).components & model.visible) !== model.visible;
}

/**
 * The type of the place a value is passed on to when that place keeps the failure: an argument of
 * a parameter typed `T | null` (`cache.set(k, v = find(p))` on a `Map<K, Node | null>`), a property
 * of an object literal (`return { node: find(p) }`, `return { node }` where `node: Node | null`) or an element of an
 * array literal, by the contextual type the checker gives it. Only a failure a type can tell apart
 * from a success counts (null, an ErrPtr): a `number` parameter takes a negative errno for a
 * number like any other. Places typed `any`, `unknown` or a type parameter the argument itself
 * instantiates say nothing and are left to the other positions; a type parameter beside the
 * failure (`T | null` in a generic class) keeps it.
 *
 * @param node - the value (a call's result, or a read of its variable), parentheses included
 * @param model - how the result fails
 * @param checker - the type checker, asked only about such places
 * @returns the place's type when it keeps the failure, or `undefined`
 */
export function passedOnType(node: ts.Expression, model: FailureModel, checker: ts.TypeChecker): ts.Type | undefined {
  if (model.failure & (Component.errno | Component.true) || model.visible !== model.failure) return undefined;
  const parent = node.parent;
  let index = -1;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    index = parent.arguments?.indexOf(node) ?? -1;
    if (index < 0 || inferredFromArgument(parent, index, model, checker)) return undefined;
  } else if (!(ts.isPropertyAssignment(parent) && parent.initializer === node) && !ts.isShorthandPropertyAssignment(parent) && !ts.isArrayLiteralExpression(parent)) {
    return undefined;
  }
  const type = checker.getContextualType(node);
  if (type === undefined || !keepsFailure(type, model)) return undefined;
  // A type parameter alone says nothing; beside the failure itself (`T | null` in a generic class,
  // the `value` of its own `set`), the failure is named and kept.
  const shape = typeShapeOf(type);
  return shape.open && (shownComponents(shape, model.undefinedIsNull) & model.visible) !== model.visible ? undefined : type;
}
