import { ts } from '@ts-morph/common';
import type { ErrorTypeName, Injectable } from '../../model/Injectable';
import { Component } from './Component';
import { shownComponents, typeShapeOf } from './typeShapeOf';

/** How one call of an error-injectable function fails, and what its value's type shows of it. */
export interface FailureModel {
  readonly injectable: Injectable;
  /** The function's name, as `fail_function/injectable` lists it (or the callee's text). */
  readonly name: string;
  readonly type: ErrorTypeName;
  /** The failure components: `null`, `errno`, `errPtr`, `true`. */
  readonly failure: number;
  /** The failure components the value's type shows, which the checker's narrowing can follow. */
  readonly visible: number;
  /** The function fails with null but its type shows `undefined` instead: that stands for null. */
  readonly undefinedIsNull: boolean;
  /** The call returns a Promise: its resolved value is what fails. */
  readonly promise: boolean;
  /** A value of success may be falsy (`0`, `false`, `''`…). */
  readonly okMayBeFalsy: boolean;
  /** A value of success may be truthy (not for TRUE, which succeeds with `false`). */
  readonly okMayBeTruthy: boolean;
}

function failureOf(type: ErrorTypeName, errPtrForm: boolean): number {
  const errno = errPtrForm ? Component.errPtr : Component.errno;
  switch (type) {
    case 'NULL':
      return Component.null;
    case 'ERRNO':
      return errno;
    case 'ERRNO_NULL':
      return Component.null | errno;
    case 'TRUE':
      return Component.true;
  }
}

const resultTypes = new WeakMap<ts.SignatureDeclaration, ts.Type>();

/**
 * The type a call of an injectable gives: its declaration's return type, read once per function
 * (asking the checker about each call would resolve its receiver and overloads every time), or the
 * call's own type when the source does not show the function (or it is generic).
 */
function resultTypeOf(call: ts.CallExpression, injectable: Injectable, checker: ts.TypeChecker): ts.Type {
  const declaration = injectable.declaration;
  const generic = declaration === undefined || declaration.typeParameters !== undefined || (ts.isClassLike(declaration.parent) && declaration.parent.typeParameters !== undefined);
  if (generic) return checker.getTypeAtLocation(call);
  let type = resultTypes.get(declaration!);
  if (type === undefined) {
    const signature = checker.getSignatureFromDeclaration(declaration!);
    type = signature === undefined ? checker.getTypeAtLocation(call) : checker.getReturnTypeOfSignature(signature);
    resultTypes.set(declaration!, type);
  }
  return type;
}

/**
 * Reads how a call fails: from the mark's error type and options, and from the type of the value
 * the call gives (its awaited type for a Promise).
 *
 * @param call - a call of an error-injectable function
 * @param injectable - the mark it reaches
 * @param checker - the type checker
 * @returns the model, or `undefined` when the mark's error type is unknown (`ei/bad-usage` reports
 * it) or the function returns nothing (`void`, `undefined`, `Promise<void>`): `ei/type-mismatch`
 * reports that mark, and its calls have no value a caller could check (a `destroy(): void` marked
 * ERRNO would otherwise make every `view.destroy();` a discarded result)
 */
export function failureModelOf(call: ts.CallExpression, injectable: Injectable, checker: ts.TypeChecker): FailureModel | undefined {
  const type = injectable.type;
  if (type === undefined) return undefined;
  const callType = resultTypeOf(call, injectable, checker);
  // A Promise (or another thenable): what fails is what it resolves to.
  const promise = checker.getNonNullableType(callType).getProperty('then') !== undefined;
  const awaited = promise ? (checker.getAwaitedType(callType) ?? callType) : callType;
  const shape = typeShapeOf(awaited);
  if (!shape.open && !shape.never && !shape.other && shape.components === 0) return undefined;
  const errPtrForm = injectable.options.errPtr === true || (shape.components & Component.errPtr) !== 0;
  const failure = failureOf(type, errPtrForm);
  const undefinedIsNull = (failure & Component.null) !== 0 && !(shape.components & Component.null) && shape.undefined;
  // What the type names of the failure: `T | null` names null, a bare `T` nothing.
  const visible = failure & shownComponents(shape, undefinedIsNull);
  const numeric = (failure & Component.errno) !== 0;
  return {
    injectable,
    name: injectable.name ?? call.expression.getText(),
    type,
    failure,
    visible,
    undefinedIsNull,
    promise,
    okMayBeFalsy: type === 'TRUE' || numeric || shape.open || shape.otherMayBeFalsy || shape.undefined || (shape.components & Component.errno) !== 0,
    okMayBeTruthy: type !== 'TRUE',
  };
}
