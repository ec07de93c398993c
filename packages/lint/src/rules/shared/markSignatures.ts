import { ts } from '@ts-morph/common';
import type { Injectable } from '../../model/Injectable';

/**
 * The call signatures through which callers reach a mark, as the type checker sees them: a
 * method's (its overloads when it has them, else its implementation), or the type of the argument
 * a wrapped function is given as (`allowErrorInjection` returns a function of that type). Falls
 * back to the marked declaration's own signature; empty when the mark is not on a function.
 * The checker is asked only about this one mark.
 *
 * @param mark - a mark
 * @param checker - the program's type checker
 * @returns the signatures, possibly empty
 */
export function markSignatures(mark: Injectable, checker: ts.TypeChecker): readonly ts.Signature[] {
  const declaration = mark.declaration;
  let signatures: readonly ts.Signature[] = [];
  if (mark.kind === 'function') {
    signatures = checker.getTypeAtLocation(mark.target).getCallSignatures();
  } else if (declaration !== undefined && declaration.name !== undefined && !ts.isComputedPropertyName(declaration.name)) {
    signatures = checker.getTypeAtLocation(declaration.name).getCallSignatures();
  }
  if (signatures.length === 0 && declaration !== undefined) {
    const own = checker.getSignatureFromDeclaration(declaration);
    if (own !== undefined) signatures = [own];
  }
  return signatures;
}
