import { ts } from '@ts-morph/common';

/** The module name the checker knows the core by. */
export const CORE_MODULE = '@errinject/core';

/**
 * The names a file imports from the core: local name to the core's export name, and the local
 * names of namespace imports (`import * as ei from '@errinject/core'`).
 */
export interface CoreImports {
  readonly named: ReadonlyMap<string, string>;
  readonly namespaces: ReadonlySet<string>;
}

/**
 * Reads the imports of `@errinject/core` of a file (ES imports and `import x = require(...)`).
 *
 * @param file - a source file
 * @returns its core imports; empty when it has none
 */
export function coreImports(file: ts.SourceFile): CoreImports {
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (!ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== CORE_MODULE) continue;
      const bindings = statement.importClause?.namedBindings;
      if (bindings === undefined) continue;
      if (ts.isNamespaceImport(bindings)) {
        namespaces.add(bindings.name.text);
      } else {
        for (const element of bindings.elements) named.set(element.name.text, (element.propertyName ?? element.name).text);
      }
    } else if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression) &&
      statement.moduleReference.expression.text === CORE_MODULE
    ) {
      namespaces.add(statement.name.text);
    }
  }
  return { named, namespaces };
}

/**
 * Tells which core export an expression names: `AllowErrorInjection` for an imported identifier or
 * `ei.AllowErrorInjection` for a namespace import.
 *
 * @param expression - any expression
 * @param imports - the file's core imports
 * @returns the core export's name, or `undefined`
 */
export function coreExportOf(expression: ts.Expression, imports: CoreImports): string | undefined {
  if (ts.isIdentifier(expression)) return imports.named.get(expression.text);
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && imports.namespaces.has(expression.expression.text)) {
    return expression.name.text;
  }
  return undefined;
}
