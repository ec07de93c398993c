import ts from 'typescript';

/** What a mark's name designates in a file: a method of a class, or a plain function declaration. */
export type MarkTarget = { readonly kind: 'method'; readonly node: ts.MethodDeclaration } | { readonly kind: 'function'; readonly node: ts.FunctionDeclaration };

function nameText(name: ts.PropertyName | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/**
 * Finds what a mark's name designates in an unmarked file: `Class.method` a method with a body of a
 * class declared at the top level of the file, `f` a function declaration with a body at the top
 * level. Overloaded functions and methods are refused (a mark there would have to choose).
 *
 * @param file - the parsed file
 * @param name - `Class.method` or `f`
 * @returns the declaration
 * @throws Error naming the mark when there is no such declaration, or several (overloads)
 */
export function findMarkTarget(file: ts.SourceFile, name: string): MarkTarget {
  const dot = name.indexOf('.');
  if (dot !== -1) {
    const className = name.slice(0, dot);
    const methodName = name.slice(dot + 1);
    const classes = file.statements.filter((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && statement.name?.text === className);
    const methods = classes.flatMap((declaration) => declaration.members.filter((member): member is ts.MethodDeclaration => ts.isMethodDeclaration(member) && nameText(member.name) === methodName));
    if (methods.length !== 1 || methods[0]?.body === undefined) {
      throw new Error(`mark ${JSON.stringify(name)} in ${file.fileName}: ${methods.length} methods of that name in a top-level class ${JSON.stringify(className)}; a mark needs exactly one, with a body (no overloads)`);
    }
    return { kind: 'method', node: methods[0] };
  }
  const functions = file.statements.filter((statement): statement is ts.FunctionDeclaration => ts.isFunctionDeclaration(statement) && statement.name?.text === name);
  if (functions.length !== 1 || functions[0]?.body === undefined) {
    throw new Error(`mark ${JSON.stringify(name)} in ${file.fileName}: ${functions.length} top-level function declarations of that name; a mark needs exactly one, with a body (no overloads)`);
  }
  return { kind: 'function', node: functions[0] };
}
