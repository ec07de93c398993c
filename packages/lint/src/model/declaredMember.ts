import { ts } from '@ts-morph/common';

function isStatic(member: ts.Node): boolean {
  return ts.isClassStaticBlockDeclaration(member) || (ts.canHaveModifiers(member) && (ts.getModifiers(member)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false));
}

/**
 * What `this` is in a member of a class declaration, read from the class rather than by the
 * checker, which would follow `this` through the flow of the whole function first.
 *
 * @param checker - the type checker
 * @param node - a `this` keyword
 * @returns the class's instance type, or its constructor's type in a static member; `undefined`
 * elsewhere (functions, object literals, class expressions)
 */
function thisType(checker: ts.TypeChecker, node: ts.Node): ts.Type | undefined {
  let container = node.parent;
  // Up to what binds `this`: arrow functions do not; decorators and computed names see the outer one.
  while (
    !ts.isFunctionLike(container) ||
    ts.isArrowFunction(container)
  ) {
    if (ts.isDecorator(container) || ts.isComputedPropertyName(container) || ts.isClassLike(container) || ts.isSourceFile(container)) return undefined;
    if (ts.isPropertyDeclaration(container) || ts.isClassStaticBlockDeclaration(container)) break;
    container = container.parent;
  }
  const declaration = container.parent;
  if (!ts.isClassDeclaration(declaration) || !(ts.isClassElement(container))) return undefined;
  const instance = checker.getTypeAtLocation(declaration);
  return isStatic(container) && instance.symbol !== undefined ? checker.getTypeOfSymbol(instance.symbol) : instance;
}

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
  if (expression.kind === ts.SyntaxKind.ThisKeyword) return thisType(checker, expression) ?? checker.getTypeAtLocation(expression);
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

/**
 * The members `name` of each type of the union a receiver is declared with (`event: A | B` gives
 * `A.index` and `B.index`): narrowing the receiver can only pick among them, so when none of them
 * is what is looked for, the checker's full answer, whose flow analysis can cost a tenth of a
 * second on a long loop, cannot be either. As for `declaredMember`, narrowing to a subclass of
 * one of the union's types is not followed.
 *
 * @param checker - the type checker
 * @param receiver - the expression before the dot
 * @param name - the member's name
 * @returns the members the union's types have (maybe none); `undefined` when the receiver is not
 * declared with a union, or a type of it is `any`, `unknown` or `never`
 */
export function declaredUnionMembers(checker: ts.TypeChecker, receiver: ts.Expression, name: string): ts.Symbol[] | undefined {
  const declared = declaredType(checker, receiver);
  if (declared === undefined) return undefined;
  const type = checker.getNonNullableType(declared);
  if (!type.isUnion()) return undefined;
  const members: ts.Symbol[] = [];
  for (const part of type.types) {
    if (part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.Never)) return undefined;
    const member = checker.getApparentType(part).getProperty(name);
    if (member !== undefined) members.push(member);
  }
  return members;
}
