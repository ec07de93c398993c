import { ts } from '@ts-morph/common';
import { skipOuterExpressions } from '../../model/skipOuterExpressions';
import { keyOf } from './keyOf';

/** A target whose change is state that outlives the call: its key and its description. */
export interface StateTarget {
  /** The target's text without white space: `this.count`, `out.value`. */
  readonly key: string;
  /** For the message: `` `this.count` ``, `` module variable `cache` ``, `` parameter property `out.value` ``. */
  readonly what: string;
}

/**
 * How a target is reached: `write` for an assignment, `++`, `--` or `delete` (writing a parameter
 * or a local itself changes nothing outside the function), `mutate` for a call that mutates the
 * object the expression holds (`out.push(x)` mutates what the caller passed).
 */
export type TargetUse = 'write' | 'mutate';

/** Where a variable comes from, seen from the function. */
type Origin =
  | { readonly kind: 'local' }
  | { readonly kind: 'parameter' }
  | { readonly kind: 'module' | 'outer'; readonly isClass: boolean }
  | { readonly kind: 'global' }
  /** A local that holds an object that is not the function's own (`const list = this.items`). */
  | { readonly kind: 'alias'; readonly of: string };

const LOCAL: Origin = { kind: 'local' };

/** Methods whose result is an element held by the receiver (`this.cache.get(k)`). */
const ELEMENT_ACCESSORS = new Set(['get', 'at', 'find', 'findLast']);

/** What a destructured local holds: `` `this.entries` `` for `const { entries } = this`, else a part of it. */
function partOf(element: ts.BindingElement, root: ts.VariableDeclaration | ts.ParameterDeclaration, of: string): string {
  const property = element.propertyName ?? element.name;
  const simple = element.parent === root.name && ts.isObjectBindingPattern(element.parent);
  if (simple && ts.isIdentifier(property) && /^`[^`]*`$/.test(of)) return `${of.slice(0, -1)}.${property.text}\``;
  return `a part of ${of}`;
}

function isFunctionBoundary(node: ts.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
}

/**
 * Tells whether a change of an expression is a change of state outside an error-injectable
 * function, and describes it. The rule, precisely:
 * - `this.…` (and `super.…`) is state: the object's, or the class's in a static method.
 * - An identifier is classified by the declaration of its symbol (the checker is asked about the
 *   roots of targets only): declared outside the function, it is a module variable (module or
 *   namespace level; a class there makes `Store.count` a static property), an outer variable (a
 *   closure's), or a global (declared in a declaration file, `process.env.X`); a parameter of the
 *   function is state through its properties (`out.value = 1`, `out.push(x)`) but not itself
 *   (`size = 0`); a local is free, unless it is an alias of an object that is not the
 *   function's: initialised from `this.…`, a parameter, a module variable or another alias (also
 *   through `await`, `??`, `||`, `&&`, `?:`, destructuring but not a rest element, `for (const x of this.items)`, the first
 *   parameter (an element) and the third (the array) of an arrow passed to `this.items.forEach`
 *   and the like, and `get`, `at`, `find` or `findLast` on such an object). Only the declaration
 *   makes an alias: a local assigned later (`let cur; cur = this.head`) stays the function's own.
 * - Anything else (the result of a call, `new`, a literal) is the function's own.
 */
export class TargetClassifier {
  private readonly origins = new Map<ts.Symbol, Origin>();

  /**
   * @param fn - the error-injectable function
   * @param checker - the type checker
   */
  constructor(
    private readonly fn: ts.SignatureDeclaration,
    private readonly checker: ts.TypeChecker,
  ) {}

  /**
   * Classifies a target.
   *
   * @param expression - what is written, or the receiver of a mutating call
   * @param use - a write, or a mutation through a call
   * @returns the target, or `undefined` when changing it changes nothing outside the function
   */
  classify(expression: ts.Expression, use: TargetUse): StateTarget | undefined {
    const target = skipOuterExpressions(expression);
    let root = target;
    let depth = 0;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) {
      root = skipOuterExpressions(root.expression);
      depth++;
    }
    const key = keyOf(target);
    if (root.kind === ts.SyntaxKind.ThisKeyword || root.kind === ts.SyntaxKind.SuperKeyword) return { key, what: `\`${key}\`` };
    if (!ts.isIdentifier(root)) return undefined;
    const origin = this.originOf(root);
    const name = root.text;
    switch (origin.kind) {
      case 'local':
        return undefined;
      case 'parameter':
        if (use === 'write' && depth === 0) return undefined;
        return { key, what: depth === 0 ? `parameter \`${name}\`` : `parameter property \`${key}\`` };
      case 'alias':
        if (use === 'write' && depth === 0) return undefined;
        return { key, what: `\`${key}\` (an alias of ${origin.of})` };
      case 'global':
        return { key, what: `global \`${key}\`` };
      default: {
        const variable = `${origin.kind} variable \`${name}\``;
        if (depth === 0) return { key, what: variable };
        return { key, what: origin.isClass ? `static property \`${key}\`` : `\`${key}\` of ${variable}` };
      }
    }
  }

  private originOf(identifier: ts.Identifier): Origin {
    const symbol = this.checker.getSymbolAtLocation(identifier);
    if (symbol === undefined) return LOCAL;
    let origin = this.origins.get(symbol);
    if (origin === undefined) {
      // A cycle (`let a = b; let b = a`) ends as a local.
      this.origins.set(symbol, LOCAL);
      origin = this.originOfSymbol(symbol);
      this.origins.set(symbol, origin);
    }
    return origin;
  }

  private originOfSymbol(symbol: ts.Symbol): Origin {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (declaration === undefined) return LOCAL;
    const file = declaration.getSourceFile();
    if (file.isDeclarationFile) return { kind: 'global' };
    const fn = this.fn;
    const inside = file === fn.getSourceFile() && declaration !== fn && declaration.pos >= fn.pos && declaration.end <= fn.end;
    if (!inside) {
      let container: ts.Node = declaration.parent;
      while (!ts.isSourceFile(container) && !isFunctionBoundary(container)) container = container.parent;
      return { kind: ts.isSourceFile(container) ? 'module' : 'outer', isClass: ts.isClassDeclaration(declaration) };
    }
    return this.originOfLocal(declaration);
  }

  private originOfLocal(declaration: ts.Declaration): Origin {
    // `const { ...rest } = this` and `const [...copy] = this.items` hold new objects.
    if (ts.isBindingElement(declaration) && declaration.dotDotDotToken !== undefined) return LOCAL;
    let binding: ts.Node = declaration;
    while (ts.isBindingElement(binding)) binding = binding.parent.parent;
    let origin: Origin;
    if (ts.isParameter(binding)) {
      if (binding.parent === this.fn) return { kind: 'parameter' };
      origin = this.callbackParameterOrigin(binding);
    } else if (ts.isVariableDeclaration(binding)) {
      const loop = binding.parent.parent;
      if (ts.isForOfStatement(loop)) origin = this.elementOrigin(loop.expression);
      else origin = binding.initializer === undefined ? LOCAL : this.valueOrigin(binding.initializer);
    } else {
      // A function or class declared in the function.
      return LOCAL;
    }
    return binding !== declaration && origin.kind === 'alias' ? { kind: 'alias', of: partOf(declaration as ts.BindingElement, binding, origin.of) } : origin;
  }

  /**
   * A parameter of an arrow the scanner entered, which is an argument of `R.forEach(…)` or one of
   * the other methods that call it at once: the first parameter is an element of `R`, the third
   * is `R` itself.
   */
  private callbackParameterOrigin(parameter: ts.ParameterDeclaration): Origin {
    let holder: ts.Node = parameter.parent.parent;
    while (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder)) holder = holder.parent;
    const callee = ts.isCallExpression(holder) ? skipOuterExpressions(holder.expression) : undefined;
    if (callee === undefined || !ts.isPropertyAccessExpression(callee)) return LOCAL;
    const index = (parameter.parent as ts.SignatureDeclaration).parameters.indexOf(parameter);
    if (index === 0) return this.elementOrigin(callee.expression);
    return index === 2 ? this.valueOrigin(callee.expression) : LOCAL;
  }

  private elementOrigin(container: ts.Expression): Origin {
    const origin = this.valueOrigin(container);
    return origin.kind === 'alias' ? { kind: 'alias', of: `an element of ${origin.of}` } : origin;
  }

  /** Where the object a value holds comes from: an alias when it is not the function's own. */
  private valueOrigin(value: ts.Expression): Origin {
    let expression = skipOuterExpressions(value);
    while (ts.isAwaitExpression(expression)) expression = skipOuterExpressions(expression.expression);
    if (ts.isConditionalExpression(expression)) return this.eitherOrigin(expression.whenTrue, expression.whenFalse);
    if (ts.isBinaryExpression(expression)) {
      const operator = expression.operatorToken.kind;
      if (operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.AmpersandAmpersandToken) {
        return this.eitherOrigin(expression.left, expression.right);
      }
      return LOCAL;
    }
    if (ts.isCallExpression(expression)) {
      const callee = skipOuterExpressions(expression.expression);
      return ts.isPropertyAccessExpression(callee) && ELEMENT_ACCESSORS.has(callee.name.text) ? this.elementOrigin(callee.expression) : LOCAL;
    }
    const target = this.classify(expression, 'mutate');
    return target === undefined ? LOCAL : { kind: 'alias', of: target.what };
  }

  private eitherOrigin(first: ts.Expression, second: ts.Expression): Origin {
    const origin = this.valueOrigin(first);
    return origin.kind === 'alias' ? origin : this.valueOrigin(second);
  }
}
