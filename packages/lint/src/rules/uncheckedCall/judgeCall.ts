import { ts } from 'ts-morph';
import type { CheckEnv } from './CheckEnv';
import { classifyPosition, type Position } from './classifyPosition';
import { Component, componentCount } from './Component';
import { nameComponents } from './describeFailure';
import { excludedAt } from './excludedAt';
import { excludedWhen, isComparison, isGreaterThanZero, type Subject } from './excludedWhen';
import type { FailureModel } from './FailureModel';
import { keepsFailure } from './keepsFailure';
import { occurrencesOf, referenceOf, refersTo, type Reference } from './Reference';
import { typeShapeOf } from './typeShapeOf';

/** The messages of ei/unchecked-call. */
export type UncheckedCallMessageId = 'used' | 'discarded' | 'floating' | 'nonNull' | 'cast' | 'wrongCheck' | 'lost';

/** What is wrong with a call's result: a message, the read at fault when it is not the call, and placeholders. */
export interface Problem {
  readonly messageId: UncheckedCallMessageId;
  /** The read of a variable at fault (the finding still points at the call). */
  readonly at: ts.Node | undefined;
  readonly data: Readonly<Record<string, string>>;
}

/** What one test of the value tells. */
interface TestResult {
  /** Some branch where success is possible excludes every failure: the test checks the failure. */
  readonly full: boolean;
  /** The most failure components a branch with success excludes. */
  readonly partial: number;
  /** The test compares an errno `> 0`. */
  readonly greaterThanZero: boolean;
  /** The test excludes null, which the function never fails with. */
  readonly nullOnly: boolean;
}

/** How deep a result is followed through variables it is copied to. */
const MAX_DEPTH = 4;

function problem(messageId: UncheckedCallMessageId, at: ts.Node | undefined, data: Readonly<Record<string, string>> = {}): Problem {
  return { messageId, at, data };
}

function skipParentheses(node: ts.Expression): ts.Expression {
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

function containsGreaterThanZero(node: ts.Expression, subject: Subject): boolean {
  const inner = skipParentheses(node);
  if (ts.isPrefixUnaryExpression(inner)) return containsGreaterThanZero(inner.operand, subject);
  if (!ts.isBinaryExpression(inner)) return false;
  if (isComparison(inner.operatorToken.kind)) return isGreaterThanZero(inner, subject);
  return containsGreaterThanZero(inner.left, subject) || containsGreaterThanZero(inner.right, subject);
}

/**
 * Judges one call of an error-injectable function: follows its result to its uses, through the
 * variables and properties that hold it, and says what is wrong first, if anything.
 */
class Judge {
  constructor(
    private readonly model: FailureModel,
    private readonly env: CheckEnv,
  ) {}

  private isProtected(excluded: number): boolean {
    return (excluded & this.model.failure) === this.model.failure || (excluded & Component.ok) !== 0;
  }

  private subject(matches: (node: ts.Expression) => boolean, direct: ts.Node | undefined, allowGt: boolean): Subject {
    return { model: this.model, env: this.env, matches, direct, allowGt };
  }

  private refSubject(ref: Reference, allowGt: boolean): Subject {
    return this.subject((node) => refersTo(node, ref, this.env), undefined, allowGt);
  }

  private evaluate(root: ts.Expression, subject: Subject, before: number): TestResult {
    const { failure } = this.model;
    let full = false;
    let partial = 0;
    let nullOnly = false;
    for (const branch of [true, false]) {
      const excluded = before | excludedWhen(root, branch, subject);
      const possible = (failure | Component.ok) & ~excluded;
      if (!(possible & Component.ok)) continue;
      if ((possible & failure) === 0) full = true;
      if (componentCount(excluded & failure) > componentCount(partial)) partial = excluded & failure;
      if (excluded & Component.null && !(failure & Component.null)) nullOnly = true;
    }
    return { full, partial, greaterThanZero: containsGreaterThanZero(root, subject), nullOnly };
  }

  /** What the checker's narrowing says the value cannot be at a read of a reference. */
  private narrowed(read: ts.Expression): number {
    const { visible, type } = this.model;
    const shape = typeShapeOf(this.env.checker.getTypeAtLocation(read));
    if (shape.never) return Component.all;
    if (shape.open) return 0;
    let excluded = visible & (Component.null | Component.errPtr | Component.true) & ~shape.components;
    const okTrue = type !== 'TRUE' && (shape.components & Component.true) !== 0;
    if (!shape.other && !shape.undefined && !(shape.components & Component.errno) && !okTrue && shape.components !== 0) excluded |= Component.ok;
    return excluded;
  }

  private excludedAtRead(read: ts.Expression, ref: Reference, promise: boolean, allowGt: boolean): number {
    const excluded = excludedAt(read, ref.def, this.refSubject(ref, allowGt));
    if (this.isProtected(excluded) || promise || ts.isBinaryExpression(read)) return excluded;
    return excluded | this.narrowed(read);
  }

  private returnKeeps(position: Position & { kind: 'return' }): { keeps: boolean; type: string } {
    const fn = position.fn;
    const keep = { keeps: true, type: '' };
    if (fn === undefined || (fn as ts.FunctionLikeDeclaration).asteriskToken !== undefined) return keep;
    if (this.env.injectableOf(fn)?.type === this.model.type) return keep;
    const checker = this.env.checker;
    let type: ts.Type | undefined;
    if (fn.type !== undefined) {
      type = checker.getTypeFromTypeNode(fn.type);
    } else if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) {
      const signature = checker.getContextualType(fn)?.getCallSignatures()[0];
      if (signature !== undefined) type = checker.getReturnTypeOfSignature(signature);
    }
    if (type === undefined) return keep;
    const isAsync = ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async;
    if (isAsync || position.promise) type = checker.getAwaitedType(type) ?? type;
    return { keeps: keepsFailure(type, this.model), type: checker.typeToString(type) };
  }

  private storeKeeps(target: ts.Node): { keeps: boolean; type: string } {
    const type = this.env.checker.getTypeAtLocation(target);
    return { keeps: keepsFailure(type, this.model), type: this.env.checker.typeToString(type) };
  }

  private lostReturn(position: Position & { kind: 'return' }, at: ts.Node | undefined): Problem | undefined {
    const { keeps, type } = this.returnKeeps(position);
    return keeps ? undefined : problem('lost', at, { where: `returned where \`${type}\` is expected` });
  }

  private lostStore(target: ts.Node, at: ts.Node | undefined): Problem | undefined {
    const { keeps, type } = this.storeKeeps(target);
    return keeps ? undefined : problem('lost', at, { where: `stored in \`${target.getText()}\` of type \`${type}\`` });
  }

  /**
   * Judges a fresh result: the call itself, or a Promise of it once awaited.
   *
   * @param value - the expression that gives the result
   * @param promise - whether it is a Promise of the result
   * @param depth - how many variables deep
   * @returns the problem, or `undefined` when the failure is handled
   */
  value(value: ts.Expression, promise: boolean, depth: number): Problem | undefined {
    return this.direct(classifyPosition(value, promise, this.model, this.env), depth);
  }

  private direct(position: Position, depth: number): Problem | undefined {
    switch (position.kind) {
      case 'discarded':
        return problem(position.promise ? 'floating' : 'discarded', undefined);
      case 'ignored':
      case 'switch':
        return undefined;
      case 'test': {
        const node = position.node;
        const result = this.evaluate(position.root, this.subject((n) => skipParentheses(n) === node, node, false), 0);
        return result.full ? undefined : this.wrongCheck([result], undefined);
      }
      case 'nullish':
        if (position.promise) return problem('used', undefined);
        return this.model.failure & ~Component.null ? this.wrongCheck([this.nullishResult()], undefined) : undefined;
      case 'return':
        return this.lostReturn(position, undefined);
      case 'stored':
        return this.lostStore(position.target, undefined);
      case 'local': {
        const ref = referenceOf(position.name, position.def, this.env);
        if (ref === undefined) return ts.isExpression(position.name) ? this.lostStore(position.name, undefined) : undefined;
        return this.reference(ref, position.promise, depth + 1);
      }
      case 'then':
        return this.then(position, depth);
      case 'use':
        return problem('used', undefined);
      case 'nonNull':
        return problem('nonNull', undefined);
      case 'cast':
        return problem('cast', undefined, { type: this.env.checker.typeToString(position.type) });
    }
  }

  private nullishResult(): TestResult {
    return { full: false, partial: this.model.failure & Component.null, greaterThanZero: false, nullOnly: !(this.model.failure & Component.null) };
  }

  private then(position: Position & { kind: 'then' }, depth: number): Problem | undefined {
    const callback = position.callback === undefined ? undefined : skipParentheses(position.callback);
    if (callback === undefined || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return problem('used', undefined);
    const parameter = callback.parameters[0];
    if (parameter === undefined) return problem('discarded', undefined);
    const ref = ts.isIdentifier(parameter.name) ? referenceOf(parameter.name, parameter, this.env) : undefined;
    return ref === undefined ? problem('used', undefined) : this.reference(ref, false, depth + 1);
  }

  private wrongCheck(results: readonly TestResult[], at: ts.Node | undefined): Problem {
    let best = 0;
    for (const result of results) if (componentCount(result.partial) > componentCount(best)) best = result.partial;
    let checked: string;
    if (best !== 0) checked = `only for ${nameComponents(best)}`;
    else if (results.some((result) => result.greaterThanZero)) checked = 'with `> 0`, which takes a negative errno for success';
    else if (results.some((result) => result.nullOnly)) checked = 'for null, which it never fails with';
    else checked = 'in a way that does not tell its failure from success';
    return problem('wrongCheck', at, { checked });
  }

  /**
   * Judges a variable or property that holds the result: every read must be a check, or come after
   * one on every path (or in the branch where the failure is known), or pass the value on where
   * its type keeps the failure.
   */
  private reference(ref: Reference, promise: boolean, depth: number): Problem | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let handled = false;
    const tests: TestResult[] = [];
    const roots = new Set<ts.Node>();
    for (const read of occurrencesOf(ref, this.env)) {
      const position = classifyPosition(read, promise, this.model, this.env);
      if (position.awaited) {
        const found = this.direct(position, depth);
        if (found !== undefined) return { ...found, at: found.at ?? read };
        handled = true;
        continue;
      }
      switch (position.kind) {
        case 'discarded':
          break;
        case 'ignored':
        case 'switch':
          handled = true;
          break;
        case 'test': {
          if (roots.has(position.root)) break;
          roots.add(position.root);
          const before = promise ? 0 : this.excludedAtRead(read, ref, promise, false);
          const result = this.evaluate(position.root, this.refSubject(ref, false), before);
          tests.push(result);
          if (result.full) handled = true;
          break;
        }
        case 'nullish': {
          if (promise) return problem('used', read);
          const excluded = this.excludedAtRead(read, ref, promise, true) | Component.null;
          if (!this.isProtected(excluded)) return this.wrongCheck([...tests, { ...this.nullishResult(), partial: excluded & this.model.failure }], read);
          handled = true;
          break;
        }
        case 'return': {
          if (!promise && this.isProtected(this.excludedAtRead(read, ref, promise, true))) {
            handled = true;
            break;
          }
          const lost = this.lostReturn(position, read);
          if (lost !== undefined) return lost;
          handled = true;
          break;
        }
        case 'stored': {
          if (!promise && this.isProtected(this.excludedAtRead(read, ref, promise, true))) {
            handled = true;
            break;
          }
          const lost = this.lostStore(position.target, read);
          if (lost !== undefined) return lost;
          handled = true;
          break;
        }
        case 'local': {
          if (!promise && this.isProtected(this.excludedAtRead(read, ref, promise, true))) {
            handled = true;
            break;
          }
          const found = this.direct(position, depth);
          if (found !== undefined) return { ...found, at: found.at ?? read };
          handled = true;
          break;
        }
        case 'then': {
          const found = this.then(position, depth);
          if (found !== undefined) return { ...found, at: found.at ?? read };
          handled = true;
          break;
        }
        case 'use':
        case 'nonNull':
        case 'cast': {
          const excluded = promise ? 0 : this.excludedAtRead(read, ref, promise, true);
          if (this.isProtected(excluded)) {
            if (this.isProtected(this.excludedAtRead(read, ref, promise, false))) handled = true;
            break;
          }
          return this.unprotected(position, read, excluded, tests);
        }
      }
    }
    if (handled) return undefined;
    if (tests.length > 0) return this.wrongCheck(tests, undefined);
    if (ref.store !== undefined) return this.lostStore(ref.store, undefined);
    return problem(promise ? 'floating' : 'discarded', undefined);
  }

  private unprotected(position: Position, read: ts.Expression, excluded: number, tests: readonly TestResult[]): Problem {
    const partial = excluded & this.model.failure;
    const nullOnly = (excluded & Component.null) !== 0 && !(this.model.failure & Component.null);
    if (partial !== 0 || nullOnly || tests.some((test) => test.greaterThanZero)) {
      return this.wrongCheck([...tests, { full: false, partial, greaterThanZero: false, nullOnly }], read);
    }
    if (position.kind === 'cast') return problem('cast', read, { type: this.env.checker.typeToString(position.type) });
    return problem(position.kind === 'nonNull' ? 'nonNull' : 'used', read);
  }
}

/**
 * Judges one call of an error-injectable function.
 *
 * @param call - the call
 * @param model - how it fails
 * @param env - the shared analysis state
 * @returns what is wrong first, or `undefined` when the failure is handled before the value is used
 */
export function judgeCall(call: ts.CallExpression, model: FailureModel, env: CheckEnv): Problem | undefined {
  return new Judge(model, env).value(call, model.promise, 0);
}
