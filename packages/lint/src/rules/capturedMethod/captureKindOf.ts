import { ts } from '@ts-morph/common';

/**
 * What is done with a method read as a value rather than called: the words a message uses.
 * `bound`: `.bind(...)` makes a copy; `assigned`: kept in a variable, a property or a field;
 * `passed`: an argument (a callback, a listener, a timer); `returned`; `stored`: an element of an
 * array or object literal; `taken`: any other use that keeps the function (thrown, yielded,
 * exported...).
 */
export type CaptureKind = 'bound' | 'assigned' | 'passed' | 'returned' | 'stored' | 'taken';

/** Looks up past what does not change a value: parentheses, `as`, `satisfies`, `!`, `<T>`, `f<T>`. */
function outermost(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isTypeAssertionExpression(parent) ||
      (ts.isExpressionWithTypeArguments(parent) && parent.expression === current)
    ) {
      current = parent as ts.Expression;
    } else {
      return current;
    }
  }
}

function accessedName(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return access.name.text;
  return ts.isStringLiteralLike(access.argumentExpression) ? access.argumentExpression.text : undefined;
}

/** `Reflect.apply(f, thisArg, args)` calls `f` at once, as `f.apply(thisArg, args)` does. */
function isReflectApplyTarget(call: ts.CallExpression | ts.NewExpression, node: ts.Expression): boolean {
  const callee = call.expression;
  return (
    ts.isCallExpression(call) &&
    call.arguments[0] === node &&
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'Reflect' &&
    callee.name.text === 'apply'
  );
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken ||
    kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken
  );
}

/**
 * Tells whether a method read (`store.sync`, `this.sync`, `super.sync`, `Store.prototype.sync`)
 * keeps the function it reads, and how. A call (`store.sync()`, `store.sync?.()`), `.call` and
 * `.apply` (and `Reflect.apply`) use the method as it is at that moment, which is the armed wrapper
 * when it is armed; so do the reads that only look at the function: `typeof`, comparisons,
 * truthiness tests, `.name`, `.length`, a write to the property (`store.sync = …`) and a value
 * dropped. Everything else keeps a reference that arming, which replaces the method on its class,
 * does not reach: a `.bind` copy, a variable, a field, an argument (a callback, a listener), a
 * returned value, an element of a literal. `a ?? b`, `a || b`, `c ? a : b`, `(x, a)`, `b && a`
 * and `await a` pass the read on, and are judged by what is done with them.
 *
 * @param access - a property or element access that reads a method
 * @returns how the reference is kept, or `undefined` when it is not kept
 */
export function captureKindOf(access: ts.Expression): CaptureKind | undefined {
  const node = outermost(access);
  const parent = node.parent;
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    if (parent.expression === node || isReflectApplyTarget(parent, node)) return undefined;
    return 'passed';
  }
  if (ts.isTaggedTemplateExpression(parent)) return parent.tag === node ? undefined : 'taken';
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) {
    // A property of the function: `.call(…)`, `.apply(…)`, `.name` read it as it is now; `.bind(…)` copies it.
    if (parent.expression !== node || accessedName(parent) !== 'bind') return undefined;
    const call = outermost(parent).parent;
    return ts.isCallExpression(call) && outermost(call.expression) === outermost(parent) ? 'bound' : undefined;
  }
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    if (isAssignment(operator)) return parent.right === node ? 'assigned' : undefined;
    switch (operator) {
      case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.CommaToken:
        // The left side is only tested, or dropped.
        return parent.right === node ? captureKindOf(parent) : undefined;
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        return captureKindOf(parent);
      default:
        // Comparisons, `instanceof`, `in`, arithmetic: the function is looked at, not kept.
        return undefined;
    }
  }
  // A tagged template hands its values to the tag; an untagged one only makes a string of them.
  if (ts.isTemplateSpan(parent)) return ts.isTaggedTemplateExpression(parent.parent.parent) ? 'passed' : undefined;
  if (ts.isConditionalExpression(parent)) return parent.condition === node ? undefined : captureKindOf(parent);
  if (ts.isAwaitExpression(parent)) return captureKindOf(parent);
  if (
    ts.isExpressionStatement(parent) ||
    ts.isPrefixUnaryExpression(parent) ||
    ts.isPostfixUnaryExpression(parent) ||
    ts.isTypeOfExpression(parent) ||
    ts.isVoidExpression(parent) ||
    ts.isDeleteExpression(parent) ||
    ts.isIfStatement(parent) ||
    ts.isWhileStatement(parent) ||
    ts.isDoStatement(parent) ||
    ts.isForStatement(parent) ||
    ts.isForInStatement(parent) ||
    ts.isForOfStatement(parent) ||
    ts.isSwitchStatement(parent) ||
    ts.isCaseClause(parent) ||
    ts.isComputedPropertyName(parent) ||
    ts.isDecorator(parent) ||
    ts.isSpreadElement(parent) ||
    ts.isSpreadAssignment(parent)
  ) {
    return undefined;
  }
  if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node)) return 'returned';
  if (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) return 'assigned';
  if (ts.isPropertyAssignment(parent) || ts.isArrayLiteralExpression(parent)) return 'stored';
  if (ts.isJsxExpression(parent)) return 'passed';
  return 'taken';
}
