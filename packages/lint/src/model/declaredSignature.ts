import { ts } from '@ts-morph/common';
import { declaredMember } from './declaredMember';

/**
 * The signature of the method a call reaches, read from the type its receiver is declared with
 * (`declaredMember`) rather than by resolving the call, which checks the receiver with flow
 * analysis and every argument (a callback's body with them): when the callee is a property access
 * outside an optional chain, without type arguments, and the method has a single call signature
 * that is not generic, the checker would resolve the call to that signature too.
 *
 * @param call - a call expression
 * @param checker - the type checker
 * @returns the signature, or `undefined` where only resolving the call would tell
 */
export function declaredSignature(call: ts.CallExpression, checker: ts.TypeChecker): ts.Signature | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.name) || call.typeArguments !== undefined || ts.isOptionalChain(call)) return undefined;
  const member = declaredMember(checker, callee.expression, callee.name.text);
  const signatures = member === undefined ? [] : checker.getTypeOfSymbol(member).getCallSignatures();
  const signature = signatures.length === 1 ? signatures[0] : undefined;
  return signature === undefined || signature.getTypeParameters() !== undefined ? undefined : signature;
}
