import { relative } from 'node:path';
import ts from 'typescript';
import type { RealMark } from './RealCorpus';

/** A call that resolves to a marked declaration, in a marked program. */
export interface MarkedCall {
  /** The file, relative to the corpus directory, with `/` separators. */
  readonly file: string;
  /** The line of the called name, 1-based (marks keep lines, so the same in the unmarked source). */
  readonly line: number;
  /** The line and column where the call starts, 1-based, as ei-lint reports a finding at the call. */
  readonly startLine: number;
  readonly column: number;
  /** Where the call ends, 1-based line and column. */
  readonly endLine: number;
  readonly endColumn: number;
  /** The called name as written. */
  readonly callee: string;
  /** Which call of `callee` on that line, 1-based, in reading order. */
  readonly occurrence: number;
  /** The mark it resolves to. */
  readonly mark: RealMark;
}

/** The name a call is made by: `f` in `f()`, `m` in `a.b.m()` or `a?.m()`, `m` in `a['m']()`. */
export function calleeName(call: ts.CallExpression): ts.Identifier | ts.PrivateIdentifier | ts.StringLiteralLike | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) || ts.isAsExpression(callee)) callee = callee.expression;
  if (ts.isIdentifier(callee)) return callee;
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression;
  return undefined;
}

/**
 * The declaration a mark stands on in a marked file: the method of `Class.method`, or the variable
 * `f` that `const f = allowErrorInjection(...)` declares at the top level.
 */
function markedDeclaration(file: ts.SourceFile, mark: RealMark): ts.Declaration {
  const dot = mark.name.indexOf('.');
  if (dot !== -1) {
    for (const statement of file.statements) {
      if (!ts.isClassDeclaration(statement) || statement.name?.text !== mark.name.slice(0, dot)) continue;
      for (const member of statement.members) {
        if (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === mark.name.slice(dot + 1)) return member;
      }
    }
  } else {
    for (const statement of file.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.name.text === mark.name) return declaration;
      }
    }
  }
  throw new Error(`mark ${JSON.stringify(mark.name)}: not found in the marked ${file.fileName}`);
}

/**
 * The members a marked method implements or overrides: the members of the same name in the
 * interfaces its class implements and the classes it extends, and in theirs, transitively. ei-lint
 * counts a call through any of them (`params.getSubParams()` on an `IParams`) as a call of the mark.
 */
function implementedMembers(method: ts.Declaration, checker: ts.TypeChecker): ts.Declaration[] {
  const name = ts.isMethodDeclaration(method) && ts.isIdentifier(method.name) ? method.name.text : undefined;
  if (name === undefined || !ts.isClassLike(method.parent)) return [];
  const found: ts.Declaration[] = [];
  const seen = new Set<ts.Node>();
  const visit = (owner: ts.ClassLikeDeclaration | ts.InterfaceDeclaration): void => {
    if (seen.has(owner)) return;
    seen.add(owner);
    for (const clause of owner.heritageClauses ?? []) {
      for (const heritage of clause.types) {
        const property = checker.getTypeAtLocation(heritage).getProperty(name);
        for (const declaration of property?.declarations ?? []) if (declaration !== method) found.push(declaration);
        let symbol = checker.getSymbolAtLocation(heritage.expression);
        if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        for (const declaration of symbol?.declarations ?? []) {
          if (ts.isClassLike(declaration) || ts.isInterfaceDeclaration(declaration)) visit(declaration);
        }
      }
    }
  };
  visit(method.parent);
  return found;
}

/**
 * Lists, with the TypeScript checker, every call in the corpus that resolves to a marked
 * declaration: by the symbol of the called name (imports followed), so directly, through `this`,
 * or through any expression whose type declares the marked member, or a member of an interface or
 * base class it implements.
 *
 * @param program - the marked corpus
 * @param dir - the corpus directory
 * @param marks - the corpus's marks
 * @returns the calls, by file and position
 */
export function listMarkedCalls(program: ts.Program, dir: string, marks: readonly RealMark[]): MarkedCall[] {
  const checker = program.getTypeChecker();
  const byDeclaration = new Map<ts.Node, RealMark>();
  for (const mark of marks) {
    const file = program.getSourceFiles().find((sourceFile) => relative(dir, sourceFile.fileName).split('\\').join('/') === mark.file);
    if (file === undefined) throw new Error(`mark ${JSON.stringify(mark.name)}: ${mark.file} is not a file of the corpus`);
    const declaration = markedDeclaration(file, mark);
    byDeclaration.set(declaration, mark);
    for (const member of implementedMembers(declaration, checker)) if (!byDeclaration.has(member)) byDeclaration.set(member, mark);
  }
  const calls: MarkedCall[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
    const name = relative(dir, file.fileName).split('\\').join('/');
    const seen = new Map<string, number>();
    const named: { node: ts.CallExpression; name: ts.Node; text: string }[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = calleeName(node);
        if (callee !== undefined) named.push({ node, name: callee, text: callee.text });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    named.sort((a, b) => a.name.getStart(file) - b.name.getStart(file));
    for (const { node, name: nameNode, text } of named) {
      const at = file.getLineAndCharacterOfPosition(nameNode.getStart(file));
      const key = `${at.line}:${text}`;
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      let symbol = checker.getSymbolAtLocation(nameNode);
      if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      const mark = symbol?.declarations?.map((declaration) => byDeclaration.get(declaration)).find((found) => found !== undefined);
      if (mark === undefined) continue;
      const start = file.getLineAndCharacterOfPosition(node.getStart(file));
      const end = file.getLineAndCharacterOfPosition(node.end);
      calls.push({ file: name, line: at.line + 1, startLine: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1, callee: text, occurrence, mark });
    }
  }
  return calls;
}
