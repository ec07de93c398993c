import { ts } from '@ts-morph/common';
import { skipOuterExpressions } from '../../model/skipOuterExpressions';
import { optionKeyText } from './optionKeyText';

/** What the linter can see of one option of a mark. */
export type OptionValue =
  | { readonly kind: 'absent' }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly node: ts.Expression }
  /** Given, but not as a literal the linter can read (a variable, a spread, a non-literal options object). */
  | { readonly kind: 'unseen' };

const ABSENT: OptionValue = { kind: 'absent' };
const UNSEEN: OptionValue = { kind: 'unseen' };

function literalValue(expression: ts.Expression): OptionValue {
  const value = skipOuterExpressions(expression);
  if (value.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'literal', value: true, node: value };
  if (value.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'literal', value: false, node: value };
  if (value.kind === ts.SyntaxKind.NullKeyword) return { kind: 'literal', value: null, node: value };
  if (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value)) return { kind: 'literal', value: value.text, node: value };
  if (ts.isNumericLiteral(value)) return { kind: 'literal', value: Number(value.text), node: value };
  if (ts.isIdentifier(value) && value.text === 'undefined') return ABSENT;
  return UNSEEN;
}

/**
 * Reads one option of a mark's options argument as the runtime would find it: the last property of
 * that name wins, a spread after it or a value that is not a literal makes it unseen.
 *
 * @param options - the options argument, or `undefined` when there is none
 * @param key - the option
 * @returns absent, a literal value, or unseen
 */
export function readOption(options: ts.Expression | undefined, key: 'name' | 'errPtr' | 'async'): OptionValue {
  if (options === undefined) return ABSENT;
  const literal = skipOuterExpressions(options);
  if (!ts.isObjectLiteralExpression(literal)) return UNSEEN;
  let found: OptionValue = ABSENT;
  for (const property of literal.properties) {
    if (ts.isSpreadAssignment(property)) {
      found = UNSEEN;
      continue;
    }
    const name = property.name === undefined ? undefined : optionKeyText(property.name);
    if (name === undefined && ts.isComputedPropertyName(property.name)) {
      found = UNSEEN;
      continue;
    }
    if (name !== key) continue;
    found = ts.isPropertyAssignment(property) ? literalValue(property.initializer) : UNSEEN;
  }
  return found;
}
