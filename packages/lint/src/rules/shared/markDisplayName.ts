import { ts } from '@ts-morph/common';
import type { Injectable } from '../../model/Injectable';

/**
 * How a message names a marked function, the same in every rule: its registered name
 * (`Store.open`), else the name the source gives the function, else the name it is stored under
 * (`export const open = allowErrorInjection(…, () => …)` is `open`), else `the anonymous function`.
 *
 * @param mark - a mark
 * @returns a name for messages
 */
export function markDisplayName(mark: Injectable): string {
  if (mark.name !== undefined) return mark.name;
  const name = mark.declaration?.name ?? (mark.callee === undefined ? undefined : ts.getNameOfDeclaration(mark.callee));
  if (name === undefined) return 'the anonymous function';
  if (ts.isComputedPropertyName(name)) return `[${name.expression.getText()}]`;
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) ? name.text : name.getText();
}
