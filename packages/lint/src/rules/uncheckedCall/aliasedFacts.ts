import { ts } from '@ts-morph/common';
import { skipOuterExpressions } from '../../model/skipOuterExpressions';
import { Component } from './Component';
import type { Subject } from './excludedWhen';
import { writeOf } from './Reference';

/**
 * Correlated checks: a test of a local derived from the value under test (`const t = r && r.x;
 * if (!t) return; use(r!)`) tells about the value too. For each failure of `r`, the kinds of value
 * `t`'s initializer gives when `r` is that failure are worked out (`r && e` gives `r`, `r?.x`
 * gives undefined for a nullish `r`, `r ? e : null` gives null, a comparison gives a boolean);
 * when the test of `t` excludes all of them, it excludes the failure. A truthiness test of `t`
 * also says what its initializer's truthiness does (an aliased condition, `const ok = r !== null`).
 * Only a local that keeps its initializer (`const`, or a `let` never written again), whose reads of
 * `r` are not written between the initializer and the test (nor anywhere after it, for a test in
 * a callback).
 */

/** Kinds of value, as bits of a mask. */
const Kind = { null: 1, undefined: 2, falsy: 4, truthy: 8, all: 15 } as const;
const NULLISH = Kind.null | Kind.undefined;
const FALSY = NULLISH | Kind.falsy;

const FAILURES = [Component.null, Component.errno, Component.errPtr, Component.true];

/** How deep aliases of aliases are followed. */
const MAX_DEPTH = 3;
let depth = 0;

/** `excludedWhen`, passed in: it calls this module back for the conditions inside initializers. */
export type ExcludedWhen = (condition: ts.Expression, branch: boolean, subject: Subject) => number;

/** A local read by a test, and the kinds of value the test's branch excludes of it. */
interface LocalTest {
  readonly name: ts.Identifier;
  readonly excluded: number;
  /** The test is the local's truthiness. */
  readonly truthiness: boolean;
}

function isUndefined(node: ts.Expression): boolean {
  return (ts.isIdentifier(node) && node.text === 'undefined') || ts.isVoidExpression(node);
}

function localTest(node: ts.Expression, branch: boolean): LocalTest | undefined {
  if (ts.isIdentifier(node)) return isUndefined(node) ? undefined : { name: node, excluded: branch ? FALSY : Kind.truthy, truthiness: true };
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  const loose = operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  const strict = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken;
  if (!loose && !strict) return undefined;
  const left = skipOuterExpressions(node.left);
  const right = skipOuterExpressions(node.right);
  const [name, other] = ts.isIdentifier(left) && !isUndefined(left) ? [left, right] : ts.isIdentifier(right) && !isUndefined(right) ? [right, left] : [];
  if (name === undefined || other === undefined) return undefined;
  const value = other.kind === ts.SyntaxKind.NullKeyword ? Kind.null : isUndefined(other) ? Kind.undefined : 0;
  if (value === 0) return undefined;
  const equal = (operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsEqualsToken) === branch;
  // `== null` and `== undefined` take both; `=== null` and `=== undefined` one each.
  const matched = loose ? NULLISH : value;
  return { name: name as ts.Identifier, excluded: equal ? Kind.all & ~matched : matched, truthiness: false };
}

function functionOf(node: ts.Node): ts.Node {
  let current = node.parent;
  while (current !== undefined && !ts.isSourceFile(current) && !ts.isFunctionLike(current) && !ts.isClassStaticBlockDeclaration(current)) current = current.parent;
  return current ?? node.getSourceFile();
}

function isLoop(node: ts.Node): boolean {
  return ts.isIterationStatement(node, false);
}

/** Where writes stop mattering: the test, or past a loop around it that the initializer is not in. */
function boundaryOf(test: ts.Node, init: ts.Node): number {
  let boundary = test.pos;
  for (let node = test.parent; node !== undefined && !(node.pos <= init.pos && init.end <= node.end); node = node.parent) {
    if (isLoop(node)) boundary = node.end;
  }
  return boundary;
}

/** The reads of the value under test in an expression: names and chains of names. */
function readsIn(init: ts.Expression, subject: Subject): ts.Expression[] {
  const reads: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) && subject.matches(node)) reads.push(node);
    else if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  visit(init);
  return reads;
}

function isWritten(scope: ts.Node, text: string, from: number, to: number, matches: (node: ts.Expression) => boolean, env: Subject['env']): boolean {
  for (const identifier of env.identifiersIn(scope, text)) {
    if (identifier.pos < from || identifier.pos >= to) continue;
    const parent = identifier.parent;
    const node = ts.isPropertyAccessExpression(parent) && parent.name === identifier ? parent : identifier;
    if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      if (writeOf(node) !== undefined && matches(node)) return true;
    }
  }
  return false;
}

/**
 * The initializer a local keeps, when it reads the value under test as the test at `at` sees it.
 */
function aliasInit(name: ts.Identifier, at: ts.Node, subject: Subject): ts.Expression | undefined {
  const { env } = subject;
  const symbol = env.valueSymbolOf(name);
  const declaration = symbol?.valueDeclaration;
  if (declaration === undefined || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name)) return undefined;
  const init = declaration.initializer;
  if (init === undefined || declaration.end > at.pos || !ts.isVariableDeclarationList(declaration.parent)) return undefined;
  const scope = functionOf(declaration);
  // A test in a callback may run after any later write: none may follow the initializer then.
  const nested = functionOf(at) !== scope;
  if (nested && !(scope.pos <= at.pos && at.end <= scope.end)) return undefined;
  if (!(declaration.parent.flags & ts.NodeFlags.Const)) {
    const sameSymbol = (node: ts.Expression) => ts.isIdentifier(node) && env.valueSymbolOf(node) === symbol;
    if (isWritten(scope, name.text, declaration.end, Number.POSITIVE_INFINITY, sameSymbol, env)) return undefined;
  }
  // Reads through another alias (`const b = a && a.y`) are checked when that alias is followed.
  const reads = readsIn(init, subject);
  const boundary = nested ? Number.POSITIVE_INFINITY : boundaryOf(at, init);
  const texts = new Set(reads.map((read) => (ts.isPropertyAccessExpression(read) ? read.name.text : (read as ts.Identifier).text)));
  for (const text of texts) if (isWritten(scope, text, init.end, boundary, subject.matches, env)) return undefined;
  return init;
}

/** The kinds of value an expression gives when the value under test is the failure `failure`. */
function kindsWhen(expression: ts.Expression, failure: number, at: ts.Node, subject: Subject, excludedWhen: ExcludedWhen): number {
  const node = skipOuterExpressions(expression);
  if (subject.matches(node)) return failure === Component.null ? Kind.null | (subject.model.undefinedIsNull ? Kind.undefined : 0) : Kind.truthy;
  const kinds = (inner: ts.Expression) => kindsWhen(inner, failure, at, subject, excludedWhen);
  // What a condition's truth can be when the value is the failure.
  const truth = (condition: ts.Expression) =>
    (excludedWhen(condition, true, subject) & failure ? 0 : Kind.truthy) | (excludedWhen(condition, false, subject) & failure ? 0 : Kind.falsy);
  switch (node.kind) {
    case ts.SyntaxKind.NullKeyword:
      return Kind.null;
    case ts.SyntaxKind.FalseKeyword:
      return Kind.falsy;
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.ObjectLiteralExpression:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.NewExpression:
      return Kind.truthy;
    case ts.SyntaxKind.VoidExpression:
      return Kind.undefined;
    case ts.SyntaxKind.NumericLiteral:
      return Number((node as ts.NumericLiteral).text) === 0 ? Kind.falsy : Kind.truthy;
    case ts.SyntaxKind.BigIntLiteral:
      return (node as ts.BigIntLiteral).text === '0n' ? Kind.falsy : Kind.truthy;
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return (node as ts.LiteralExpression).text === '' ? Kind.falsy : Kind.truthy;
  }
  if (ts.isIdentifier(node)) {
    if (node.text === 'undefined') return Kind.undefined;
    if (depth >= MAX_DEPTH) return Kind.all;
    const init = aliasInit(node, at, subject);
    if (init === undefined) return Kind.all;
    depth += 1;
    try {
      return kinds(init);
    } finally {
      depth -= 1;
    }
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return truth(node);
  if (ts.isConditionalExpression(node)) {
    const when = truth(node.condition);
    return (when & Kind.truthy ? kinds(node.whenTrue) : 0) | (when & Kind.falsy ? kinds(node.whenFalse) : 0);
  }
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
      const left = kinds(node.left);
      // What the left side gives when it decides, and whether the right side is reached.
      const [decides, goesOn] =
        operator === ts.SyntaxKind.AmpersandAmpersandToken ? [FALSY, Kind.truthy] : operator === ts.SyntaxKind.BarBarToken ? [Kind.truthy, FALSY] : [Kind.falsy | Kind.truthy, NULLISH];
      return (left & decides) | (left & goesOn ? kinds(node.right) : 0);
    }
    if (operator === ts.SyntaxKind.InstanceOfKeyword || operator === ts.SyntaxKind.InKeyword || isEquality(operator) || isRelational(operator)) return truth(node);
    return Kind.all;
  }
  // `r?.x`, `r?.[k]`, `r?.()`, and the rest of their chain: undefined once a nullish link is skipped.
  if ((ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node) || ts.isCallExpression(node)) && node.flags & ts.NodeFlags.OptionalChain) {
    const inner = kinds(node.expression);
    if (node.questionDotToken !== undefined) return (inner & ~NULLISH) === 0 ? Kind.undefined : Kind.all;
    return inner === Kind.undefined ? Kind.undefined : Kind.all;
  }
  return Kind.all;
}

function isEquality(operator: ts.SyntaxKind): boolean {
  return (
    operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    operator === ts.SyntaxKind.EqualsEqualsToken ||
    operator === ts.SyntaxKind.ExclamationEqualsToken
  );
}

function isRelational(operator: ts.SyntaxKind): boolean {
  return (
    operator === ts.SyntaxKind.LessThanToken ||
    operator === ts.SyntaxKind.LessThanEqualsToken ||
    operator === ts.SyntaxKind.GreaterThanToken ||
    operator === ts.SyntaxKind.GreaterThanEqualsToken
  );
}

/**
 * What a test of a local derived from the value under test excludes of the value: the failures
 * whose every derived value the test's branch rules out, and, for a truthiness test, what its
 * initializer's truthiness says (`const ok = r !== null; if (!ok) return`).
 *
 * @param condition - a condition, parentheses skipped: a local (`t`) or its comparison with null or undefined
 * @param branch - which outcome
 * @param subject - the value under test
 * @param excludedWhen - what a condition excludes, for the conditions in the local's initializer
 * @returns a mask of `Component`s, or `undefined` when the condition is no test of such a local
 */
export function aliasedFacts(condition: ts.Expression, branch: boolean, subject: Subject, excludedWhen: ExcludedWhen): number | undefined {
  if (depth >= MAX_DEPTH) return undefined;
  const test = localTest(condition, branch);
  if (test === undefined || subject.matches(test.name)) return undefined;
  const init = aliasInit(test.name, condition, subject);
  if (init === undefined) return undefined;
  depth += 1;
  try {
    let facts = test.truthiness ? excludedWhen(init, branch, subject) : 0;
    for (const failure of FAILURES) {
      if (subject.model.failure & failure && (kindsWhen(init, failure, condition, subject, excludedWhen) & ~test.excluded) === 0) facts |= failure;
    }
    return facts;
  } finally {
    depth -= 1;
  }
}
