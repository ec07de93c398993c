import { ts } from '@ts-morph/common';
import { isErrPtrType } from '../shared/isErrPtrType';
import { Component } from './Component';

/** What a type says about the values it holds, in the terms of the failure components. */
export interface TypeShape {
  /** `any`, `unknown`, a type parameter or another type that says nothing about its values. */
  readonly open: boolean;
  /** `never`: no value at all (an unreachable use). */
  readonly never: boolean;
  /** The failure components it shows: `null`, numbers (`errno`), `ErrPtr`, `true`. */
  readonly components: number;
  /** It holds values besides `null`, `undefined`, numbers, `ErrPtr` and `true`. */
  readonly other: boolean;
  /** Some of those other values are falsy (`false`, `''`, `undefined`, `0n`…). */
  readonly otherMayBeFalsy: boolean;
  /** It holds `undefined` or `void`. */
  readonly undefined: boolean;
}

const OPEN_FLAGS =
  ts.TypeFlags.Any |
  ts.TypeFlags.Unknown |
  ts.TypeFlags.TypeParameter |
  ts.TypeFlags.Index |
  ts.TypeFlags.IndexedAccess |
  ts.TypeFlags.Conditional |
  ts.TypeFlags.Substitution;

function isTrueLiteral(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.BooleanLiteral) !== 0 && (type as { intrinsicName?: string }).intrinsicName === 'true';
}

/**
 * The failure components a shape shows, reading `undefined` as the null of a function that fails
 * with null but declares `T | undefined` (`ei/type-mismatch` reports that; narrowing that removes
 * `undefined` through `?.`, truthiness or `!= null` removes null alike).
 *
 * @param shape - a type's shape
 * @param undefinedIsNull - whether `undefined` stands for null
 * @returns a mask of `Component`s
 */
export function shownComponents(shape: TypeShape, undefinedIsNull: boolean): number {
  return shape.components | (undefinedIsNull && shape.undefined ? Component.null : 0);
}

/**
 * Reads a type's constituents for what they say about failures.
 *
 * @param type - any type
 * @returns its shape
 */
export function typeShapeOf(type: ts.Type): TypeShape {
  let open = false;
  let components = 0;
  let other = false;
  let otherMayBeFalsy = false;
  let undefinedSeen = false;
  let count = 0;
  for (const part of type.isUnion() ? type.types : [type]) {
    const flags = part.flags;
    if (flags & ts.TypeFlags.Never) continue;
    count += 1;
    if (flags & OPEN_FLAGS) open = true;
    else if (flags & ts.TypeFlags.Null) components |= Component.null;
    else if (flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) undefinedSeen = true;
    else if (flags & ts.TypeFlags.NumberLike) components |= Component.errno;
    else if (isTrueLiteral(part)) components |= Component.true;
    else if (isErrPtrType(part)) components |= Component.errPtr;
    else {
      other = true;
      if (!(flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection | ts.TypeFlags.NonPrimitive | ts.TypeFlags.ESSymbolLike))) otherMayBeFalsy = true;
    }
  }
  return { open, never: count === 0, components, other, otherMayBeFalsy, undefined: undefinedSeen };
}
