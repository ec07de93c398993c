import { ts } from '@ts-morph/common';
import { skipOuterExpressions } from '../../model/skipOuterExpressions';
import type { LockMatcher } from './LockMatcher';
import type { ChangeOperation, StateChange } from './StateChange';
import { keyOf } from './keyOf';
import { SYNC_CALLBACK_METHODS } from './syncCallbackMethods';
import type { TargetClassifier } from './TargetClassifier';

/**
 * Methods that mutate their receiver, whatever its type (Array, Map, Set, WeakMap, WeakSet, typed
 * arrays, and the many classes that follow their names): a call of one on an object that is not
 * the function's own is a change of state. Other calls are not followed: a helper that changes
 * state is not seen (name it in `lockCalls` to have it counted).
 */
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);

/** `Object.assign(target, …)` and the like: their first argument is mutated. */
const TARGET_MUTATORS = new Set([
  'Object.assign',
  'Object.defineProperty',
  'Object.defineProperties',
  'Object.setPrototypeOf',
  'Reflect.set',
  'Reflect.deleteProperty',
  'Reflect.defineProperty',
  'Reflect.setPrototypeOf',
]);

/** A statement that undoes earlier changes. */
export interface Restore {
  /** Whether it undoes a change. */
  matches(change: StateChange): boolean;
  /** Whether it undoes every change it matches (a saved value written back), or only the last (one `--` for one `++`). */
  readonly all: boolean;
  /** Whether the statement changes nothing even when it undoes nothing (a saved value written back). */
  readonly silent: boolean;
}

const isAssignmentOperator = (kind: ts.SyntaxKind): boolean => kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;

const isWrite = (change: StateChange): boolean => change.operation.kind !== 'call' && change.operation.kind !== 'lock';

function statementOf(node: ts.Node): ts.Statement {
  let current = node;
  while (!ts.isStatement(current)) current = current.parent;
  return current;
}

function unwrapStatementExpression(expression: ts.Expression): ts.Expression {
  let current = skipOuterExpressions(expression);
  while (ts.isAwaitExpression(current) || ts.isVoidExpression(current)) current = skipOuterExpressions(current.expression);
  return current;
}

/** `+=`/`-=` and `++`/`--` as an operation, or `undefined` for other writes. */
function arithmeticOf(node: ts.Expression): { readonly kind: 'add' | 'sub'; readonly amount: string; readonly target: ts.Expression } | undefined {
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
    return { kind: node.operator === ts.SyntaxKind.PlusPlusToken ? 'add' : 'sub', amount: '1', target: node.operand };
  }
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || node.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken)) {
    return { kind: node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken ? 'add' : 'sub', amount: keyOf(node.right), target: node.left };
  }
  return undefined;
}

/**
 * Finds the changes of state in expressions, in evaluation order, and the statements that undo
 * them. Nested functions and classes are not entered (they run later, if at all), except arrows
 * passed to the array methods that call them at once (`forEach`, `map`, `filter`…), whose every
 * change counts.
 */
export class ChangeScanner {
  /**
   * @param classifier - tells state from the function's own objects
   * @param locks - the configured lock calls
   * @param fn - the error-injectable function
   * @param checker - the type checker, asked about the local a saved value is read from
   */
  constructor(
    private readonly classifier: TargetClassifier,
    private readonly locks: LockMatcher,
    private readonly fn: ts.SignatureDeclaration,
    private readonly checker: ts.TypeChecker,
  ) {}

  /**
   * Collects the changes of state in a node (an expression, or an arrow's block body).
   *
   * @param node - the node
   * @param into - where changes are appended, in evaluation order
   */
  scan(node: ts.Node, into: StateChange[]): void {
    const visit = (current: ts.Node): void => {
      if (ts.isFunctionLike(current) || ts.isClassLike(current)) return;
      if (ts.isBinaryExpression(current) && isAssignmentOperator(current.operatorToken.kind)) {
        visit(current.right);
        this.scanWrite(current.left, current, into, visit);
        return;
      }
      if (ts.isPrefixUnaryExpression(current) || ts.isPostfixUnaryExpression(current)) {
        const arithmetic = arithmeticOf(current);
        if (arithmetic !== undefined) {
          this.scanWrite(arithmetic.target, current, into, visit);
          return;
        }
      }
      if (ts.isDeleteExpression(current)) {
        this.scanWrite(current.expression, current, into, visit);
        return;
      }
      ts.forEachChild(current, visit);
      if (ts.isCallExpression(current)) this.scanCall(current, into);
    };
    visit(node);
  }

  /** A write: nested side effects first (`this.items[this.next++] = x`), then the write itself. */
  private scanWrite(target: ts.Expression, node: ts.Expression, into: StateChange[], visit: (node: ts.Node) => void): void {
    const inner = skipOuterExpressions(target);
    if (ts.isObjectLiteralExpression(inner) || ts.isArrayLiteralExpression(inner)) {
      // A destructuring assignment: each element is a target.
      for (const element of ts.isArrayLiteralExpression(inner) ? inner.elements : inner.properties) {
        if (ts.isPropertyAssignment(element)) this.scanWrite(element.initializer, node, into, visit);
        else if (ts.isShorthandPropertyAssignment(element)) this.scanWrite(element.name, node, into, visit);
        else if (ts.isSpreadElement(element) || ts.isSpreadAssignment(element)) this.scanWrite(element.expression, node, into, visit);
        else if (ts.isBinaryExpression(element) && element.operatorToken.kind === ts.SyntaxKind.EqualsToken) this.scanWrite(element.left, node, into, visit);
        else if (!ts.isOmittedExpression(element)) this.scanWrite(element as ts.Expression, node, into, visit);
      }
      return;
    }
    ts.forEachChild(inner, visit);
    const stateTarget = this.classifier.classify(inner, 'write');
    if (stateTarget === undefined) return;
    into.push({ node, statement: statementOf(node), key: stateTarget.key, what: stateTarget.what, operation: this.operationOf(node) });
  }

  private operationOf(node: ts.Expression): ChangeOperation {
    if (ts.isDeleteExpression(node)) return { kind: 'delete' };
    const arithmetic = arithmeticOf(node);
    if (arithmetic !== undefined) return { kind: arithmetic.kind, amount: arithmetic.amount };
    const value = ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? skipOuterExpressions(node.right) : undefined;
    if (value?.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'assign', boolean: true };
    if (value?.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'assign', boolean: false };
    return { kind: 'assign' };
  }

  private scanCall(call: ts.CallExpression, into: StateChange[]): void {
    const lock = this.locks.match(call);
    if (lock !== undefined) {
      let holder: ts.Node = call.parent;
      while (ts.isAwaitExpression(holder) || ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isNonNullExpression(holder)) holder = holder.parent;
      // `using held = mutex.lock()`: disposed when its block exits, which is before any return completes.
      if (ts.isVariableDeclaration(holder) && ts.getCombinedNodeFlags(holder) & ts.NodeFlags.Using) return;
      into.push({
        node: call,
        statement: statementOf(call),
        key: lock.receiver ?? '',
        what: `lock \`${lock.name}\``,
        operation: {
          kind: 'lock',
          method: lock.method,
          bare: lock.receiver === undefined,
          argumentsText: call.arguments.map(keyOf).join(','),
          resultName: ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined,
        },
      });
      return;
    }
    const callee = skipOuterExpressions(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    if (SYNC_CALLBACK_METHODS.has(method)) {
      for (const argument of call.arguments) {
        const callback = skipOuterExpressions(argument);
        if (ts.isArrowFunction(callback)) this.scan(callback.body, into);
      }
      return;
    }
    let receiver: ts.Expression | undefined;
    if (MUTATING_METHODS.has(method)) receiver = callee.expression;
    else if (TARGET_MUTATORS.has(keyOf(callee))) receiver = call.arguments[0];
    if (receiver === undefined) return;
    const stateTarget = this.classifier.classify(receiver, 'mutate');
    if (stateTarget === undefined) return;
    into.push({
      node: call,
      statement: statementOf(call),
      key: stateTarget.key,
      what: `${stateTarget.what} with ${MUTATING_METHODS.has(method) ? method : keyOf(callee)}()`,
      operation: { kind: 'call', method, firstArgument: call.arguments[0] === undefined ? undefined : keyOf(call.arguments[0]) },
    });
  }

  /**
   * Tells whether an expression statement undoes earlier changes, and which:
   * - `T = saved`, where `saved` is a local of the function initialised from `T` itself
   *   (`const old = this.x`): undoes every write of `T` made after `saved` was read, and never
   *   changes anything itself.
   * - `T = false` after `T = true` (and the reverse): a flag set and cleared again; this assumes the
   *   flag held the other value before, which the code usually tested first.
   * - `T--` after `T++`, `T -= e` after `T += e` (the same text), and the reverse: one for one.
   * - `R.pop()` after `R.push(…)`, `R.shift()` after `R.unshift(…)`, `R.delete(k)` after
   *   `R.add(k)` or `R.set(k, …)`: one for one (this assumes `k` was not there before).
   * - The release of a configured lock (see `LockMatcher`).
   * Only a statement of its own counts (optionally awaited or voided), not a part of a larger
   * expression.
   *
   * @param statement - an expression statement
   * @returns what it undoes, or `undefined`
   */
  restoreOf(statement: ts.ExpressionStatement): Restore | undefined {
    const expression = unwrapStatementExpression(statement.expression);
    if (ts.isCallExpression(expression)) return this.callRestore(expression);
    const arithmetic = arithmeticOf(expression);
    if (arithmetic !== undefined) {
      const key = keyOf(skipOuterExpressions(arithmetic.target));
      const inverse = arithmetic.kind === 'add' ? 'sub' : 'add';
      return {
        matches: (change) => change.key === key && change.operation.kind === inverse && change.operation.amount === arithmetic.amount,
        all: false,
        silent: false,
      };
    }
    if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    const key = keyOf(skipOuterExpressions(expression.left));
    const value = skipOuterExpressions(expression.right);
    if (value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword) {
      const cleared = value.kind === ts.SyntaxKind.FalseKeyword;
      return {
        matches: (change) => change.key === key && change.operation.kind === 'assign' && change.operation.boolean === cleared,
        all: true,
        silent: false,
      };
    }
    const saved = ts.isIdentifier(value) ? this.savedFrom(value) : undefined;
    if (saved === undefined || keyOf(skipOuterExpressions(saved.initializer!)) !== key) return undefined;
    return { matches: (change) => change.key === key && isWrite(change) && change.node.pos >= saved.end, all: true, silent: true };
  }

  /** The declaration of the local of the function that a value was saved in (`const old = this.x`). */
  private savedFrom(identifier: ts.Identifier): ts.VariableDeclaration | undefined {
    const declaration = this.checker.getSymbolAtLocation(identifier)?.valueDeclaration;
    if (declaration === undefined || !ts.isVariableDeclaration(declaration) || declaration.initializer === undefined) return undefined;
    if (declaration.getSourceFile() !== this.fn.getSourceFile() || declaration.pos < this.fn.pos || declaration.end > this.fn.end) return undefined;
    return declaration;
  }

  private callRestore(call: ts.CallExpression): Restore | undefined {
    const callee = skipOuterExpressions(call.expression);
    const lockRestore: Restore = { matches: (change) => this.locks.releases(call, change), all: false, silent: false };
    if (!ts.isPropertyAccessExpression(callee)) return lockRestore;
    const key = keyOf(skipOuterExpressions(callee.expression));
    const method = callee.name.text;
    const argument = call.arguments[0] === undefined ? undefined : keyOf(call.arguments[0]);
    const undoes = (change: StateChange): boolean => {
      const operation = change.operation;
      if (operation.kind !== 'call' || change.key !== key) return false;
      if (method === 'pop') return operation.method === 'push';
      if (method === 'shift') return operation.method === 'unshift';
      return method === 'delete' && (operation.method === 'add' || operation.method === 'set') && operation.firstArgument === argument;
    };
    // Silent or not, a call that undoes nothing is scanned like any other: an unlock finds nothing,
    // a `pop` on state is a change.
    return { matches: (change) => this.locks.releases(call, change) || undoes(change), all: false, silent: false };
  }
}
