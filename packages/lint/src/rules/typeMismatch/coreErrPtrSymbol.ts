import { ts } from '@ts-morph/common';
import { CORE_MODULE } from '../../model/coreImports';

function coreModuleSpecifier(file: ts.SourceFile): ts.Expression | undefined {
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier) && statement.moduleSpecifier.text === CORE_MODULE) {
      return statement.moduleSpecifier;
    }
    if (
      ts.isImportEqualsDeclaration(statement) &&
      ts.isExternalModuleReference(statement.moduleReference) &&
      ts.isStringLiteral(statement.moduleReference.expression) &&
      statement.moduleReference.expression.text === CORE_MODULE
    ) {
      return statement.moduleReference.expression;
    }
  }
  return undefined;
}

/**
 * The core's `ErrPtr` interface as the checker knows it from a file: found through the file's own
 * import of `@errinject/core`, so that a type named `ErrPtr` declared elsewhere does not count.
 *
 * @param file - a file that imports the core
 * @param checker - the program's type checker
 * @returns the symbol of `ErrPtr`, or `undefined` when the core does not resolve
 */
export function coreErrPtrSymbol(file: ts.SourceFile, checker: ts.TypeChecker): ts.Symbol | undefined {
  const specifier = coreModuleSpecifier(file);
  const moduleSymbol = specifier === undefined ? undefined : checker.getSymbolAtLocation(specifier);
  if (moduleSymbol === undefined) return undefined;
  const exported = checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === 'ErrPtr');
  if (exported === undefined) return undefined;
  return exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
}
