import { ts } from '@ts-morph/common';
import { declaredMember, declaredUnionMembers } from './declaredMember';
import { findInjectablesInFile, memberNameText } from './findInjectables';
import type { Injectable } from './Injectable';
import { skipOuterExpressions } from './skipOuterExpressions';

/** A call of an error-injectable function. */
export interface InjectableCall {
  readonly call: ts.CallExpression;
  readonly injectable: Injectable;
}

function calleeNameNode(call: ts.CallExpression): ts.Identifier | ts.PrivateIdentifier | ts.StringLiteralLike | undefined {
  const callee = skipOuterExpressions(call.expression);
  if (ts.isIdentifier(callee)) return callee;
  if (ts.isPropertyAccessExpression(callee)) return callee.name;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression;
  return undefined;
}

/**
 * Every error-injectable function of a program, and the calls that reach them. A call reaches a
 * mark when its callee resolves to the marked method, to a member of an interface or base class the
 * marked method implements, or to the variable or property a wrapped function is stored in.
 *
 * Calls are first filtered by the callee's name, so the type checker is asked only about calls
 * that could reach a mark. A method call (`a.b.m()`, `this.x.m()`) is then looked up on the type
 * its receiver is declared with (`declaredMember`; for a union, `declaredUnionMembers` can tell it
 * reaches no mark), and resolved the checker's full way only where that gives no answer. Each call
 * is resolved once.
 */
export class InjectableIndex {
  /** Every mark, in file order. */
  readonly all: readonly Injectable[];
  private readonly byDeclaration = new Map<ts.Node, Injectable>();
  private readonly names = new Set<string>();
  private readonly callsByFile = new Map<ts.SourceFile, InjectableCall[]>();
  /** What each name node resolved to: a call's callee name, or a property read's name. */
  private readonly resolved = new Map<ts.Node, Injectable | undefined>();
  private readonly heritageTypes = new Map<ts.ExpressionWithTypeArguments, ts.Type>();

  /**
   * @param program - the program
   * @param checker - its type checker
   */
  constructor(
    program: ts.Program,
    private readonly checker: ts.TypeChecker,
  ) {
    const all: Injectable[] = [];
    for (const file of program.getSourceFiles()) all.push(...findInjectablesInFile(file, checker));
    this.all = all;
    for (const injectable of all) this.add(injectable);
  }

  private add(injectable: Injectable): void {
    const callee = injectable.callee;
    if (callee === undefined) return;
    const name = ts.getNameOfDeclaration(callee);
    const text = name === undefined ? undefined : ts.isPropertyName(name) ? memberNameText(name) : undefined;
    if (text === undefined) return;
    this.names.add(text);
    if (!this.byDeclaration.has(callee)) this.byDeclaration.set(callee, injectable);
    if (injectable.kind === 'method') this.addSupertypeMembers(callee as ts.MethodDeclaration, text, injectable);
  }

  /** Members of the interfaces and base classes a marked method implements reach it too. */
  private addSupertypeMembers(method: ts.MethodDeclaration, name: string, injectable: Injectable): void {
    const isStatic = method.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
    if (isStatic || !ts.isClassLike(method.parent)) return;
    for (const clause of method.parent.heritageClauses ?? []) {
      for (const expression of clause.types) {
        let type = this.heritageTypes.get(expression);
        if (type === undefined) {
          type = this.checker.getTypeAtLocation(expression);
          this.heritageTypes.set(expression, type);
        }
        const property = type.getProperty(name);
        for (const declaration of property?.declarations ?? []) {
          if (declaration !== method && !this.byDeclaration.has(declaration)) this.byDeclaration.set(declaration, injectable);
        }
      }
    }
  }

  /**
   * Tells whether some mark is reached under a name: a cheap filter before anything is resolved.
   *
   * @param name - a member's or variable's name
   * @returns whether a marked method or a wrapped function's holder has that name
   */
  hasName(name: string): boolean {
    return this.names.has(name);
  }

  /**
   * The mark a call reaches.
   *
   * @param call - any call expression
   * @returns the mark, or `undefined` for a call of anything else
   */
  resolveCall(call: ts.CallExpression): Injectable | undefined {
    const nameNode = calleeNameNode(call);
    if (nameNode === undefined) return undefined;
    const callee = skipOuterExpressions(call.expression);
    return this.resolveName(ts.isPropertyAccessExpression(callee) && callee.name === nameNode ? callee.expression : undefined, nameNode);
  }

  /**
   * The mark a property read reaches, whatever is done with the value: `store.open`, `this.open`,
   * `super.open`, `Store.prototype.open`, `store['open']`. Resolved as a call's callee is.
   *
   * @param access - a property access, or an element access with a literal key
   * @returns the mark, or `undefined` for a read of anything else (or a computed key)
   */
  resolveAccess(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): Injectable | undefined {
    if (ts.isPropertyAccessExpression(access)) return this.resolveName(access.expression, access.name);
    const key = access.argumentExpression;
    return ts.isStringLiteralLike(key) ? this.resolveName(undefined, key) : undefined;
  }

  /**
   * The mark a property of a type reaches: what `const { open } = store` destructures.
   *
   * @param type - the type of the object
   * @param name - the property's name
   * @returns the mark, or `undefined`
   */
  resolveProperty(type: ts.Type, name: string): Injectable | undefined {
    if (!this.names.has(name)) return undefined;
    const symbol = this.checker.getApparentType(this.checker.getNonNullableType(type)).getProperty(name);
    return symbol === undefined ? undefined : this.injectableOf(symbol);
  }

  private resolveName(receiver: ts.Expression | undefined, nameNode: ts.Identifier | ts.PrivateIdentifier | ts.StringLiteralLike): Injectable | undefined {
    if (!this.names.has(nameNode.text)) return undefined;
    if (this.resolved.has(nameNode)) return this.resolved.get(nameNode);
    const injectable = this.resolve(receiver, nameNode);
    this.resolved.set(nameNode, injectable);
    return injectable;
  }

  private resolve(receiver: ts.Expression | undefined, nameNode: ts.Identifier | ts.PrivateIdentifier | ts.StringLiteralLike): Injectable | undefined {
    if (receiver !== undefined) {
      const member = declaredMember(this.checker, receiver, nameNode.text);
      if (member !== undefined) return this.injectableOf(member);
      // Declared with a union none of whose types' members is marked: narrowing cannot reach a mark.
      const members = declaredUnionMembers(this.checker, receiver, nameNode.text);
      if (members?.every((candidate) => this.injectableOf(candidate) === undefined) === true) return undefined;
    }
    let symbol = this.checker.getSymbolAtLocation(nameNode);
    if (symbol === undefined) return undefined;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
    return this.injectableOf(symbol);
  }

  private injectableOf(symbol: ts.Symbol): Injectable | undefined {
    for (const declaration of symbol.declarations ?? []) {
      const injectable = this.byDeclaration.get(declaration);
      if (injectable !== undefined) return injectable;
    }
    return undefined;
  }

  /**
   * The calls of error-injectable functions in a file.
   *
   * @param file - a source file
   * @returns the calls, in source order
   */
  callsIn(file: ts.SourceFile): readonly InjectableCall[] {
    let calls = this.callsByFile.get(file);
    if (calls === undefined) {
      calls = [];
      if (this.names.size > 0) {
        const found = calls;
        const visit = (node: ts.Node): void => {
          if (ts.isCallExpression(node)) {
            const injectable = this.resolveCall(node);
            if (injectable !== undefined) found.push({ call: node, injectable });
          }
          ts.forEachChild(node, visit);
        };
        visit(file);
      }
      this.callsByFile.set(file, calls);
    }
    return calls;
  }
}
