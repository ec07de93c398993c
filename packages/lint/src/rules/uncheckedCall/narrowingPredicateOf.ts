import { ts } from '@ts-morph/common';
import { declaredReturnTypes } from '../../model/declaredReturnTypes';
import { Component } from './Component';
import type { FailureModel } from './FailureModel';
import { shownComponents, typeShapeOf } from './typeShapeOf';

/** A type predicate of a called function on one of its arguments: `x is T`, `asserts x`, `asserts x is T`. */
export interface NarrowingPredicate {
  /** The argument it narrows. */
  readonly argument: ts.Expression;
  /** `asserts`: the call returns only when the predicate holds. */
  readonly asserts: boolean;
  /** The type it narrows to, instantiated for the call; `undefined` for `asserts x` (truthiness). */
  readonly type: ts.Type | undefined;
}

const predicates = new WeakMap<ts.CallExpression, NarrowingPredicate | null>();

/**
 * The type predicate of a call's signature, as the checker resolves it for that call (a generic
 * `isPresent<T>(x: T | null): x is T` gives `x is Node` on a `Node | null`): a user type guard or
 * assertion function narrows exactly as `if (x)` does, because the type system says so. Remembered
 * per call; `this` predicates (`node.isText()`) are not read.
 *
 * @param call - a call that takes the value under test as an argument
 * @param checker - the type checker
 * @returns the predicate, or `undefined` when the callee has none on an argument
 */
export function narrowingPredicateOf(call: ts.CallExpression, checker: ts.TypeChecker): NarrowingPredicate | undefined {
  const known = predicates.get(call);
  if (known !== undefined) return known ?? undefined;
  let found: NarrowingPredicate | null = null;
  // Declared without a predicate (`push(...items: T[]): number`): none, without resolving the call.
  const declared = declaredReturnTypes(call, checker);
  if (declared?.every((node) => !ts.isTypePredicateNode(node)) === true) {
    predicates.set(call, null);
    return undefined;
  }
  const signature = checker.getResolvedSignature(call);
  const predicate = signature === undefined ? undefined : checker.getTypePredicateOfSignature(signature);
  if (predicate !== undefined && (predicate.kind === ts.TypePredicateKind.Identifier || predicate.kind === ts.TypePredicateKind.AssertsIdentifier)) {
    const argument = call.arguments[predicate.parameterIndex];
    if (argument !== undefined && !ts.isSpreadElement(argument)) {
      found = { argument, asserts: predicate.kind === ts.TypePredicateKind.AssertsIdentifier, type: predicate.type };
    }
  }
  predicates.set(call, found);
  return found ?? undefined;
}

/**
 * What a predicate with a type (`x is T`, `asserts x is T`) excludes of the value: when it holds,
 * the failure components `T` does not show; when it does not (`x is T` false), the ones `T` shows
 * when it holds nothing else (`x is null`, `x is ErrPtr`). Numbers are never excluded: `x is
 * number` holds for a negative errno and a success alike.
 *
 * @param type - the predicate's type
 * @param holds - whether the predicate holds on the branch
 * @param model - how the result fails
 * @returns a mask of `Component`s; 0 when the type says nothing (`any`, a type parameter)
 */
export function excludedByPredicate(type: ts.Type, holds: boolean, model: FailureModel): number {
  const shape = typeShapeOf(type);
  if (shape.open) return 0;
  if (shape.never) return holds ? Component.all : 0;
  const shown = shownComponents(shape, model.undefinedIsNull);
  if (holds) return model.failure & ~shown;
  // `x is null`, `x is ErrPtr | null`: false, the value is none of them. A type that may hold a
  // success too (`x is Node | null`, `x is number`) says nothing of the other branch here.
  return shape.other || (shape.components & Component.errno) !== 0 ? 0 : model.failure & shown;
}
