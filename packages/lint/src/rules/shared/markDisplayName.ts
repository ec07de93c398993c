import { ts } from 'ts-morph';
import type { Injectable } from '../../model/Injectable';

/**
 * How a message names a marked function: its registered name (`Store.open`), else the name the
 * source gives it, else `the anonymous function`.
 *
 * @param mark - a mark
 * @returns a name for messages
 */
export function markDisplayName(mark: Injectable): string {
  if (mark.name !== undefined) return mark.name;
  const name = mark.declaration?.name;
  if (name !== undefined && !ts.isComputedPropertyName(name)) return name.text;
  if (name !== undefined) return `[${name.expression.getText()}]`;
  return 'the anonymous function';
}
