import { ts } from 'ts-morph';
import { CORE_MODULE, coreExportOf, coreImports } from '../../model/coreImports';

/**
 * Finds `@AllowErrorInjection` on constructors, which the index of marks does not list
 * (`ts.canHaveDecorators` is false for them, though the parser keeps them). Syntax only, and only in
 * files whose text mentions the core, the decorator and a constructor.
 *
 * @param file - a linted file
 * @returns the decorators, in source order
 */
export function findConstructorMarks(file: ts.SourceFile): ts.Decorator[] {
  const text = file.text;
  if (file.isDeclarationFile || !text.includes(CORE_MODULE) || !text.includes('AllowErrorInjection') || !text.includes('constructor')) return [];
  const imports = coreImports(file);
  const found: ts.Decorator[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isConstructorDeclaration(node)) {
      for (const modifier of node.modifiers ?? []) {
        if (!ts.isDecorator(modifier)) continue;
        const expression = ts.isCallExpression(modifier.expression) ? modifier.expression.expression : modifier.expression;
        if (coreExportOf(expression, imports) === 'AllowErrorInjection') found.push(modifier);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
