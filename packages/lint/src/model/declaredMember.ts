import { ts } from 'ts-morph';

/**
 * The type an expression is declared with: `this`'s, a name's (a variable's annotation or
 * initializer, a parameter's, an import's), or a property's, looked up the same way on its object;
 * through parentheses and `!`.
 *
 * @param checker - the type checker
 * @param expression - `this`, a name or a property access, maybe in parentheses or with `!`
 * @returns the type, or `undefined` for any other expression
 */
function declaredType(checker: ts.TypeChecker, expression: ts.Expression): ts.Type | undefined {
  if (expression.kind === ts.SyntaxKind.ThisKeyword) return checker.getTypeAtLocation(expression);
  // Parentheses change nothing, and `!` only what declaredMember drops anyway: null and undefined.
  if (ts.isParenthesizedExpression(expression) || ts.isNonNullExpression(expression)) return declaredType(checker, expression.expression);
  if (ts.isIdentifier(expression)) {
    let symbol = checker.getSymbolAtLocation(expression);
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol === undefined || symbol.flags & ts.SymbolFlags.Alias ? undefined : checker.getTypeOfSymbol(symbol);
  }
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.name)) {
    const member = declaredMember(checker, expression.expression, expression.name.text);
    return member === undefined ? undefined : checker.getTypeOfSymbol(member);
  }
  return undefined;
}

/**
 * The member `name` of the type a receiver (`this`, a name, or a chain of property accesses on
 * them, with `!` or parentheses anywhere) is declared with, found without the flow analysis that narrowing needs: for a property
 * assigned in the same function, that analysis infers the type of every value assigned to it,
 * which can cost tens of milliseconds a call. Narrowing that could change the member is left to
 * the checker: where a part of the receiver is declared with a union (other than with `null` or
 * `undefined`), `any`, `unknown` or `never`, or is any other expression, there is no answer.
 * Narrowing of a receiver declared with a class or interface to one of its subclasses
 * (`instanceof` on a `Base`) is not followed: the declared type's member is the answer.
 *
 * @param checker - the type checker
 * @param receiver - the expression before the dot
 * @param name - the member's name
 * @returns the member (a symbol with declarations), or `undefined` where only the checker's full
 * answer will do
 */
export function declaredMember(checker: ts.TypeChecker, receiver: ts.Expression, name: string): ts.Symbol | undefined {
  const declared = declaredType(checker, receiver);
  if (declared === undefined) return undefined;
  const type = checker.getNonNullableType(declared);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never) || type.isUnion()) return undefined;
  const member = checker.getApparentType(type).getProperty(name);
  return member?.declarations === undefined || member.declarations.length === 0 ? undefined : member;
}
