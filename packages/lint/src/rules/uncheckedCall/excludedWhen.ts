import { ts } from '@ts-morph/common';
import { skipParentheses } from '../shared/skipParentheses';
import type { CheckEnv } from './CheckEnv';
import { aliasedFacts } from './aliasedFacts';
import { exits } from './exits';
import { Component } from './Component';
import type { FailureModel } from './FailureModel';
import { excludedByPredicate, narrowingPredicateOf } from './narrowingPredicateOf';
import { neverEqualTo } from './neverEqualTo';

/** What a condition is read against: the value under test and how it fails. */
export interface Subject {
  readonly model: FailureModel;
  readonly env: CheckEnv;
  /** Whether an expression is the value under test (the call's result, or a read of its variable). */
  matches(node: ts.Expression): boolean;
  /**
   * On when judging whether a use is safe, off when judging whether the failure was checked. Two
   * tests keep a failure out of one branch without checking it: `> 0` on an errno (it takes a
   * negative errno for success on the other branch, the kernel's classic mistake), and a guard
   * that leaves on `=== false` (null, falsy too, gets past it with `true`; see `isFalseGuard`).
   */
  readonly judgingUse: boolean;
}

/** A constant a value is compared with. */
type Operand = { readonly kind: 'null' | 'undefined' | 'true' | 'false' | 'negative' } | { readonly kind: 'number'; readonly value: number };

const COMPARISONS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);

/**
 * Tells whether an operator compares.
 *
 * @param kind - a binary operator
 * @returns true for `===`, `!==`, `==`, `!=`, `<`, `<=`, `>`, `>=`
 */
export function isComparison(kind: ts.SyntaxKind): boolean {
  return COMPARISONS.has(kind);
}

const MIRRORED: Partial<Record<ts.SyntaxKind, ts.SyntaxKind>> = {
  [ts.SyntaxKind.LessThanToken]: ts.SyntaxKind.GreaterThanToken,
  [ts.SyntaxKind.LessThanEqualsToken]: ts.SyntaxKind.GreaterThanEqualsToken,
  [ts.SyntaxKind.GreaterThanToken]: ts.SyntaxKind.LessThanToken,
  [ts.SyntaxKind.GreaterThanEqualsToken]: ts.SyntaxKind.LessThanEqualsToken,
};

function operandOf(node: ts.Expression): Operand | undefined {
  const inner = skipParentheses(node);
  if (inner.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null' };
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'true' };
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'false' };
  if (ts.isIdentifier(inner) && inner.text === 'undefined') return { kind: 'undefined' };
  if (ts.isNumericLiteral(inner)) return { kind: 'number', value: Number(inner.text) };
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken) {
    const operand = skipParentheses(inner.operand);
    // `-errno.ENOENT`, `-EINVAL`: some negative errno.
    return ts.isNumericLiteral(operand) ? { kind: 'number', value: -Number(operand.text) } : { kind: 'negative' };
  }
  return undefined;
}

/**
 * Tells whether a comparison is `x > 0` (or `x >= 1`, `0 < x`, `1 <= x`) of the value under test.
 *
 * @param node - a binary expression
 * @param subject - the value under test
 * @returns true for that test
 */
export function isGreaterThanZero(node: ts.BinaryExpression, subject: Subject): boolean {
  if (!(subject.model.failure & Component.errno)) return false;
  const normalized = normalize(node, subject);
  if (normalized?.other.kind !== 'number') return false;
  const { operator, other } = normalized;
  return (operator === ts.SyntaxKind.GreaterThanToken && other.value === 0) || (operator === ts.SyntaxKind.GreaterThanEqualsToken && other.value === 1);
}

function normalize(node: ts.BinaryExpression, subject: Subject): { operator: ts.SyntaxKind; other: Operand } | undefined {
  const operator = node.operatorToken.kind;
  const [other, mirrored] = subject.matches(node.left) ? [node.right, operator] : subject.matches(node.right) ? [node.left, MIRRORED[operator] ?? operator] : [];
  const operand = other === undefined ? undefined : operandOf(other);
  return operand === undefined ? undefined : { operator: mirrored!, other: operand };
}

/**
 * What truthiness tells: a truthy value is not null; a falsy one is no errno, ErrPtr or `true`.
 * An errno tested for truthiness follows the kernel's idiom for functions that return 0 or -errno
 * (`if (ret) return ret;`): non-zero is the failure.
 */
function truthiness(branch: boolean, subject: Subject): number {
  const { model } = subject;
  const numeric = (model.failure & Component.errno) !== 0;
  if (branch) return Component.null | (model.okMayBeTruthy && !numeric ? 0 : Component.ok);
  return Component.errno | Component.errPtr | Component.true | (model.okMayBeFalsy ? 0 : Component.ok);
}

/** Integers from `low` to `high`, either end infinite. */
interface Range {
  readonly low: number;
  readonly high: number;
}

function rangeOf(operator: ts.SyntaxKind, k: number, branch: boolean): Range {
  const below = { low: -Infinity, high: Math.ceil(k) - 1 }; // x < k
  const atMost = { low: -Infinity, high: Math.floor(k) }; // x <= k
  const above = { low: Math.floor(k) + 1, high: Infinity }; // x > k
  const atLeast = { low: Math.ceil(k), high: Infinity }; // x >= k
  if (operator === ts.SyntaxKind.LessThanToken) return branch ? below : atLeast;
  if (operator === ts.SyntaxKind.LessThanEqualsToken) return branch ? atMost : above;
  if (operator === ts.SyntaxKind.GreaterThanToken) return branch ? above : atMost;
  return branch ? atLeast : below;
}

const EQUALITIES = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/**
 * Tells whether a comparison is `===`, `!==`, `==` or `!=` of the value under test with a negative
 * errno (`r === -errno.ENOENT`, `r !== EBUSY` with `const EBUSY = -16`): a test that picks out
 * some failures, the others going on with the successes.
 *
 * @param node - a binary expression
 * @param subject - the value under test
 * @returns true for that test
 */
export function isErrnoEquality(node: ts.BinaryExpression, subject: Subject): boolean {
  if (!EQUALITIES.has(node.operatorToken.kind)) return false;
  const normalized = normalize(node, subject);
  if (normalized !== undefined) return normalized.other.kind === 'negative' || (normalized.other.kind === 'number' && normalized.other.value < 0);
  const other = subject.matches(node.left) ? node.right : subject.matches(node.right) ? node.left : undefined;
  if (other === undefined) return false;
  const loose = node.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken;
  return (neverEqualTo(other, loose, subject.model, subject.env.checker) & (Component.ok | Component.errno)) === Component.ok;
}

/**
 * Tells whether a comparison is a guard that leaves on `false` (`if (r === false) return r;`,
 * `if (done || r == false) throw …`) of a value whose failure is null: the guard takes `false`
 * for the failure, and the real failure, falsy too, gets past it with `true`. A comparison used as
 * a value (`return r !== false`) maps null to a boolean on purpose and is not a guard.
 *
 * @param node - a binary expression
 * @param subject - the value under test
 * @returns true for that guard
 */
export function isFalseGuard(node: ts.BinaryExpression, subject: Subject): boolean {
  if (!(subject.model.failure & Component.null)) return false;
  const normalized = normalize(node, subject);
  const operator = normalized?.operator;
  if (normalized?.other.kind !== 'false' || (operator !== ts.SyntaxKind.EqualsEqualsEqualsToken && operator !== ts.SyntaxKind.EqualsEqualsToken)) return false;
  // Up through parentheses and `||`, whose true branch the comparison alone can take.
  let condition: ts.Node = node;
  while (ts.isParenthesizedExpression(condition.parent) || (ts.isBinaryExpression(condition.parent) && condition.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    condition = condition.parent;
  }
  const statement = condition.parent;
  return ts.isIfStatement(statement) && statement.expression === condition && exits(statement.thenStatement, subject.env.checker);
}

/** The comparisons that decide an `if` condition alone: itself, or an operand of `||`, through parentheses. */
function orOperands(condition: ts.Expression): ts.Expression[] {
  const node = skipParentheses(condition);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) return [...orOperands(node.left), ...orOperands(node.right)];
  return [node];
}

/**
 * Tells whether a node lies in the branch of a guard that leaves on `false` (see `isFalseGuard`):
 * the checker's narrowing says the value is `false` there, and a read there does not check null.
 *
 * @param node - a read of the value
 * @param subject - the value under test
 * @returns true inside such a branch
 */
export function insideFalseGuard(node: ts.Node, subject: Subject): boolean {
  for (let child = node, parent = node.parent; parent !== undefined && !ts.isFunctionLike(child); child = parent, parent = parent.parent) {
    if (!ts.isIfStatement(parent) || parent.thenStatement !== child) continue;
    if (orOperands(parent.expression).some((operand) => ts.isBinaryExpression(operand) && isFalseGuard(operand, subject))) return true;
  }
  return false;
}

/** What `===` (`==`) with an operand that is not a constant excludes: read from its type, on the equal branch only. */
function typedEquality(node: ts.BinaryExpression, other: ts.Expression, branch: boolean, subject: Subject): number {
  const operator = node.operatorToken.kind;
  const equal = (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken) === branch;
  if (!equal) return 0;
  const loose = operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  return neverEqualTo(other, loose, subject.model, subject.env.checker);
}

function comparison(node: ts.BinaryExpression, branch: boolean, subject: Subject): number {
  const normalized = normalize(node, subject);
  if (normalized === undefined) {
    if (!EQUALITIES.has(node.operatorToken.kind)) return 0;
    const other = subject.matches(node.left) ? node.right : subject.matches(node.right) ? node.left : undefined;
    return other === undefined ? 0 : typedEquality(node, other, branch, subject);
  }
  const { operator, other } = normalized;
  const numeric = (subject.model.failure & Component.errno) !== 0;
  const isTrueType = subject.model.type === 'TRUE';
  const equality =
    operator === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    operator === ts.SyntaxKind.EqualsEqualsToken ||
    operator === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (equality) {
    const loose = operator === ts.SyntaxKind.EqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
    const equal = (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken) === branch;
    const notNull = Component.errno | Component.errPtr | Component.true | Component.ok;
    switch (other.kind) {
      case 'null':
        return equal ? notNull : Component.null;
      case 'undefined':
        // `=== undefined` does not catch null: only `== undefined` does.
        return loose ? (equal ? notNull : Component.null) : equal ? Component.all : 0;
      case 'true':
        return equal ? Component.null | Component.errno | Component.errPtr | (isTrueType ? Component.ok : 0) : Component.true;
      case 'false':
        if (equal && !subject.judgingUse && isFalseGuard(node, subject)) return 0;
        return equal ? Component.null | Component.errno | Component.errPtr | Component.true : isTrueType ? Component.ok : 0;
      case 'number':
        // `r !== 0`: the kernel's idiom again, non-zero is the failure.
        if (!equal) return numeric && other.value === 0 ? Component.ok : 0;
        return (
          Component.null |
          Component.errPtr |
          Component.true |
          (other.value >= 0 ? Component.errno : 0) |
          (numeric && other.value < 0 ? Component.ok : 0)
        );
      case 'negative':
        return equal ? Component.null | Component.errPtr | Component.true | (numeric ? Component.ok : 0) : 0;
    }
  }
  if (other.kind !== 'number') return 0;
  if (!subject.judgingUse && isGreaterThanZero(node, subject)) return 0;
  const range = rangeOf(operator, other.value, branch);
  // Relational operators read null as 0.
  return (
    (range.low >= 0 ? Component.errno : 0) |
    (numeric && range.high <= -1 ? Component.ok : 0) |
    (range.low > 0 || range.high < 0 ? Component.null : 0)
  );
}

function guard(node: ts.CallExpression, branch: boolean, subject: Subject): number {
  const argument = node.arguments[0];
  const kind = argument !== undefined && subject.matches(argument) ? subject.env.guardKindOf(node) : undefined;
  if (kind === 'isErr') return branch ? Component.null | Component.errno | Component.true | Component.ok : Component.errPtr;
  if (kind === 'isErrOrNull') return branch ? Component.errno | Component.true | Component.ok : Component.null | Component.errPtr;
  if (kind === 'configured') return branch ? Component.ok : subject.model.failure;
  if (kind !== undefined || !node.arguments.some((a) => subject.matches(a))) return 0;
  // A user type guard or assertion function on the value: `isPresent(x)`, `assertNode(x)`.
  const predicate = narrowingPredicateOf(node, subject.env.checker);
  if (predicate === undefined || !subject.matches(predicate.argument)) return 0;
  // An assertion function returns only when its predicate holds.
  if (predicate.asserts && !branch) return Component.all;
  if (predicate.type === undefined) return truthiness(true, subject);
  return excludedByPredicate(predicate.type, branch, subject.model);
}

/**
 * What a condition excludes of the value under test on one of its branches: the failure
 * components (and success) the value cannot be when the condition is `branch`.
 *
 * @param condition - a condition (any expression)
 * @param branch - which outcome
 * @param subject - the value under test
 * @returns a mask of `Component`s
 */
export function excludedWhen(condition: ts.Expression, branch: boolean, subject: Subject): number {
  const node = skipParentheses(condition);
  if (subject.matches(node)) return truthiness(branch, subject);
  // A local derived from the value (`const t = r && r.x; if (!t)`): see aliasedFacts.
  const aliased = aliasedFacts(node, branch, subject, excludedWhen);
  if (aliased !== undefined) return aliased;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return excludedWhen(node.operand, !branch, subject);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
      const and = operator === ts.SyntaxKind.AmpersandAmpersandToken;
      // `a && b` is true (`a || b` false) only when both are: what either says holds.
      if (branch === and) return excludedWhen(node.left, branch, subject) | excludedWhen(node.right, branch, subject);
      // Otherwise the left side decided, or the left side did not and the right side decided.
      const leftDecided = excludedWhen(node.left, branch, subject);
      const rightDecided = excludedWhen(node.left, !branch, subject) | excludedWhen(node.right, branch, subject);
      return leftDecided & rightDecided;
    }
    if (isComparison(operator)) return comparison(node, branch, subject);
    if (operator === ts.SyntaxKind.InstanceOfKeyword) return branch && subject.matches(node.left) ? subject.model.failure : 0;
    return 0;
  }
  return ts.isCallExpression(node) ? guard(node, branch, subject) : 0;
}
