import { ts } from '@ts-morph/common';
import { coreImports, coreExportOf, type CoreImports } from '../../model/coreImports';
import type { Injectable } from '../../model/Injectable';
import { skipOuterExpressions } from '../../model/skipOuterExpressions';
import { chainKey } from './Reference';

/** How a guard call tests its first argument. */
export type GuardKind = 'isErr' | 'isErrOrNull' | 'configured';

/**
 * What the analysis of every call of a run shares: the checker, the guards, the marks by the
 * function whose body they mark, and per-scope indexes of identifiers (built once, by syntax).
 */
export class CheckEnv {
  private readonly guards: ReadonlySet<string>;
  private readonly injectableByDeclaration = new Map<ts.Node, Injectable>();
  private readonly importsByFile = new Map<ts.SourceFile, CoreImports>();
  private readonly identifiersByScope = new Map<ts.Node, Map<string, Array<ts.Identifier | ts.PrivateIdentifier>>>();
  private readonly symbols = new Map<ts.Node, ts.Symbol | undefined>();

  /**
   * @param checker - the type checker
   * @param guards - the configured guards, by name (`isFailure`, `Result.isFailure`)
   * @param injectables - every mark of the program
   */
  constructor(
    readonly checker: ts.TypeChecker,
    guards: readonly string[],
    injectables: readonly Injectable[],
  ) {
    this.guards = new Set(guards);
    for (const injectable of injectables) {
      if (injectable.declaration !== undefined) this.injectableByDeclaration.set(injectable.declaration, injectable);
    }
  }

  /**
   * The mark whose body a function is.
   *
   * @param fn - a function-like node
   * @returns its mark, or `undefined` when it is not marked
   */
  injectableOf(fn: ts.Node): Injectable | undefined {
    return this.injectableByDeclaration.get(fn);
  }

  /**
   * Tells whether a call is a guard that tests its first argument: the core's `isErr` and
   * `isErrOrNull` (imported, or by those names), or a configured guard named by the callee's text.
   *
   * @param call - a call expression
   * @returns the guard's kind, or `undefined`
   */
  guardKindOf(call: ts.CallExpression): GuardKind | undefined {
    if (call.arguments.length === 0) return undefined;
    const callee = skipOuterExpressions(call.expression);
    const exported = coreExportOf(callee, this.coreImportsOf(call.getSourceFile()));
    const name = exported ?? (ts.isIdentifier(callee) ? callee.text : undefined);
    if (name === 'isErr' || name === 'isErrOrNull') return name;
    const text = chainKey(callee);
    return text !== undefined && this.guards.has(text) ? 'configured' : undefined;
  }

  private coreImportsOf(file: ts.SourceFile): CoreImports {
    let imports = this.importsByFile.get(file);
    if (imports === undefined) {
      imports = coreImports(file);
      this.importsByFile.set(file, imports);
    }
    return imports;
  }

  /**
   * The identifiers of a scope by their text, in source order: one walk of the scope's syntax,
   * shared by every call in it.
   *
   * @param scope - a function or a source file
   * @param text - an identifier's text
   * @returns the identifiers (and private names, `#fd`) with that text
   */
  identifiersIn(scope: ts.Node, text: string): ReadonlyArray<ts.Identifier | ts.PrivateIdentifier> {
    let index = this.identifiersByScope.get(scope);
    if (index === undefined) {
      const built = new Map<string, Array<ts.Identifier | ts.PrivateIdentifier>>();
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
          const list = built.get(node.text);
          if (list === undefined) built.set(node.text, [node]);
          else list.push(node);
        }
        ts.forEachChild(node, visit);
      };
      visit(scope);
      index = built;
      this.identifiersByScope.set(scope, index);
    }
    return index.get(text) ?? [];
  }

  /**
   * The symbol an identifier refers to as a value (for `{ r }`, the variable `r`), remembered.
   *
   * @param identifier - an identifier in an expression
   * @returns its symbol, or `undefined`
   */
  valueSymbolOf(identifier: ts.Identifier): ts.Symbol | undefined {
    if (this.symbols.has(identifier)) return this.symbols.get(identifier);
    const parent = identifier.parent;
    const symbol =
      ts.isShorthandPropertyAssignment(parent) && parent.name === identifier
        ? this.checker.getShorthandAssignmentValueSymbol(parent)
        : this.checker.getSymbolAtLocation(identifier);
    this.symbols.set(identifier, symbol);
    return symbol;
  }
}
