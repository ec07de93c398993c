import { ts } from '@ts-morph/common';
import { declaredSignature } from '../model/declaredSignature';
import type { InjectableIndex } from '../model/InjectableIndex';

/**
 * The type of a call of an error-injectable method, read from the method the call reaches rather
 * than by checking the call (`declaredSignature`): the checker would give the same after checking
 * the receiver with flow analysis, which can cost tens of milliseconds a call.
 *
 * @param call - a call expression
 * @param checker - the type checker
 * @param injectables - the program's marks
 * @returns the call's type, or `undefined` where the checker must answer
 */
function quickTypeOfCall(call: ts.CallExpression, checker: ts.TypeChecker, injectables: InjectableIndex): ts.Type | undefined {
  if (injectables.resolveCall(call)?.kind !== 'method') return undefined;
  const signature = declaredSignature(call, checker);
  return signature === undefined ? undefined : checker.getReturnTypeOfSignature(signature);
}

/**
 * The type checker the rules see: the program's own, except that it answers `getTypeAtLocation`
 * for calls of error-injectable methods from the methods they reach (see `quickTypeOfCall`), and
 * remembers those answers. Rules ask for those types first of all, and the checker's
 * own answer would check each call's receiver with flow analysis.
 *
 * @param checker - the program's type checker
 * @param injectables - the program's marks
 * @returns a checker with the same methods
 */
export function createLintChecker(checker: ts.TypeChecker, injectables: InjectableIndex): ts.TypeChecker {
  const callTypes = new Map<ts.CallExpression, ts.Type>();
  const lintChecker: ts.TypeChecker = Object.create(checker) as ts.TypeChecker;
  lintChecker.getTypeAtLocation = (node: ts.Node): ts.Type => {
    if (!ts.isCallExpression(node)) return checker.getTypeAtLocation(node);
    let type = callTypes.get(node);
    if (type === undefined) {
      type = quickTypeOfCall(node, checker, injectables);
      if (type === undefined) return checker.getTypeAtLocation(node);
      callTypes.set(node, type);
    }
    return type;
  };
  return lintChecker;
}
