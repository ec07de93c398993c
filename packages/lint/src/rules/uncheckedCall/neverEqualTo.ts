import { ts } from '@ts-morph/common';
import { isErrPtrType } from '../shared/isErrPtrType';
import { Component } from './Component';
import type { FailureModel } from './FailureModel';

const OPEN_FLAGS = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Index | ts.TypeFlags.IndexedAccess | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution;

/** What one constituent of the other operand's type may equal of the result: the components it leaves possible. */
function possibleFor(part: ts.Type, loose: boolean, model: FailureModel): number {
  const flags = part.flags;
  const numeric = (model.failure & Component.errno) !== 0;
  if (flags & ts.TypeFlags.Null) return Component.null;
  // `== undefined` catches null; `=== undefined` never equals a null, an errno, an ErrPtr or `true`.
  if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) return loose ? Component.null : 0;
  if (flags & ts.TypeFlags.NumberLiteral) {
    // A negative constant (`const ENOENT = -2`) is an errno, never a success of an errno function.
    const negative = (part as ts.NumberLiteralType).value < 0;
    return negative ? Component.errno | (numeric ? 0 : Component.ok) : Component.ok;
  }
  if (flags & ts.TypeFlags.NumberLike) return Component.errno | Component.ok;
  if (flags & ts.TypeFlags.BooleanLike) {
    const isTrue = (part as { intrinsicName?: string }).intrinsicName !== 'false';
    return (isTrue ? Component.true : 0) | (model.type === 'TRUE' && isTrue ? 0 : Component.ok);
  }
  if (isErrPtrType(part)) return Component.errPtr;
  // Strings, objects…: a success may equal them; loosely, they may also convert to a number.
  return Component.ok | (loose ? Component.errno | Component.errPtr | Component.true : 0);
}

/**
 * What the result cannot be when it equals another value, read from that value's type: compared
 * with a value that is never null (`find(p) === head`, `head: Node`), the failure takes the "not
 * equal" branch, as any other value would. Constants (`null`, `-errno.ENOENT`, `0`) are read from
 * the syntax by `excludedWhen`; this is for every other operand.
 *
 * @param other - the other operand of `===`, `!==`, `==` or `!=`
 * @param loose - whether the comparison is `==` or `!=`, where `undefined` equals null
 * @param model - how the result fails
 * @param checker - the type checker, asked for the type of `other` only
 * @returns a mask of the `Component`s the result cannot be when it equals `other`; 0 when its type says nothing (`any`, an unconstrained type parameter)
 */
export function neverEqualTo(other: ts.Expression, loose: boolean, model: FailureModel, checker: ts.TypeChecker): number {
  const type = checker.getTypeAtLocation(other);
  let possible = 0;
  for (const part of type.isUnion() ? type.types : [type]) {
    // `this`, or a `T extends Node`: what its constraint holds; an unconstrained one says nothing.
    const constraint = part.flags & ts.TypeFlags.TypeParameter ? checker.getBaseConstraintOfType(part) : part;
    if (constraint === undefined) return 0;
    for (const inner of constraint.isUnion() ? constraint.types : [constraint]) {
      if (inner.flags & OPEN_FLAGS) return 0;
      possible |= possibleFor(inner, loose, model);
    }
  }
  return Component.all & ~possible;
}
