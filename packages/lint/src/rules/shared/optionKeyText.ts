import { ts } from '@ts-morph/common';

/**
 * The name of a property of an options literal, when the source shows it.
 *
 * @param name - a property's name node
 * @returns its text, or `undefined` for a computed name that is not a string literal
 */
export function optionKeyText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}
