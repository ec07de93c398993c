import { ts } from '@ts-morph/common';
import { skipParentheses } from '../shared/skipParentheses';
import type { CheckEnv } from './CheckEnv';

/**
 * Where a call's result is kept and read again: a variable or parameter (by its symbol), or a
 * property reached by names (`this.fd`, by its text, within one function).
 */
export interface Reference {
  /** The variable's name, or the property's last name. */
  readonly text: string;
  /** The variable's symbol; `undefined` for a property. */
  readonly symbol: ts.Symbol | undefined;
  /** The property's chain of names (`this.fd`); `undefined` for a variable. */
  readonly chain: string | undefined;
  /** The declaration, parameter or assignment that gives it the result. */
  readonly def: ts.Node;
  /** Where it is read: the function (or file) that declares the variable or makes the assignment. */
  readonly scope: ts.Node;
  /** An assignment whose own value is used (`if ((r = f()) < 0)`): its first read. */
  readonly defValue: ts.Expression | undefined;
  /** Where the value goes when nothing in the scope reads it: an exported variable, a property. */
  readonly store: ts.Node | undefined;
}

/**
 * The key of a chain of names: `r`, `this`, `this.fd`, `a.b.#c`. It names a property that holds a
 * result, and the callee of a call matched against configured names (`Result.isFailure`, `assert.ok`).
 *
 * @param node - an expression
 * @returns its key, or `undefined` for anything else (optional chains, calls, elements)
 */
export function chainKey(node: ts.Expression): string | undefined {
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(node) && node.questionDotToken === undefined) {
    const left = chainKey(node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  return undefined;
}

function functionScope(node: ts.Node): ts.Node {
  let current = node.parent;
  while (current !== undefined && !ts.isSourceFile(current)) {
    if ((ts.isFunctionLike(current) && (current as ts.FunctionLikeDeclaration).body !== undefined) || ts.isClassStaticBlockDeclaration(current)) {
      return current;
    }
    current = current.parent;
  }
  return current ?? node.getSourceFile();
}

function isExported(declaration: ts.VariableDeclaration): boolean {
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}

/**
 * The reference a variable declaration, a parameter or an assignment to a name creates.
 *
 * @param name - the variable's or parameter's name, or the left side of the assignment
 * @param def - the declaration, parameter or assignment
 * @param env - the shared analysis state
 * @returns the reference, or `undefined` when the target is not a name or a chain of names
 */
export function referenceOf(name: ts.Expression | ts.BindingName, def: ts.Node, env: CheckEnv): Reference | undefined {
  // An assignment whose own value is read: not one whose value is dropped (a statement, a loop's update).
  const dropped = ts.isExpressionStatement(def.parent) || (ts.isForStatement(def.parent) && def.parent.incrementor === def);
  const defValue = ts.isBinaryExpression(def) && !dropped ? def : undefined;
  if (ts.isIdentifier(name)) {
    const symbol = env.valueSymbolOf(name);
    const declaration = symbol?.valueDeclaration;
    if (symbol === undefined || declaration === undefined) return undefined;
    const scope = ts.isParameter(declaration) ? declaration.parent : functionScope(declaration);
    const store = ts.isVariableDeclaration(declaration) && isExported(declaration) ? declaration.name : undefined;
    return { text: name.text, symbol, chain: undefined, def, scope, defValue, store };
  }
  if (ts.isPropertyAccessExpression(name)) {
    const chain = chainKey(name);
    if (chain === undefined) return undefined;
    return { text: name.name.text, symbol: undefined, chain, def, scope: functionScope(def), defValue, store: name };
  }
  return undefined;
}

/**
 * Tells whether an expression reads the reference: the name itself, or an assignment to it.
 *
 * @param node - an expression
 * @param ref - the reference
 * @param env - the shared analysis state
 * @returns true when the expression's value is the reference's value
 */
export function refersTo(node: ts.Expression, ref: Reference, env: CheckEnv): boolean {
  const inner = skipParentheses(node);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.EqualsToken) return refersTo(inner.left, ref, env);
  if (ref.symbol !== undefined) return ts.isIdentifier(inner) && inner.text === ref.text && env.valueSymbolOf(inner) === ref.symbol;
  return ts.isPropertyAccessExpression(inner) && inner.name.text === ref.text && chainKey(inner) === ref.chain;
}

const COMPOUND_ASSIGNMENTS = new Set([
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

function isNameOnly(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  if (ts.isTypeQueryNode(parent) || ts.isQualifiedName(parent) || ts.isJsxAttribute(parent)) return true;
  return (
    (ts.isVariableDeclaration(parent) ||
      ts.isParameter(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isFunctionDeclaration(parent) ||
      ts.isBindingElement(parent)) &&
    parent.name === identifier
  );
}

/**
 * Where a write to a reference decides the value: the block (or the lone statement of a branch)
 * that holds it. Reads after the write inside it see the new value; reads after it outside may
 * see either (`if (r === -errno.ENOENT) r = 0; return r;`).
 */
function regionOf(write: ts.Node): ts.Node {
  let current = write;
  while (!ts.isStatement(current) && current.parent !== undefined) current = current.parent;
  const parent = current.parent;
  return ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isModuleBlock(parent) || ts.isCaseOrDefaultClause(parent) ? parent : current;
}

function isWithin(node: ts.Node, region: ts.Node): boolean {
  return region.pos <= node.pos && node.end <= region.end;
}

/** Where the write a name is the target of ends: the whole assignment, `+=` or `++`. */
function writeEnd(node: ts.Expression): number {
  let outer: ts.Node = node;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  return outer.parent.end;
}

/**
 * How a read of a reference also writes it: `=` replaces it, `+=` and `++` read it first.
 *
 * @param node - a name or a chain of names
 * @returns `'replace'`, `'update'`, or `undefined` for a plain read
 */
export function writeOf(node: ts.Expression): 'replace' | 'update' | undefined {
  let outer: ts.Node = node;
  while (ts.isParenthesizedExpression(outer.parent)) outer = outer.parent;
  const parent = outer.parent;
  if (ts.isBinaryExpression(parent) && parent.left === outer) {
    if (parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return 'replace';
    if (COMPOUND_ASSIGNMENTS.has(parent.operatorToken.kind)) return 'update';
  }
  if (
    (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)
  ) {
    return 'update';
  }
  return undefined;
}

/**
 * The reads of a reference that may see the value given to it, in source order: those after the
 * definition, except the ones after a later write in that write's own block (a compound
 * assignment or `++` is a read, then a write); then, for a variable written in a loop's body, the
 * reads the next pass makes before the write (its condition, the body's first statements). Only the names with the reference's text are asked
 * the checker for their symbol.
 *
 * @param ref - the reference
 * @param env - the shared analysis state
 * @returns the expressions that read it: names, property chains, or the assignment itself
 */
export function occurrencesOf(ref: Reference, env: CheckEnv): ts.Expression[] {
  const found: ts.Expression[] = ref.defValue === undefined ? [] : [ref.defValue];
  // Later writes: each hides the value in its region from the end of the write on (the right side
  // of `r = r === null ? x : r.up` still reads the old value).
  const shadows: { readonly region: ts.Node; readonly from: number }[] = [];
  const loop = ref.symbol === undefined ? undefined : loopAround(ref.def, ref.scope);
  // Reads the loop's next pass makes before it reaches the write again: in its condition and update,
  // and in its body up to the write, until another write to it there.
  const nextPass: ts.Expression[] = [];
  let passWritten = false;
  for (const identifier of env.identifiersIn(ref.scope, ref.text)) {
    const before = identifier.end <= ref.def.end;
    if (before && (loop === undefined || passWritten || !isWithin(identifier, loop) || isInitializerOf(loop, identifier))) continue;
    let node: ts.Expression;
    if (ref.symbol !== undefined) {
      if (!ts.isIdentifier(identifier) || isNameOnly(identifier)) continue;
      if (ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier) continue;
      if (env.valueSymbolOf(identifier) !== ref.symbol) continue;
      node = identifier;
    } else {
      const parent = identifier.parent;
      if (!ts.isPropertyAccessExpression(parent) || parent.name !== identifier || chainKey(parent) !== ref.chain) continue;
      node = parent;
    }
    if (before) {
      if (writeOf(node) === undefined) nextPass.push(node);
      else passWritten = true;
      continue;
    }
    if (shadows.some((shadow) => node.pos >= shadow.from && isWithin(node, shadow.region))) continue;
    const write = writeOf(node);
    if (write !== 'replace') found.push(node);
    if (write !== undefined) shadows.push({ region: regionOf(node), from: writeEnd(node) });
  }
  // The next pass reads the value, unless a later write always replaces it first.
  if (!shadows.some((shadow) => isWithin(ref.def, shadow.region))) found.push(...nextPass);
  return found;
}

function isInitializerOf(loop: ts.ForStatement | ts.WhileStatement, node: ts.Node): boolean {
  return ts.isForStatement(loop) && loop.initializer !== undefined && isWithin(node, loop.initializer);
}

/**
 * The loop whose next pass a write in its body reaches: `for (let p = start; p; ) { …; p =
 * parentOf(p); }` tests `p` again at the top (in the condition, or in the body's first statements:
 * `for (;;) { if (!p) break; … }`) before any read that follows the write in the source.
 *
 * @param def - the write
 * @param scope - the function (or file) that holds the variable
 * @returns the `for` or `while` loop, or `undefined` when the write is in no such loop's body
 *   within the scope (a `do` loop's condition follows its body anyway; `for…of` has none)
 */
function loopAround(def: ts.Node, scope: ts.Node): ts.ForStatement | ts.WhileStatement | undefined {
  let node = def;
  while (node !== scope && node.parent !== undefined && !ts.isFunctionLike(node.parent)) {
    const parent = node.parent;
    if (ts.isForStatement(parent) && (node === parent.statement || node === parent.incrementor)) return parent;
    if (ts.isWhileStatement(parent) && node === parent.statement) return parent;
    if (ts.isDoStatement(parent) || ts.isForInStatement(parent) || ts.isForOfStatement(parent)) return undefined;
    node = parent;
  }
  return undefined;
}
