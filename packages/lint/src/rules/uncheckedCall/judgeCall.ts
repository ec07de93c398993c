import { ts } from '@ts-morph/common';
import { skipParentheses } from '../shared/skipParentheses';
import type { CheckEnv } from './CheckEnv';
import { classifyPosition, type Position } from './classifyPosition';
import { Component, componentCount } from './Component';
import { contextualReturnType } from './contextualReturnType';
import { anyParameterOf, escapesIntoAny } from './escapesIntoAny';
import { excludedAt } from './excludedAt';
import { excludedWhen, insideFalseGuard, isErrnoEquality, isFalseGuard, isGreaterThanZero, type Subject } from './excludedWhen';
import type { FailureModel } from './FailureModel';
import { keepsFailure } from './keepsFailure';
import { nameComponents } from './nameComponents';
import { occurrencesOf, referenceOf, refersTo, type Reference } from './Reference';
import { shownComponents, typeShapeOf } from './typeShapeOf';

/** The messages of ei/unchecked-call. */
export type UncheckedCallMessageId = 'used' | 'discarded' | 'floating' | 'nonNull' | 'cast' | 'wrongCheck' | 'lost' | 'escaped';

/** What is wrong with a call's result: a message, the read at fault when it is not the call, and placeholders. */
export interface Problem {
  readonly messageId: UncheckedCallMessageId;
  /** The read of a variable at fault (the finding still points at the call). */
  readonly at: ts.Node | undefined;
  readonly data: Readonly<Record<string, string>>;
  /** `'warning'` for a result escaping into `any`, which may never be used as a success. */
  readonly severity?: 'warning';
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
  /** The test is a guard that leaves on `=== false`, which null gets past. */
  readonly falseGuard?: boolean;
  /**
   * The test compares an errno with a negative errno (`r === -errno.ENOENT`): the other failures
   * go on with the successes, where a read is judged as any other.
   */
  readonly picks?: boolean;
}

/** How deep a result is followed through variables it is copied to. */
const MAX_DEPTH = 4;

function problem(messageId: UncheckedCallMessageId, at: ts.Node | undefined, data: Readonly<Record<string, string>> = {}): Problem {
  return { messageId, at, data };
}

/**
 * Judges one call of an error-injectable function: follows its result to its uses, through the
 * variables and properties that hold it, and says what is wrong first, if anything.
 */
class Judge {
  /**
   * Off while following a variable that holds an asserted result (`let s: S = f()!`): its type
   * no longer shows the failure, so only the checks on the way to a read count.
   */
  private typesTell = true;

  constructor(
    private readonly model: FailureModel,
    private readonly env: CheckEnv,
  ) {}

  private isProtected(excluded: number): boolean {
    return (excluded & this.model.failure) === this.model.failure || (excluded & Component.ok) !== 0;
  }

  private subject(matches: (node: ts.Expression) => boolean, judgingUse: boolean): Subject {
    return { model: this.model, env: this.env, matches, judgingUse };
  }

  private refSubject(ref: Reference, judgingUse: boolean): Subject {
    return this.subject((node) => refersTo(node, ref, this.env), judgingUse);
  }

  /** Evaluates the test of a value: the comparison, guard call, `!` or truthiness that reads it. */
  private evaluate(test: ts.Expression, subject: Subject, before: number): TestResult {
    const { failure } = this.model;
    let full = false;
    let partial = 0;
    let nullOnly = false;
    for (const branch of [true, false]) {
      const excluded = before | excludedWhen(test, branch, subject);
      const possible = (failure | Component.ok) & ~excluded;
      if (!(possible & Component.ok)) continue;
      if ((possible & failure) === 0) full = true;
      if (componentCount(excluded & failure) > componentCount(partial)) partial = excluded & failure;
      // Null ruled out on its own (`pos == null`), not with every other non-number (`fd !== other`).
      const incidental = (Component.errPtr | Component.true) & ~failure;
      if (excluded & Component.null && !(failure & Component.null) && !(excluded & incidental)) nullOnly = true;
    }
    const binary = ts.isBinaryExpression(test);
    const picks = binary && this.model.failure === Component.errno && isErrnoEquality(test, subject);
    return { full, partial, greaterThanZero: binary && isGreaterThanZero(test, subject), nullOnly, picks, falseGuard: binary && isFalseGuard(test, subject) };
  }

  /** What the checker's narrowing says the value cannot be at a read of a reference. */
  private narrowed(read: ts.Expression): number {
    const { visible, type, undefinedIsNull } = this.model;
    const shape = typeShapeOf(this.env.checker.getTypeAtLocation(read));
    if (shape.never) return Component.all;
    if (shape.open) return 0;
    const shown = shownComponents(shape, undefinedIsNull);
    const excluded = visible & (Component.null | Component.errPtr | Component.true) & ~shown;
    // Only failures left (`null`, an ErrPtr, `true` for TRUE): the read is in the failure's branch.
    const okTrue = type !== 'TRUE' && (shape.components & Component.true) !== 0;
    const okLeft = shape.other || (shape.undefined && !undefinedIsNull) || (shape.components & Component.errno) !== 0 || okTrue;
    return excluded | (okLeft || shown === 0 ? 0 : Component.ok);
  }

  private excludedAtRead(read: ts.Expression, ref: Reference, judgingUse: boolean): number {
    const subject = this.refSubject(ref, judgingUse);
    const excluded = excludedAt(read, ref.def, subject);
    if (!this.typesTell || this.isProtected(excluded) || ts.isBinaryExpression(read)) return excluded;
    // Narrowed to `false` by a guard that null gets past: the narrowing checks nothing.
    if (!judgingUse && insideFalseGuard(read, subject)) return excluded;
    return excluded | this.narrowed(read);
  }

  /**
   * The type a returned value goes into: declared, or contextual for a callback or an object
   * literal's method; `undefined` when inferred from the value itself.
   */
  private returnType(position: Position & { kind: 'return' }): ts.Type | undefined {
    const fn = position.fn as ts.FunctionLikeDeclaration | undefined;
    if (fn === undefined || fn.asteriskToken !== undefined || this.env.injectableOf(fn)?.type === this.model.type) return undefined;
    const checker = this.env.checker;
    let type: ts.Type | undefined;
    if (fn.type !== undefined) type = checker.getTypeFromTypeNode(fn.type);
    else type = contextualReturnType(fn, checker);
    const isAsync = (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
    return type !== undefined && (isAsync || position.promise) ? (checker.getAwaitedType(type) ?? type) : type;
  }

  /**
   * Judges a result passed on: returned, or stored in a property, an element, a field, an
   * exported variable. Fine when the type it goes into can carry the failure.
   */
  private propagated(position: Position, at: ts.Node | undefined): Problem | undefined {
    if (position.kind === 'return') return this.lost(this.returnType(position), (shown) => `returned where \`${shown}\` is expected`, at);
    return position.kind === 'stored' ? this.stored(position.target, at) : undefined;
  }

  private stored(target: ts.Node, at: ts.Node | undefined): Problem | undefined {
    return this.lost(this.env.checker.getTypeAtLocation(target), (shown) => `stored in \`${target.getText()}\` of type \`${shown}\``, at);
  }

  /**
   * Judges a use that passes the value to a parameter typed `any`: it escapes where the type system
   * no longer follows it (a warning), or, for `...args: any[]` (`console.log`, a formatter), is
   * formatted rather than used as a success (nothing).
   *
   * @returns `undefined` for any other use; otherwise the problem, if any
   */
  private intoAnyParameter(position: Position, at: ts.Node | undefined): { problem: Problem | undefined } | undefined {
    if (position.kind !== 'used') return undefined;
    const kind = anyParameterOf(position.node, this.env.checker);
    if (kind === undefined) return undefined;
    const call = position.node.parent as ts.CallExpression | ts.NewExpression;
    const callee = call.expression.getText();
    const where = `passed to \`${callee.length > 40 ? `${callee.slice(0, 39)}…` : callee}\` as \`any\``;
    return { problem: kind === 'rest' ? undefined : { ...problem('escaped', at, { where }), severity: 'warning' } };
  }

  private lost(type: ts.Type | undefined, where: (shown: string) => string, at: ts.Node | undefined): Problem | undefined {
    if (type === undefined) return undefined;
    if (escapesIntoAny(type)) return { ...problem('escaped', at, { where: where('any') }), severity: 'warning' };
    if (keepsFailure(type, this.model)) return undefined;
    return problem('lost', at, { where: where(this.env.checker.typeToString(type)) });
  }

  /**
   * Judges a fresh result: the call itself, or a Promise of it once awaited.
   *
   * @param value - the expression that gives the result
   * @param promise - whether it is a Promise of the result
   * @returns the problem, or `undefined` when the failure is handled
   */
  value(value: ts.Expression, promise: boolean): Problem | undefined {
    return this.judgePosition(classifyPosition(value, promise, this.model, this.env), 0);
  }

  private judgePosition(position: Position, depth: number): Problem | undefined {
    switch (position.kind) {
      case 'discarded':
        return problem(position.promise ? 'floating' : 'discarded', undefined);
      case 'ignored':
      case 'switch':
      case 'passed':
        return undefined;
      case 'test': {
        const node = skipParentheses(position.node);
        const result = this.evaluate(position.test, this.subject((n) => skipParentheses(n) === node, false), 0);
        return result.full || result.picks ? undefined : this.wrongCheck([result], undefined);
      }
      case 'nullish':
        return this.model.failure & ~Component.null ? this.wrongCheck([this.nullishResult(0)], undefined) : undefined;
      case 'return':
      case 'stored':
        return this.propagated(position, undefined);
      case 'used':
        return (this.intoAnyParameter(position, undefined) ?? { problem: problem('used', undefined) }).problem;
      case 'local': {
        const ref = referenceOf(position.name, position.def, this.env);
        if (ref === undefined) return undefined;
        return position.promise ? this.promiseReference(ref, depth + 1) : this.reference(ref, depth + 1);
      }
      case 'then':
        return this.then(position, depth);
      case 'cast':
        if (this.assertedThenChecked(position, depth)) return undefined;
        return problem('cast', undefined, { type: this.env.checker.typeToString(position.type) });
      case 'nonNull':
        return this.assertedThenChecked(position, depth) ? undefined : problem('nonNull', undefined);
    }
  }

  /** Whether an asserted result put in a variable (`let s: S = f()!`) is checked there before any use. */
  private assertedThenChecked(position: Position & { kind: 'nonNull' | 'cast' }, depth: number): boolean {
    const local = position.asserted;
    const ref = local === undefined ? undefined : referenceOf(local.name, local.def, this.env);
    if (ref === undefined) return false;
    const typesTell = this.typesTell;
    this.typesTell = false;
    try {
      return this.reference(ref, depth + 1) === undefined;
    } finally {
      this.typesTell = typesTell;
    }
  }

  private nullishResult(excluded: number): TestResult {
    const { failure } = this.model;
    return { full: false, partial: (excluded | Component.null) & failure, greaterThanZero: false, nullOnly: !(failure & Component.null) };
  }

  private then(position: Position & { kind: 'then' }, depth: number): Problem | undefined {
    const callback = position.callback && skipParentheses(position.callback);
    const parameter = callback !== undefined && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) ? callback.parameters : undefined;
    if (parameter === undefined) return problem('used', undefined);
    if (parameter[0] === undefined) return problem('discarded', undefined);
    const ref = ts.isIdentifier(parameter[0].name) ? referenceOf(parameter[0].name, parameter[0], this.env) : undefined;
    return ref === undefined ? problem('used', undefined) : this.reference(ref, depth + 1);
  }

  private wrongCheck(results: readonly TestResult[], at: ts.Node | undefined): Problem {
    let best = 0;
    for (const result of results) if (componentCount(result.partial) > componentCount(best)) best = result.partial;
    let checked: string;
    if (best !== 0) checked = `only for ${nameComponents(best)}`;
    else if (results.some((result) => result.falseGuard)) checked = 'only against `false`, which null, falsy too, gets past with `true`';
    else if (results.some((result) => result.greaterThanZero)) checked = 'with `> 0`, which takes a negative errno for success';
    else if (results.some((result) => result.nullOnly)) checked = 'for null, which it never fails with';
    else checked = 'in a way that does not tell its failure from success';
    return problem('wrongCheck', at, { checked });
  }

  /**
   * Judges a variable that holds the Promise of a result: it must be awaited (the value is then
   * judged as a fresh result), returned, or handled by `.then`.
   */
  private promiseReference(ref: Reference, depth: number): Problem | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let handled = false;
    for (const read of occurrencesOf(ref, this.env)) {
      const position = classifyPosition(read, true, this.model, this.env);
      if (position.kind === 'discarded') continue;
      const found = position.awaited || position.kind === 'then' || position.kind === 'local' ? this.judgePosition(position, depth) : this.propagatedPromise(position);
      if (found !== undefined) return { ...found, at: found.at ?? read };
      handled = true;
    }
    return handled ? undefined : problem('floating', undefined);
  }

  private propagatedPromise(position: Position): Problem | undefined {
    if (position.kind === 'return') return this.propagated(position, undefined);
    return position.kind === 'ignored' ? undefined : problem('used', undefined);
  }

  /**
   * Judges a variable or property that holds the result: every read must be a check, or come after
   * one on every path (or in the branch where the failure is known), or pass the value on where
   * its type keeps the failure.
   */
  private reference(ref: Reference, depth: number): Problem | undefined {
    if (depth > MAX_DEPTH) return undefined;
    let handled = false;
    // A read that escapes into `any` is a warning, unless a later read is an error.
    let escaped: Problem | undefined;
    const tests: TestResult[] = [];
    for (const read of occurrencesOf(ref, this.env)) {
      const position = classifyPosition(read, false, this.model, this.env);
      let found: Problem | undefined;
      switch (position.kind) {
        case 'discarded':
          continue;
        case 'test': {
          const result = this.evaluate(position.test, this.refSubject(ref, false), this.excludedAtRead(read, ref, false));
          tests.push(result);
          handled ||= result.full || result.picks === true;
          continue;
        }
        case 'nullish': {
          const excluded = this.excludedAtRead(read, ref, true);
          if (!this.isProtected(excluded | Component.null)) return this.wrongCheck([...tests, this.nullishResult(excluded)], read);
          break;
        }
        case 'used':
        case 'nonNull':
        case 'cast': {
          const excluded = this.excludedAtRead(read, ref, true);
          if (!this.isProtected(excluded)) {
            const unprotected = this.unprotected(position, read, excluded, tests);
            const sink = unprotected.messageId === 'used' ? this.intoAnyParameter(position, read) : undefined;
            if (sink === undefined) return unprotected;
            found = sink.problem;
            break;
          }
          // A use inside `> 0` is safe, but does not count as the check.
          handled ||= this.isProtected(this.excludedAtRead(read, ref, false));
          continue;
        }
        default: {
          // Passed on (returned, stored, copied, switched on): fine where it is checked already;
          // inside `> 0` it is safe, but `> 0` does not count as the check, as for a use above.
          const excluded = this.excludedAtRead(read, ref, true);
          if (!this.isProtected(excluded)) {
            // Passed on after a test for a null it never fails with (`if (pos == null) throw …;
            // return pos`): the test shows the failure taken for null, and the errno goes on as a success.
            if (this.passedOnAsChecked(position, excluded, ref)) return this.wrongCheck([...tests, { full: false, partial: 0, greaterThanZero: false, nullOnly: true }], read);
            found = this.judgePosition(position, depth);
          } else if (!this.isProtected(this.excludedAtRead(read, ref, false))) continue;
        }
      }
      if (found?.severity === 'warning') escaped ??= { ...found, at: found.at ?? read };
      else if (found !== undefined) return { ...found, at: found.at ?? read };
      handled = true;
    }
    if (handled) return escaped;
    if (tests.length > 0) return this.wrongCheck(tests, undefined);
    if (ref.store !== undefined) return this.stored(ref.store, undefined);
    return problem('discarded', undefined);
  }

  /**
   * Tells whether a value returned, stored or copied has been tested only for a null the function
   * never fails with, and nothing of its real failure: passed on as though that test had checked
   * it. Not where the variable's type holds null or undefined: the test then tells a success apart
   * (`number | null` on ERRNO), and the errno goes on where the type keeps it.
   */
  private passedOnAsChecked(position: Position, excluded: number, ref: Reference): boolean {
    const { failure } = this.model;
    const passedOn = position.kind === 'return' || position.kind === 'stored' || position.kind === 'local';
    if (!passedOn || !(excluded & Component.null) || failure & Component.null || excluded & failure) return false;
    const checker = this.env.checker;
    const type = ref.symbol !== undefined ? checker.getTypeOfSymbol(ref.symbol) : ts.isBinaryExpression(ref.def) ? checker.getTypeAtLocation(ref.def.left) : undefined;
    const shape = type === undefined ? undefined : typeShapeOf(type);
    return shape !== undefined && !shape.open && !shape.undefined && !(shape.components & Component.null);
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
  return new Judge(model, env).value(call, model.promise);
}
