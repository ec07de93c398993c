import type { ts } from '@ts-morph/common';

/**
 * Tells whether a type is the core's `ErrPtr`, by its name (as an interface or an alias). The name
 * is enough where a value's type is read: only `ei/type-mismatch`, which judges a declaration,
 * looks the symbol up through the file's import of the core (`coreErrPtrSymbol`).
 *
 * @param type - a type, not a union
 * @returns true for `ErrPtr`
 */
export function isErrPtrType(type: ts.Type): boolean {
  return (type.aliasSymbol ?? type.getSymbol())?.getName() === 'ErrPtr';
}
