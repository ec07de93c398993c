import { ts } from '@ts-morph/common';
import { declaredMember } from './declaredMember';

/**
 * The declarations of the function a call reaches, found as cheaply as the receiver allows: a
 * name's symbol, or a method looked up on the type its receiver is declared with
 * (`declaredMember`), never by resolving the call, which checks every argument (a callback's
 * body with them) and can cost milliseconds a call. Every declaration must be a function, method
 * or signature with a written return type, so that what the call returns can be read without
 * inferring it from a body.
 *
 * @param call - a call expression
 * @param checker - the type checker
 * @returns the declarations' return type nodes; `undefined` where only resolving the call would tell
 */
export function declaredReturnTypes(call: ts.CallExpression, checker: ts.TypeChecker): ts.TypeNode[] | undefined {
  const callee = call.expression;
  let symbol: ts.Symbol | undefined;
  if (ts.isIdentifier(callee)) {
    symbol = checker.getSymbolAtLocation(callee);
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) && !ts.isOptionalChain(callee)) {
    symbol = declaredMember(checker, callee.expression, callee.name.text);
  }
  const declarations = symbol?.declarations;
  if (declarations === undefined || declarations.length === 0) return undefined;
  const types: ts.TypeNode[] = [];
  for (const declaration of declarations) {
    if (!ts.isFunctionLike(declaration) || declaration.type === undefined) return undefined;
    types.push(declaration.type);
  }
  return types;
}
