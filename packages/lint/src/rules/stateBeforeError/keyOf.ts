import type { ts } from '@ts-morph/common';

/**
 * The text of an expression without white space: the key that tells whether two expressions name
 * the same target (`this.items`, `out.value`), for undoing a change.
 *
 * @param node - an expression
 * @returns its text without white space
 */
export function keyOf(node: ts.Node): string {
  return node.getText().replace(/\s+/g, '');
}
