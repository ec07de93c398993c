import { ts } from '@ts-morph/common';
import { CORE_MODULE, coreExportOf, coreImports, type CoreImports } from './coreImports';
import { ERROR_TYPE_BY_NUMBER, type ErrorTypeName, type Injectable, type MarkOptions } from './Injectable';
import { skipOuterExpressions } from './skipOuterExpressions';

/**
 * Finds every mark of a function as error-injectable in a program's source files. Only files that
 * mention the core's module name are walked, and in them only the parts whose text holds a name a
 * mark is made with; the type checker is asked only about the marks.
 */

const TYPE_BY_EXPORT: Readonly<Record<string, ErrorTypeName>> = {
  EI_TYPE_NULL: 'NULL',
  EI_TYPE_ERRNO: 'ERRNO',
  EI_TYPE_ERRNO_NULL: 'ERRNO_NULL',
  EI_TYPE_TRUE: 'TRUE',
};

function errorTypeOf(argument: ts.Expression | undefined, imports: CoreImports, checker: ts.TypeChecker): ErrorTypeName | undefined {
  if (argument === undefined) return undefined;
  const exported = coreExportOf(argument, imports);
  if (exported !== undefined) return TYPE_BY_EXPORT[exported];
  // A constant that is not the core's name for it (`const T = EI_TYPE_ERRNO`, or `2`): its literal type.
  const type = checker.getTypeAtLocation(argument);
  return type.isNumberLiteral() ? ERROR_TYPE_BY_NUMBER[type.value] : undefined;
}

function optionsOf(argument: ts.Expression | undefined): MarkOptions {
  if (argument === undefined || !ts.isObjectLiteralExpression(argument)) return {};
  const options: { name?: string; errPtr?: boolean; async?: boolean } = {};
  for (const property of argument.properties) {
    if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) continue;
    const value = property.initializer;
    const key = property.name.text;
    if (key === 'name' && (ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) options.name = value.text;
    if ((key === 'errPtr' || key === 'async') && (value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword)) {
      options[key] = value.kind === ts.SyntaxKind.TrueKeyword;
    }
  }
  return options;
}

/**
 * The name of a class member as the runtime sees it, when the source shows it.
 *
 * @param name - a member's name node
 * @returns its text, or `undefined` for computed names
 */
export function memberNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/**
 * The name a class has at run time: its own, or the variable's it is assigned to.
 *
 * @param node - a class declaration or expression
 * @returns the name, or `undefined` for an anonymous class
 */
export function classNameOf(node: ts.ClassLikeDeclaration): string | undefined {
  if (node.name !== undefined) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return undefined;
}

function decoratorMark(decorator: ts.Decorator, imports: CoreImports, checker: ts.TypeChecker): Injectable | undefined {
  const expression = decorator.expression;
  const call = ts.isCallExpression(expression) ? expression : undefined;
  const exported = coreExportOf(call?.expression ?? expression, imports);
  if (exported !== 'AllowErrorInjection') return undefined;
  const target = decorator.parent;
  const typeArgument = call?.arguments[0];
  const optionsArgument = call?.arguments[1];
  const options = optionsOf(optionsArgument);
  const isMethod = ts.isMethodDeclaration(target) && ts.isClassLike(target.parent);
  let name: string | undefined = options.name;
  if (name === undefined && isMethod) {
    const className = classNameOf(target.parent as ts.ClassLikeDeclaration);
    const member = memberNameText(target.name);
    if (className !== undefined && member !== undefined) name = `${className}.${member}`;
  }
  return {
    kind: 'method',
    marker: decorator,
    called: call !== undefined,
    typeArgument,
    type: errorTypeOf(typeArgument, imports, checker),
    optionsArgument,
    options,
    name,
    target,
    declaration: isMethod ? target : undefined,
    callee: isMethod ? target : undefined,
  };
}

function parentPastOuterExpressions(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent) ||
    ts.isNonNullExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current.parent;
}

function wrappedFunction(argument: ts.Expression | undefined, checker: ts.TypeChecker): ts.SignatureDeclaration | undefined {
  if (argument === undefined) return undefined;
  const inner = skipOuterExpressions(argument);
  if (ts.isFunctionExpression(inner) || ts.isArrowFunction(inner)) return inner;
  if (!ts.isIdentifier(inner)) return undefined;
  let symbol = checker.getSymbolAtLocation(inner);
  if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (declaration === undefined) return undefined;
  if (ts.isFunctionDeclaration(declaration)) return declaration;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined) {
    const initializer = skipOuterExpressions(declaration.initializer);
    if (ts.isFunctionExpression(initializer) || ts.isArrowFunction(initializer)) return initializer;
  }
  return undefined;
}

function runtimeNameOf(argument: ts.Expression | undefined): string | undefined {
  if (argument === undefined) return undefined;
  const inner = skipOuterExpressions(argument);
  if (ts.isIdentifier(inner)) return inner.text;
  if (ts.isFunctionExpression(inner) && inner.name !== undefined) return inner.name.text;
  return undefined;
}

function wrapperMark(call: ts.CallExpression, imports: CoreImports, checker: ts.TypeChecker): Injectable | undefined {
  if (coreExportOf(call.expression, imports) !== 'allowErrorInjection') return undefined;
  const [typeArgument, fnArgument, optionsArgument] = call.arguments;
  const options = optionsOf(optionsArgument);
  const holder = parentPastOuterExpressions(call);
  const callee =
    (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder)) && holder.initializer !== undefined
      ? holder
      : undefined;
  return {
    kind: 'function',
    marker: call,
    called: true,
    typeArgument,
    type: errorTypeOf(typeArgument, imports, checker),
    optionsArgument,
    options,
    name: options.name ?? runtimeNameOf(fnArgument),
    target: fnArgument ?? call,
    declaration: wrappedFunction(fnArgument, checker),
    callee,
  };
}

/**
 * Where some names occur in a text, as parts of longer words too.
 *
 * @param text - the text
 * @param names - the names
 * @returns the offsets, ascending
 */
function occurrences(text: string, names: readonly string[]): number[] {
  const found: number[] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) found.push(at);
  }
  return found.sort((a, b) => a - b);
}

/**
 * Tells whether an offset in `[start, end)` is among some.
 *
 * @param positions - offsets, ascending
 * @param start - the first offset of the range
 * @param end - the offset after it
 * @returns whether one is in the range
 */
function occursWithin(positions: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((positions[mid] as number) < start) low = mid + 1;
    else high = mid;
  }
  return low < positions.length && (positions[low] as number) < end;
}

/**
 * Finds the marks in one file.
 *
 * @param file - a source file
 * @param checker - the program's type checker
 * @returns the marks, in source order
 */
export function findInjectablesInFile(file: ts.SourceFile, checker: ts.TypeChecker): Injectable[] {
  if (file.isDeclarationFile || !file.text.includes(CORE_MODULE)) return [];
  const imports = coreImports(file);
  // A mark's text holds the local name of AllowErrorInjection or allowErrorInjection, or of a
  // namespace import: subtrees without one are skipped.
  const markers = [...imports.namespaces];
  for (const [local, exported] of imports.named) if (exported === 'AllowErrorInjection' || exported === 'allowErrorInjection') markers.push(local);
  const positions = occurrences(file.text, markers);
  if (positions.length === 0) return [];
  const found: Injectable[] = [];
  const visit = (node: ts.Node): void => {
    if (!occursWithin(positions, node.pos, node.end)) return;
    if (ts.canHaveDecorators(node)) {
      for (const decorator of ts.getDecorators(node) ?? []) {
        const mark = decoratorMark(decorator, imports, checker);
        if (mark !== undefined) found.push(mark);
      }
    }
    if (ts.isCallExpression(node)) {
      const mark = wrapperMark(node, imports, checker);
      if (mark !== undefined) found.push(mark);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
