import { ts } from '@ts-morph/common';

function printMember(type: ts.Type, checker: ts.TypeChecker, at: ts.Node): string {
  const text = checker.typeToString(type, at);
  // Function and conditional types bind looser than `|`: `(() => void) | null`.
  return text.includes('=>') || (type.flags & ts.TypeFlags.Conditional) !== 0 ? `(${text})` : text;
}

/**
 * Prints a type as the checker does, ready to be joined with `| null` or `| ErrPtr` in a
 * suggestion: a function type in parentheses, and the members of a union that has no alias of its
 * own printed one by one so that some can be left out (`T | undefined` without undefined is `T`,
 * where `getNonNullableType` would print `NonNullable<T>`).
 *
 * @param type - the type
 * @param checker - the program's type checker
 * @param at - where the type is printed from, for names in scope
 * @param drop - flags of union members to leave out (`ts.TypeFlags.Undefined`)
 * @returns the text; `never` when nothing is left
 */
export function printForUnion(type: ts.Type, checker: ts.TypeChecker, at: ts.Node, drop?: ts.TypeFlags): string {
  if (!type.isUnion() || type.aliasSymbol !== undefined) return printMember(type, checker, at);
  let members = drop === undefined ? type.types : type.types.filter((member) => (member.flags & drop) === 0);
  const booleans = members.filter((member) => member.flags & ts.TypeFlags.BooleanLiteral);
  const texts: string[] = [];
  if (booleans.length === 2) {
    // `true | false` is how the checker holds `boolean`.
    members = members.filter((member) => !booleans.includes(member));
    texts.push('boolean');
  }
  texts.unshift(...members.map((member) => printMember(member, checker, at)));
  return texts.length === 0 ? 'never' : texts.join(' | ');
}
