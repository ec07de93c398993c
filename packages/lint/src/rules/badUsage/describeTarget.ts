import { ts } from '@ts-morph/common';
import { classNameOf } from '../../model/findInjectables';

function memberText(name: ts.PropertyName | ts.BindingName | undefined): string {
  if (name === undefined) return '(anonymous)';
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return name.getText();
}

function owner(node: ts.Node): string {
  const klass = ts.isClassLike(node) ? classNameOf(node) : undefined;
  return klass === undefined ? '' : `${klass}.`;
}

/**
 * Describes what a decorator was put on, for a message saying it is not a method.
 *
 * @param target - the decorated node
 * @returns `the class Store`, `the getter Store.size`, `a parameter of Store.open` …
 */
export function describeTarget(target: ts.Node): string {
  if (ts.isClassLike(target)) return `the class ${classNameOf(target) ?? '(anonymous)'}`;
  if (ts.isGetAccessorDeclaration(target)) return `the getter ${owner(target.parent)}${memberText(target.name)}`;
  if (ts.isSetAccessorDeclaration(target)) return `the setter ${owner(target.parent)}${memberText(target.name)}`;
  if (ts.isConstructorDeclaration(target)) return `the constructor of ${classNameOf(target.parent) ?? '(anonymous class)'}`;
  if (ts.isPropertyDeclaration(target)) {
    const accessor = target.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.AccessorKeyword) ?? false;
    return `the ${accessor ? 'auto-accessor' : 'field'} ${owner(target.parent)}${memberText(target.name)}`;
  }
  // What else can carry a decorator (ts.canHaveDecorators) and is not a method of a class: a parameter.
  const fn = (target as ts.ParameterDeclaration).parent;
  const fnName = ts.isConstructorDeclaration(fn) ? 'constructor' : memberText(fn.name);
  return `a parameter of ${owner(fn.parent)}${fnName}`;
}
