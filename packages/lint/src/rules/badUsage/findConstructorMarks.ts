import { ts } from '@ts-morph/common';
import { CORE_MODULE, coreExportOf, coreImports } from '../../model/coreImports';

const DECORATOR_NAME = 'AllowErrorInjection';

/** The outermost decorator that holds a position, found by descending only into the nodes that hold it. */
function decoratorAt(file: ts.SourceFile, position: number): ts.Decorator | undefined {
  let node: ts.Node = file;
  while (!ts.isDecorator(node)) {
    const next: ts.Node | undefined = ts.forEachChild(node, (child) => (child.pos <= position && position < child.end ? child : undefined));
    if (next === undefined) return undefined;
    node = next;
  }
  return node;
}

/**
 * Finds `@AllowErrorInjection` on constructors, which the index of marks does not list
 * (`ts.canHaveDecorators` is false for them, though the parser keeps them). Syntax only, and no
 * walk of the file: from each place its text names the decorator, the tree is descended along
 * that position alone.
 *
 * @param file - a linted file
 * @returns the decorators, in source order
 */
export function findConstructorMarks(file: ts.SourceFile): ts.Decorator[] {
  const text = file.text;
  if (file.isDeclarationFile || !text.includes(CORE_MODULE)) return [];
  const imports = coreImports(file);
  const found: ts.Decorator[] = [];
  let at = text.indexOf(DECORATOR_NAME);
  while (at !== -1) {
    const decorator = decoratorAt(file, at);
    // Past the decorator, so that its name in its own arguments does not find it again.
    at = text.indexOf(DECORATOR_NAME, Math.max(at + DECORATOR_NAME.length, decorator?.end ?? 0));
    if (decorator === undefined || !ts.isConstructorDeclaration(decorator.parent)) continue;
    const expression = ts.isCallExpression(decorator.expression) ? decorator.expression.expression : decorator.expression;
    if (coreExportOf(expression, imports) === DECORATOR_NAME) found.push(decorator);
  }
  return found;
}
