import type { ts } from '@ts-morph/common';

/**
 * Tells whether a type is, or is a union that includes, the core's `ErrPtr`.
 *
 * @param type - a return type
 * @param errPtr - the core's `ErrPtr` symbol (see `coreErrPtrSymbol`)
 * @returns true when one of its members is `ErrPtr`
 */
export function includesErrPtr(type: ts.Type, errPtr: ts.Symbol | undefined): boolean {
  if (errPtr === undefined) return false;
  const members = type.isUnion() ? type.types : [type];
  return members.some((member) => member.getSymbol() === errPtr || member.aliasSymbol === errPtr);
}
