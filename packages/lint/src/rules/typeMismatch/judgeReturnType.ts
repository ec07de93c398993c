import { ts } from '@ts-morph/common';
import type { ErrorTypeName } from '../../model/Injectable';
import { includesErrPtr } from './includesErrPtr';

/** Why a return type does not admit a mark's failure value. */
export type Misfit =
  /** `any` or `unknown`: anything fits, so nothing can be verified. */
  | { readonly kind: 'unverifiable' }
  /** NULL or ERRNO_NULL, and `null` is not in the type (`undefinedOnly`: `undefined` is, which is not null). */
  | { readonly kind: 'nullMissing'; readonly undefinedOnly: boolean }
  /** ERRNO or ERRNO_NULL without the errPtr form, and no number in the type (`objectLike`: it returns objects). */
  | { readonly kind: 'errnoMissing'; readonly objectLike: boolean; readonly nullMissing: boolean }
  /** The type includes ErrPtr but the mark lacks `{ errPtr: true }`: the failure is a bare number. */
  | { readonly kind: 'errPtrOptionMissing' }
  /** `{ errPtr: true }`, and ErrPtr is not in the type. */
  | { readonly kind: 'errPtrNotInType'; readonly nullMissing: boolean }
  /** TRUE, and `true` is not in the type. */
  | { readonly kind: 'trueMissing' };

/** What is judged: the error type, and whether the mark says `{ errPtr: true }` (`'unseen'`: not as a literal). */
export interface MarkFailure {
  readonly type: ErrorTypeName;
  readonly errPtr: boolean | 'unseen';
}

const OBJECT_FLAGS = ts.TypeFlags.Object | ts.TypeFlags.NonPrimitive | ts.TypeFlags.Intersection;

/**
 * Judges whether a function's return type admits what an injected failure returns: NULL `null`,
 * ERRNO a negative errno (a number, or `errPtr(-e)` with `{ errPtr: true }`), ERRNO_NULL both, TRUE
 * `true`. A number fits when a member of the union that is a number type accepts any number (so a
 * declared `0 | -12` does not: the retval may be any errno), `true` when a boolean member accepts
 * it; an empty object type like `{}` accepts both but says nothing of errnos, so it does not count,
 * while a branded primitive (`number & { readonly __fd: true }`) counts as its primitive.
 * An inferred return type is judged with its literal types widened (`0 | -9` inferred from the
 * returns is judged as `number`). `null` fits when it is assignable, so without `strictNullChecks`
 * every type admits it.
 *
 * @param returnType - the return type, already awaited for a Promise-returning function
 * @param failure - the mark's error type and errPtr option
 * @param checker - the program's type checker
 * @param errPtr - the core's `ErrPtr` symbol, when the core resolves
 * @param inferred - whether the return type is inferred rather than declared
 * @returns the first misfit, or `undefined` when the failure value fits
 */
export function judgeReturnType(
  returnType: ts.Type,
  failure: MarkFailure,
  checker: ts.TypeChecker,
  errPtr: ts.Symbol | undefined,
  inferred: boolean,
): Misfit | undefined {
  if (returnType.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { kind: 'unverifiable' };
  const members = (returnType.isUnion() ? returnType.types : [returnType]).map((member) => (inferred ? checker.getBaseTypeOfLiteralType(member) : member));
  const accepts = (source: ts.Type, flags: ts.TypeFlags): boolean =>
    members.some((member) =>
      // A branded primitive (`number & { __fd: true }`) counts as the primitive: callers compare it as one.
      (member.isIntersection() ? member.types : [member]).some((part) => (part.flags & flags) !== 0 && checker.isTypeAssignableTo(source, part)),
    );
  const admitsNull = checker.isTypeAssignableTo(checker.getNullType(), returnType);
  const undefinedOnly = !admitsNull && members.some((member) => (member.flags & ts.TypeFlags.Undefined) !== 0);
  switch (failure.type) {
    case 'NULL':
      return admitsNull ? undefined : { kind: 'nullMissing', undefinedOnly };
    case 'TRUE':
      return accepts(checker.getTrueType(), ts.TypeFlags.BooleanLike) ? undefined : { kind: 'trueMissing' };
    default: {
      const nullMissing = failure.type === 'ERRNO_NULL' && !admitsNull;
      const hasErrPtr = includesErrPtr(returnType, errPtr);
      if (failure.errPtr === true) {
        if (!hasErrPtr) return { kind: 'errPtrNotInType', nullMissing };
      } else if (!accepts(checker.getNumberType(), ts.TypeFlags.NumberLike)) {
        if (hasErrPtr && failure.errPtr === false) return { kind: 'errPtrOptionMissing' };
        if (!hasErrPtr) {
          const objectLike = members.some((member) => (member.flags & OBJECT_FLAGS) !== 0);
          return { kind: 'errnoMissing', objectLike, nullMissing };
        }
      }
      return nullMissing ? { kind: 'nullMissing', undefinedOnly } : undefined;
    }
  }
}
