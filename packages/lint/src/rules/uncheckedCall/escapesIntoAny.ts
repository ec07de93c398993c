import { ts } from '@ts-morph/common';

/**
 * Tells whether a type a result goes into is `any`: the failure escapes where the type system no
 * longer follows it (a `StateField<any>`'s `init` returning into a `doc: Node` field), so nothing
 * downstream is made to check it. `unknown` is not `any` (its readers must narrow it), nor a type
 * parameter (instantiated with the result's own type where it is inferred).
 *
 * @param type - the type a result is returned, stored or passed into
 * @returns true for `any`
 */
export function escapesIntoAny(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.Any) !== 0;
}

/**
 * Tells what kind of `any` parameter an argument is passed to: `'any'` for a parameter typed
 * `any` (`JSON.stringify(value)`, `res.send(body)`), `'rest'` for one of a signature that ends
 * with `...args: any[]` (`console.log(message?: any, ...optionalParams: any[])`, `util.format`, a
 * logger's `info(...args)`), which formats what it is given rather than using it as a success.
 *
 * @param argument - an expression
 * @param checker - the type checker
 * @returns the kind, or `undefined` when the expression is not an argument to an `any` parameter
 */
export function anyParameterOf(argument: ts.Expression, checker: ts.TypeChecker): 'any' | 'rest' | undefined {
  const call = argument.parent;
  if (!(ts.isCallExpression(call) || ts.isNewExpression(call)) || call.expression === argument) return undefined;
  const index = call.arguments?.indexOf(argument) ?? -1;
  const declaration = index < 0 ? undefined : checker.getResolvedSignature(call)?.getDeclaration();
  if (declaration === undefined || !('parameters' in declaration)) return undefined;
  const parameters = declaration.parameters;
  const last = parameters[parameters.length - 1];
  const rest = last?.dotDotDotToken !== undefined;
  const parameter = rest && index >= parameters.length - 1 ? last : parameters[index];
  if (parameter === undefined) return undefined;
  const type = checker.getTypeAtLocation(parameter);
  if (parameter !== last || !rest) {
    if (!escapesIntoAny(type)) return undefined;
    return rest && restOfAny(checker.getTypeAtLocation(last), checker) ? 'rest' : 'any';
  }
  return restOfAny(type, checker) ? 'rest' : undefined;
}

function restOfAny(type: ts.Type, checker: ts.TypeChecker): boolean {
  const element = checker.isArrayType(type) ? checker.getTypeArguments(type as ts.TypeReference)[0] : undefined;
  return element !== undefined && escapesIntoAny(element);
}
