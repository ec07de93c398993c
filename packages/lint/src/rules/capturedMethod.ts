import { ts } from '@ts-morph/common';
import type { Injectable } from '../model/Injectable';
import { memberNameText } from '../model/findInjectables';
import { createRule, type RuleContext } from '../rule/Rule';
import { captureKindOf, type CaptureKind } from './capturedMethod/captureKindOf';
import { markDisplayName } from './shared/markDisplayName';

type MessageId = 'captured' | 'boundOver' | 'destructured' | 'boundByDecorator';
type Context = RuleContext<MessageId>;

const HOW: Readonly<Record<CaptureKind, string>> = {
  bound: 'bound with .bind',
  assigned: 'assigned',
  passed: 'passed as an argument',
  returned: 'returned',
  stored: 'stored in a literal',
  taken: 'taken as a value',
};

/**
 * Whether arming the mark replaces the method on its class, where a reference taken before does not
 * see it. A private method (`#sync`) is wrapped from the start, as is a plain function
 * (`allowErrorInjection` returns its wrapper): every reference to them is reached.
 */
function armedInPlace(mark: Injectable): boolean {
  const declaration = mark.declaration;
  return mark.kind === 'method' && mark.called && declaration !== undefined && ts.isMethodDeclaration(declaration) && !ts.isPrivateIdentifier(declaration.name);
}

/** A receiver as a message shows it: its text when short and on one line, else `obj`. */
function receiverText(receiver: ts.Node | undefined): string {
  const text = receiver?.getText();
  return text === undefined || text.length > 40 || text.includes('\n') ? 'obj' : text;
}

/** `.sync`, or `['sync']` for a name that is not an identifier. */
function memberText(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function accessedName(access: ts.PropertyAccessExpression | ts.ElementAccessExpression): string {
  return ts.isPropertyAccessExpression(access) ? access.name.text : (access.argumentExpression as ts.StringLiteralLike).text;
}

/** The outermost expression that is the same value as a node: past parentheses, `as`, `!`. */
function outermost(node: ts.Node): ts.Node {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    ts.isTypeAssertionExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

/**
 * `this.sync = this.sync.bind(this)`: the bound copy is put on the instance under the method's own
 * name, where it hides the method from every later call, `store.sync()` included. (A field
 * `sync = this.sync.bind(this)` is not seen: the checker resolves `this.sync` there to the field,
 * and TypeScript refuses a field over a method, TS2425.)
 */
function isBoundOverItself(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, name: string): boolean {
  const bindCall = outermost(outermost(access).parent).parent;
  if (!ts.isCallExpression(bindCall)) return false;
  const holder = outermost(bindCall).parent;
  if (!ts.isBinaryExpression(holder) || holder.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  const target = holder.left;
  if (ts.isPropertyAccessExpression(target)) return target.name.text === name;
  return ts.isElementAccessExpression(target) && ts.isStringLiteralLike(target.argumentExpression) && target.argumentExpression.text === name;
}

function checkAccess(access: ts.PropertyAccessExpression | ts.ElementAccessExpression, context: Context): void {
  if (ts.isElementAccessExpression(access) && !ts.isStringLiteralLike(access.argumentExpression)) return;
  const name = accessedName(access);
  if (!context.injectables.hasName(name)) return;
  const mark = context.injectables.resolveAccess(access);
  if (mark === undefined || !armedInPlace(mark)) return;
  const kind = captureKindOf(access);
  if (kind === undefined) return;
  const fn = markDisplayName(mark);
  const receiver = receiverText(access.expression);
  const call = `${receiver}${memberText(name)}`;
  if (kind === 'bound' && isBoundOverItself(access, name)) {
    context.report({ node: access, messageId: 'boundOver', data: { fn, arrow: `(...args) => ${call}(...args)` } });
    return;
  }
  const fix = /(^|\.)prototype$/.test(receiver)
    ? `read it when it is called instead: \`${call}.call(self, ...args)\``
    : `call it through the object instead, with an arrow where a function is wanted: \`(...args) => ${call}(...args)\``;
  context.report({ node: access, messageId: 'captured', data: { fn, how: HOW[kind], fix } });
}

function reportDestructured(node: ts.Node, name: string, type: ts.Type, receiver: ts.Node | undefined, context: Context): void {
  if (!context.injectables.hasName(name)) return;
  const mark = context.injectables.resolveProperty(type, name);
  if (mark === undefined || !armedInPlace(mark)) return;
  context.report({ node, messageId: 'destructured', data: { fn: markDisplayName(mark), call: `${receiverText(receiver)}${memberText(name)}()` } });
}

/** `const { sync } = store`, `function f({ sync }: Store)`, `for (const { sync: s } of stores)`. */
function checkBindingElement(element: ts.BindingElement, context: Context): void {
  if (element.dotDotDotToken !== undefined || !ts.isObjectBindingPattern(element.parent)) return;
  const key = element.propertyName ?? element.name;
  const name = ts.isIdentifier(key) || ts.isStringLiteralLike(key) || ts.isNumericLiteral(key) ? key.text : undefined;
  if (name === undefined || !context.injectables.hasName(name)) return;
  const declaration = element.parent.parent;
  const receiver = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  reportDestructured(element, name, context.checker.getTypeAtLocation(element.parent), receiver, context);
}

/** `({ sync } = store)`, `({ sync: handler } = store)`. */
function checkDestructuringAssignment(assignment: ts.BinaryExpression, context: Context): void {
  const pattern = assignment.left;
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isObjectLiteralExpression(pattern)) return;
  let type: ts.Type | undefined;
  for (const property of pattern.properties) {
    if (!ts.isShorthandPropertyAssignment(property) && !ts.isPropertyAssignment(property)) continue;
    const name = memberNameText(property.name);
    if (name === undefined || ts.isPrivateIdentifier(property.name) || !context.injectables.hasName(name)) continue;
    type ??= context.checker.getTypeAtLocation(assignment.right);
    reportDestructured(property, name, type, assignment.right, context);
  }
}

/**
 * The names under which decorator libraries bind a method to each instance as it is constructed:
 * `@bound` (TypeScript's handbook), `@autobind` and `@boundMethod` (autobind-decorator,
 * core-decorators), `@bind` and `@Bind` (lodash-decorators, bind-decorator).
 */
const BINDING_DECORATORS: ReadonlySet<string> = new Set(['bound', 'autobind', 'boundMethod', 'bind', 'Bind', 'Autobind', 'BoundMethod']);

/** The name a decorator is applied by: `@bound`, `@bound()`, `@lib.bound`, `@lib.bound()`. */
function decoratorName(decorator: ts.Decorator): string | undefined {
  let expression = decorator.expression;
  if (ts.isCallExpression(expression)) expression = expression.expression;
  if (ts.isIdentifier(expression)) return expression.text;
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;
}

/** `@bound @AllowErrorInjection(...) sync()`: each instance gets a copy of the method as it is when the instance is made. */
function checkBindingDecorators(mark: Injectable, context: Context): void {
  if (!armedInPlace(mark) || !context.isLinted(mark.marker)) return;
  for (const decorator of ts.getDecorators(mark.declaration as ts.MethodDeclaration) ?? []) {
    const name = decoratorName(decorator);
    if (decorator === mark.marker || name === undefined || !BINDING_DECORATORS.has(name)) continue;
    const method = memberNameText((mark.declaration as ts.MethodDeclaration).name);
    const call = method === undefined ? 'obj.method' : `obj${memberText(method)}`;
    context.report({ node: decorator, messageId: 'boundByDecorator', data: { fn: markDisplayName(mark), decorator: `@${name}`, call } });
  }
}

/**
 * `ei/captured-method` (an error): an error-injectable method read as a value rather than called —
 * bound (`this.sync = this.sync.bind(this)`), destructured (`const { sync } = store`), assigned
 * (`const f = store.sync`), passed (`setTimeout(this.sync)`, `emitter.on('x', this.sync)`,
 * `arr.map(store.sync)`), returned, or stored in a literal. Arming a method replaces it on its class
 * (its prototype, or the constructor for a static method), and nothing is installed until then, so
 * a reference taken before arming holds the method as written: calls through it are never faulted,
 * silently. Calls (`this.sync()`, `super.sync()`, `store.sync?.()`), `.call` and `.apply`,
 * `typeof`, comparisons, truthiness tests and writes to the property are not captures
 * (`captureKindOf` says exactly what is). References are resolved as `ei/unchecked-call` resolves
 * calls: through `this`, `super`, the prototype, interfaces and base classes the marked method
 * implements. A decorator that binds the method to each instance (`@bound`, `@autobind`,
 * `@boundMethod`, `@bind`) beside the mark is reported too: every instance made before arming keeps
 * the method as written. Private methods (`#sync`) and plain functions are wrapped from the start,
 * so every reference to them is reached, and they are not reported.
 */
export const capturedMethod = createRule<MessageId>({
  id: 'ei/captured-method',
  description: 'error-injectable methods read as values (bound, destructured, stored, passed), whose calls arming never reaches',
  messages: {
    captured:
      '{{fn}} is {{how}} here instead of called: arming {{fn}} replaces the method on its class, and a reference taken before that keeps the method as written, ' +
      'so calls through it are never faulted; {{fix}}',
    boundOver:
      "{{fn}} is bound here and the copy put on the instance under the method's own name, where it hides the method: arming {{fn}} replaces the method on its class, " +
      'so every later call on this instance, direct calls included, runs the method as written and is never faulted; drop the bound copy, ' +
      'and pass an arrow where a function is wanted: `{{arrow}}`',
    boundByDecorator:
      '{{decorator}} binds {{fn}} to each instance as the instance is made: arming {{fn}} replaces the method on its class, and an instance made before that keeps ' +
      'the method as written under its own name, so every call on it is never faulted; remove {{decorator}}, and pass an arrow where a function is wanted: `(...args) => {{call}}(...args)`',
    destructured:
      '{{fn}} is destructured here instead of called: arming {{fn}} replaces the method on its class, and a reference taken before that keeps the method as written, ' +
      'so calls through it are never faulted; call it through the object instead: `{{call}}`',
  },
  check(context) {
    if (!context.injectables.all.some(armedInPlace)) return;
    for (const mark of context.injectables.all) checkBindingDecorators(mark, context);
    for (const file of context.files) {
      const visit = (node: ts.Node): void => {
        if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) checkAccess(node, context);
        else if (ts.isBindingElement(node)) checkBindingElement(node, context);
        else if (ts.isBinaryExpression(node)) checkDestructuringAssignment(node, context);
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  },
});
