import { ts } from '@ts-morph/common';
import { skipParentheses } from '../shared/skipParentheses';
import type { CheckEnv } from './CheckEnv';
import { Component } from './Component';
import { isComparison } from './excludedWhen';
import type { FailureModel } from './FailureModel';
import { keepsFailure } from './keepsFailure';
import { keepsNegative } from './keepsNegative';
import { narrowingPredicateOf } from './narrowingPredicateOf';
import { passedOnType } from './passedOnType';
import { chainKey } from './Reference';

/** Where a value ends up, once what passes it on unchanged (parentheses, `await`, `satisfies`…) is looked through. */
export type Position = PositionBase &
  (
    | { readonly kind: 'test'; readonly test: ts.Expression }
    | { readonly kind: 'switch' | 'discarded' | 'ignored' }
    | { readonly kind: 'nullish'; readonly site: ts.Node }
    | { readonly kind: 'used'; readonly site: ts.Node }
    | { readonly kind: 'nonNull'; readonly site: ts.Node; readonly asserted?: AssertedLocal }
    | { readonly kind: 'cast'; readonly site: ts.AsExpression | ts.TypeAssertion; readonly type: ts.Type; readonly asserted?: AssertedLocal }
    | { readonly kind: 'return'; readonly site: ts.Node; readonly fn: ts.SignatureDeclaration | undefined }
    | { readonly kind: 'local'; readonly name: ts.Expression | ts.BindingName; readonly def: ts.Node }
    | { readonly kind: 'stored'; readonly site: ts.Node; readonly target: ts.Node }
    | { readonly kind: 'passed'; readonly site: ts.Node; readonly type: ts.Type }
    | { readonly kind: 'then'; readonly site: ts.CallExpression; readonly callback: ts.Expression | undefined }
  );

/** The variable an asserted value (`f()!`, `f() as T`) goes into, to be checked there before any use. */
type AssertedLocal = PositionBase & { readonly kind: 'local'; readonly name: ts.Expression | ts.BindingName; readonly def: ts.Node };

interface PositionBase {
  /** The expression whose value is the value at that position. */
  readonly node: ts.Expression;
  /** The value is still a Promise there. */
  readonly promise: boolean;
  /** An `await` was crossed on the way: `node` holds the resolved value. */
  readonly awaited: boolean;
}

const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

/**
 * Tells whether a value's truthiness decides a branch: the condition of `if`, a loop or `?:`, the
 * operand of `!`, or the left side of `&&`/`||` whose result is itself such a condition.
 *
 * @param node - an expression
 * @returns true in a boolean context
 */
function inBooleanContext(node: ts.Expression): boolean {
  let current: ts.Expression = node;
  for (;;) {
    const parent = current.parent;
    if (ts.isParenthesizedExpression(parent)) current = parent;
    else if (ts.isBinaryExpression(parent) && (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      if (parent.left === current) return true;
      current = parent;
    } else {
      return isCondition(current) || (ts.isConditionalExpression(parent) && parent.condition === current) || (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken);
    }
  }
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  let current = node.parent;
  while (current !== undefined && !ts.isFunctionLike(current)) current = current.parent;
  return current;
}

function isPromiseCombinatorArgument(array: ts.ArrayLiteralExpression): boolean {
  const call = array.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== array) return false;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && PROMISE_COMBINATORS.has(callee.name.text);
}

/**
 * Follows a value (a call's result, or a read of the variable that holds it) to where it is used,
 * and says what that use is.
 *
 * @param value - the expression
 * @param promise - whether the value is a Promise of the result
 * @param model - how the result fails
 * @param env - the shared analysis state
 * @returns the position
 */
export function classifyPosition(value: ts.Expression, promise: boolean, model: FailureModel, env: CheckEnv): Position {
  let node = value;
  let isPromise = promise;
  let awaited = false;
  const at = <K extends Position['kind']>(kind: K) => ({ node, promise: isPromise, awaited, kind });
  for (;;) {
    const parent = node.parent;
    if (ts.isParenthesizedExpression(parent) || ts.isSatisfiesExpression(parent)) {
      node = parent;
      continue;
    }
    if (ts.isAwaitExpression(parent)) {
      if (isPromise) awaited = true;
      isPromise = false;
      node = parent;
      continue;
    }
    if (ts.isAsExpression(parent) || ts.isTypeAssertionExpression(parent)) {
      const type = env.checker.getTypeFromTypeNode(parent.type);
      const shown = isPromise ? (env.checker.getAwaitedType(type) ?? type) : type;
      if (keepsFailure(shown, model)) {
        node = parent;
        continue;
      }
      return checkedAfter({ ...at('cast'), site: parent, type }, isPromise, model, env);
    }
    if (ts.isNonNullExpression(parent)) return checkedAfter({ ...at('nonNull'), site: parent }, isPromise, model, env);
    if (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent)) return at('discarded');
    if (ts.isBinaryExpression(parent)) {
      const operator = parent.operatorToken.kind;
      const left = parent.left === node;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
        // `f() && …` and `f() || …` in a condition test it; `f() || fallback` as a value replaces a falsy failure.
        const tested = left ? operator === ts.SyntaxKind.AmpersandAmpersandToken || inBooleanContext(parent) : inBooleanContext(parent);
        if (tested) return { ...at('test'), test: node };
        // `f() || fallback` as a value: a falsy failure (null) is replaced, any other flows on.
        if (left && !(model.failure & ~Component.null)) return { ...at('nullish'), site: parent };
        node = parent;
        continue;
      }
      if (operator === ts.SyntaxKind.QuestionQuestionToken) {
        if (left) return isPromise ? { ...at('used'), site: parent } : { ...at('nullish'), site: parent };
        node = parent;
        continue;
      }
      if (operator === ts.SyntaxKind.EqualsToken) {
        const target = skipParentheses(parent.left);
        if (chainKey(target) !== undefined) return { ...at('local'), name: target, def: parent };
        return { ...at('stored'), site: parent, target };
      }
      if (isComparison(operator) || (operator === ts.SyntaxKind.InstanceOfKeyword && left)) return { ...at('test'), test: parent };
      return { ...at('used'), site: parent };
    }
    if (ts.isConditionalExpression(parent)) {
      if (parent.condition === node) return { ...at('test'), test: node };
      node = parent;
      continue;
    }
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return { ...at('test'), test: parent };
    if (isCondition(node)) return { ...at('test'), test: node };
    if (ts.isSwitchStatement(parent)) return at('switch');
    if (ts.isReturnStatement(parent)) return { ...at('return'), site: parent, fn: enclosingFunction(parent) };
    if (ts.isArrowFunction(parent)) return { ...at('return'), site: node, fn: parent };
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return { ...at('local'), name: parent.name, def: parent };
    if (ts.isPropertyDeclaration(parent) || ts.isParameter(parent)) return { ...at('stored'), site: parent, target: parent.name };
    // `Math.min(…, f())` is negative whenever the errno is: the value goes on in it.
    if (ts.isCallExpression(parent) && !isPromise && keepsNegative(parent, node, model, env)) {
      node = parent;
      continue;
    }
    if (ts.isCallExpression(parent) && parent.arguments[0] === node && env.guardKindOf(parent) !== undefined) return { ...at('test'), test: parent };
    // A user type guard or assertion function (`isPresent(x): x is T`, `assertNode(x): asserts x`).
    if (ts.isCallExpression(parent) && parent.expression !== node && narrowingPredicateOf(parent, env.checker)?.argument === node) return { ...at('test'), test: parent };
    if (isPromise && ts.isArrayLiteralExpression(parent) && isPromiseCombinatorArgument(parent)) return at('ignored');
    if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) {
      if (parent.questionDotToken !== undefined && !isPromise) return { ...at('nullish'), site: parent };
      const call = parent.parent;
      if (isPromise && ts.isPropertyAccessExpression(parent) && ts.isCallExpression(call) && call.expression === parent) {
        if (parent.name.text === 'then') return { ...at('then'), site: call, callback: call.arguments[0] };
        if (parent.name.text === 'catch' || parent.name.text === 'finally') {
          node = call;
          continue;
        }
      }
    }
    const passedTo = isPromise ? undefined : passedOnType(node, model, env.checker);
    if (passedTo !== undefined) return { ...at('passed'), site: parent, type: passedTo };
    return { ...at('used'), site: parent };
  }
}

/**
 * Where an asserted value (`f()!`, `f() as Element`) goes: tested or defaulted at once
 * (`(f() as Element) || fallback`), it is checked after all; put in a variable (`let s: S =
 * f()!`), the variable is to be checked before any use; anywhere else the assertion stands.
 */
function checkedAfter(assertion: Position & { kind: 'nonNull' | 'cast'; site: ts.Expression }, promise: boolean, model: FailureModel, env: CheckEnv): Position {
  if (promise) return assertion;
  const after = classifyPosition(assertion.site, false, model, env);
  if (after.kind === 'test' || after.kind === 'nullish') return after;
  return after.kind === 'local' ? { ...assertion, asserted: after } : assertion;
}

/** Whether an expression is the condition of `if`, `while`, `do` or `for`. */
function isCondition(node: ts.Expression): boolean {
  const parent = node.parent;
  return ((ts.isIfStatement(parent) || ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && parent.expression === node) || (ts.isForStatement(parent) && parent.condition === node);
}
