import * as path from 'node:path';
import { ts } from '@ts-morph/common';
import { classNameOf } from '../model/findInjectables';
import type { Injectable } from '../model/Injectable';
import { skipOuterExpressions } from '../model/skipOuterExpressions';
import { createRule, type RuleContext } from '../rule/Rule';
import { describeTarget } from './badUsage/describeTarget';
import { findConstructorMarks } from './badUsage/findConstructorMarks';
import { injectableNameProblem, KSYM_NAME_LEN, RESERVED_INJECTABLE_NAMES } from './badUsage/injectableNameProblem';
import { markDisplayName } from './shared/markDisplayName';
import { markSignatures } from './shared/markSignatures';
import { optionKeyText } from './shared/optionKeyText';
import { readOption } from './shared/readOption';

type MessageId =
  | 'notAMethod'
  | 'notCalled'
  | 'typeMissing'
  | 'typeNotConstant'
  | 'duplicateName'
  | 'markedTwice'
  | 'anonymousFunction'
  | 'wrapsClass'
  | 'symbolKey'
  | 'notRecognisedAsync'
  | 'asyncFalse'
  | 'asyncNotPromise'
  | 'optionsNotObject'
  | 'unknownOption'
  | 'optionNotBoolean'
  | 'unusableName'
  | 'reservedName'
  | 'errPtrWrongType';

type Context = RuleContext<MessageId>;

const TYPES = 'EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL or EI_TYPE_TRUE';
const KNOWN_OPTIONS: ReadonlySet<string> = new Set(['name', 'errPtr', 'async']);

/** Where another mark is, as a message says it: `line 4`, or `./store.ts:4` from the reporting file's directory. */
function whereIs(node: ts.Node, from: ts.Node): string {
  const file = node.getSourceFile();
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  if (file === from.getSourceFile()) return `line ${line}`;
  const relative = path.relative(path.dirname(from.getSourceFile().fileName), file.fileName).split(path.sep).join('/');
  return `${relative.startsWith('.') ? '' : './'}${relative}:${line}`;
}

function isAsyncFunction(declaration: ts.SignatureDeclaration): boolean {
  return ts.canHaveModifiers(declaration) && (ts.getModifiers(declaration)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

function isThenable(type: ts.Type): boolean {
  return type.getProperty('then') !== undefined;
}

/** Names checked by the runtime: options.name, or the default name when no options.name is given. */
function checkName(mark: Injectable, context: Context): void {
  const option = readOption(mark.optionsArgument, 'name');
  if (option.kind === 'unseen') return;
  const fromOption = option.kind === 'literal';
  const name = fromOption ? option.value : mark.name;
  if (!fromOption && name === undefined) {
    const memberName = mark.kind === 'method' ? mark.declaration?.name : undefined;
    if (memberName !== undefined && ts.isComputedPropertyName(memberName) && context.checker.getTypeAtLocation(memberName.expression).flags & ts.TypeFlags.ESSymbolLike) {
      context.report({ node: mark.marker, messageId: 'symbolKey', data: { fn: markDisplayName(mark) } });
    }
    return;
  }
  const problem = injectableNameProblem(name);
  if (problem === undefined) return;
  const source = fromOption ? 'options.name' : 'the default name';
  const shown = typeof name === 'string' ? JSON.stringify(name) : String(name);
  if (problem === 'reserved') {
    context.report({ node: mark.marker, messageId: 'reservedName', data: { source, name: name as string, reserved: [...RESERVED_INJECTABLE_NAMES].join(', ') } });
  } else {
    const advice = fromOption ? 'choose another' : 'give the function a name of its own with options.name';
    context.report({ node: mark.marker, messageId: 'unusableName', data: { source, value: shown, max: KSYM_NAME_LEN, advice } });
  }
}

/** What the runtime's `assertInjectOptions` refuses, as far as the source shows it. */
function checkOptions(mark: Injectable, context: Context): void {
  const argument = mark.optionsArgument === undefined ? undefined : skipOuterExpressions(mark.optionsArgument);
  if (argument === undefined) return;
  if (
    argument.kind === ts.SyntaxKind.NullKeyword ||
    argument.kind === ts.SyntaxKind.TrueKeyword ||
    argument.kind === ts.SyntaxKind.FalseKeyword ||
    ts.isStringLiteralLike(argument) ||
    ts.isNumericLiteral(argument)
  ) {
    context.report({ node: mark.marker, messageId: 'optionsNotObject', data: { fn: markDisplayName(mark), value: argument.getText() } });
    return;
  }
  if (ts.isObjectLiteralExpression(argument)) {
    const unknown = argument.properties
      .map((property) => (ts.isSpreadAssignment(property) || property.name === undefined ? undefined : optionKeyText(property.name)))
      .filter((key): key is string => key !== undefined && !KNOWN_OPTIONS.has(key));
    if (unknown.length > 0) context.report({ node: mark.marker, messageId: 'unknownOption', data: { fn: markDisplayName(mark), keys: unknown.join(', ') } });
  }
  for (const key of ['errPtr', 'async'] as const) {
    const option = readOption(mark.optionsArgument, key);
    if (option.kind === 'literal' && typeof option.value !== 'boolean') {
      context.report({ node: mark.marker, messageId: 'optionNotBoolean', data: { fn: markDisplayName(mark), key, value: option.node.getText() } });
    }
  }
  const errPtr = readOption(mark.optionsArgument, 'errPtr');
  if (errPtr.kind === 'literal' && errPtr.value === true && (mark.type === 'NULL' || mark.type === 'TRUE')) {
    context.report({ node: mark.marker, messageId: 'errPtrWrongType', data: { fn: markDisplayName(mark), type: mark.type } });
  }
}

/** Whether the runtime can tell that the function returns a Promise, and fails with one. */
function checkAsync(mark: Injectable, context: Context): void {
  const declaration = mark.declaration;
  if (declaration === undefined) return;
  const { checker } = context;
  const option = readOption(mark.optionsArgument, 'async');
  const isAsync = isAsyncFunction(declaration);
  const fn = markDisplayName(mark);
  if (isAsync) {
    if (option.kind === 'literal' && option.value === false) context.report({ node: mark.marker, messageId: 'asyncFalse', data: { fn } });
    return;
  }
  if (option.kind === 'unseen') return;
  const returnTypes = markSignatures(mark, checker).map((signature) => checker.getReturnTypeOfSignature(signature));
  if (returnTypes.length === 0 || returnTypes.some((type) => type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
  // Only Promises: a function that may also return a bare value (`T | Promise<T>`) is not judged.
  const returnsPromise = returnTypes.every((type) => (type.isUnion() ? type.types : [type]).every(isThenable));
  const returnsNoPromise = returnTypes.every((type) => !(type.isUnion() ? type.types : [type]).some(isThenable));
  const shown = checker.typeToString(returnTypes[0]!, declaration);
  if (option.kind === 'literal' && option.value === true) {
    if (returnsNoPromise) context.report({ node: mark.marker, messageId: 'asyncNotPromise', data: { fn, returnType: shown } });
    return;
  }
  if (!returnsPromise || recognisedByMetadata(mark, context)) return;
  context.report({ node: mark.marker, messageId: 'notRecognisedAsync', data: { fn, returnType: shown } });
}

/**
 * Under `experimentalDecorators` with `emitDecoratorMetadata`, a method declared to return a
 * `Promise` gets `design:returntype` = Promise, which the runtime reads (core README).
 */
function recognisedByMetadata(mark: Injectable, context: Context): boolean {
  const options = context.program.getCompilerOptions();
  const declared = mark.declaration?.type;
  return (
    mark.kind === 'method' &&
    options.experimentalDecorators === true &&
    options.emitDecoratorMetadata === true &&
    declared !== undefined &&
    ts.isTypeReferenceNode(declared) &&
    ts.isIdentifier(declared.typeName) &&
    declared.typeName.text === 'Promise'
  );
}

/** What the runtime refuses of `allowErrorInjection`'s function argument. */
function checkWrapped(mark: Injectable, context: Context): void {
  const argument = skipOuterExpressions(mark.target as ts.Expression);
  if ((ts.isArrowFunction(argument) || (ts.isFunctionExpression(argument) && argument.name === undefined)) && readOption(mark.optionsArgument, 'name').kind === 'absent') {
    context.report({ node: mark.marker, messageId: 'anonymousFunction' });
    return;
  }
  if (mark.declaration !== undefined || mark.marker === mark.target) return;
  let klass: string | undefined;
  if (ts.isClassExpression(argument)) {
    klass = argument.name?.text ?? '(anonymous)';
  } else if (ts.isIdentifier(argument)) {
    let symbol = context.checker.getSymbolAtLocation(argument);
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) symbol = context.checker.getAliasedSymbol(symbol);
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Class) klass = symbol.name;
  }
  if (klass !== undefined) context.report({ node: mark.marker, messageId: 'wrapsClass', data: { name: klass } });
}

/** Second and later marks of one method, and second and later functions under one name, program-wide. */
function checkDuplicates(context: Context): void {
  const firstByTarget = new Map<ts.Node, Injectable>();
  const firstByName = new Map<string, Injectable>();
  for (const mark of context.injectables.all) {
    if (mark.kind === 'method' && mark.declaration !== undefined) {
      const first = firstByTarget.get(mark.declaration);
      if (first !== undefined) {
        if (context.isLinted(mark.marker)) {
          const method = `${classNameOf(mark.declaration.parent as ts.ClassLikeDeclaration) ?? '(anonymous class)'}.${mark.declaration.name?.getText() ?? ''}`;
          context.report({ node: mark.marker, messageId: 'markedTwice', data: { fn: method, first: whereIs(first.marker, mark.marker) } });
        }
        continue;
      }
      firstByTarget.set(mark.declaration, mark);
    }
    if (mark.name === undefined || !mark.called) continue;
    const first = firstByName.get(mark.name);
    if (first === undefined) {
      firstByName.set(mark.name, mark);
      continue;
    }
    // The same function marked again under its name is harmless: the runtime gives back the first entry.
    const sameFunction = mark.declaration !== undefined && mark.declaration === first.declaration && mark.kind === first.kind;
    if (!sameFunction && context.isLinted(mark.marker)) {
      context.report({ node: mark.marker, messageId: 'duplicateName', data: { name: mark.name, first: whereIs(first.marker, mark.marker) } });
    }
  }
}

/**
 * `ei/bad-usage`: marks the runtime would refuse, or that the linter cannot check:
 *
 * - `@AllowErrorInjection` on anything but a method (a getter or setter, a field, an auto-accessor,
 *   a class, a parameter, a constructor), or used without calling it;
 * - a first argument that is not one of the four constants (the linter cannot check the function
 *   against a type it cannot see), or none;
 * - a name taken by another function elsewhere in the program (the runtime names the second `name#2`;
 *   the second and later marks in program order, dependencies first, are reported, naming the
 *   first), a method marked twice, and names the runtime refuses: empty, longer than 512
 *   characters, with whitespace or `/`, starting with `!`, `*`, or one of `fail_function/`'s own files
 *   (`inject`, `seed`, `times`…), whether given as `options.name` or taken from the function;
 * - an anonymous function wrapped without `options.name`, a class wrapped, a method with a symbol
 *   key without `options.name`;
 * - a function that returns only Promises but is not an `async` function, marked without
 *   `{ async: true }`: the runtime cannot see it is async and would fail with a bare value (a
 *   method declared to return `Promise` under `experimentalDecorators` with `emitDecoratorMetadata`
 *   is recognised, as the runtime reads `design:returntype` when reflect-metadata is loaded);
 *   `{ async: false }` on an async function; `{ async: true }` on one that returns no Promise;
 * - options the runtime refuses: not an object, unknown keys, `errPtr` or `async` not a boolean,
 *   `errPtr` on NULL or TRUE.
 *
 * Options the source does not show as literals (a variable, a spread) are not judged. Findings
 * point at the decorator or the `allowErrorInjection` call.
 */
export const badUsage = createRule<MessageId>({
  id: 'ei/bad-usage',
  description: 'marks of error-injectable functions that the runtime would refuse or that cannot be checked',
  messages: {
    notAMethod: '@AllowErrorInjection on {{what}}: only methods can be error-injectable, since an injected failure replaces what a call returns; the runtime refuses it, so mark a method instead',
    notCalled: `@AllowErrorInjection on {{what}} is used without calling it: write @AllowErrorInjection(type) with ${TYPES}`,
    typeMissing: `{{fn}} is marked without an error type: pass ${TYPES}`,
    typeNotConstant: `{{fn}} is marked with the error type \`{{given}}\`, which is not one of the constants ${TYPES}, so the linter cannot check the function against it: pass the constant itself`,
    duplicateName:
      'the name "{{name}}" is taken by another function, marked at {{first}}; the runtime names the function marked second "{{name}}#2", with a warning (ERRINJECT_DUPLICATE_NAME), and which one is second depends on the order modules load: give one of them its own options.name',
    markedTwice: '{{fn}} is marked again (first at {{first}}): the runtime keeps one of the marks and ignores the others; remove all but one',
    anonymousFunction: 'allowErrorInjection of an anonymous function without options.name: the runtime refuses it, as there is no name to register it under; give options.name',
    wrapsClass: 'allowErrorInjection of the class {{name}}: the runtime refuses classes; mark its methods with @AllowErrorInjection',
    symbolKey: '{{fn}} has a symbol key and no options.name: the runtime refuses it, as there is no name to register it under; give options.name',
    notRecognisedAsync:
      '{{fn}} returns `{{returnType}}` but is not an async function: the runtime cannot see that it returns a Promise, and an injected failure would return a bare value where callers expect a Promise; make it async or mark it { async: true }',
    asyncFalse: '{{fn}} is an async function marked { async: false }: an injected failure would return a bare value where callers expect a Promise; remove async: false',
    asyncNotPromise: '{{fn}} is marked { async: true } but returns `{{returnType}}`, not a Promise: an injected failure would return a Promise where callers expect the value; remove async: true',
    optionsNotObject: 'the options `{{value}}` of {{fn}} are not an object: the runtime refuses them; pass { name?, errPtr?, async? }',
    unknownOption: 'unknown option {{keys}} of {{fn}}: the runtime refuses it; remove it (accepted: name, errPtr, async)',
    optionNotBoolean: 'options.{{key}} of {{fn}} is `{{value}}`: the runtime refuses it; make options.{{key}} true or false',
    unusableName: '{{source}} {{value}} is not a name the runtime accepts: a name is 1 to {{max}} characters without whitespace or "/", not starting with "!", and not "*"; {{advice}}',
    reservedName:
      '{{source}} "{{name}}" is not a name the runtime accepts: it would be the directory fail_function/{{name}}/, taken by fail_function\'s own files (reserved: {{reserved}}); give the function another name with options.name',
    errPtrWrongType: '{{fn}} is marked {{type}} with options.errPtr, which is for EI_TYPE_ERRNO and EI_TYPE_ERRNO_NULL functions (they fail with an errno): the runtime refuses it; remove errPtr',
  },
  check(context) {
    for (const mark of context.injectables.all) {
      if (!context.isLinted(mark.marker)) continue;
      if (!mark.called) {
        context.report({ node: mark.marker, messageId: 'notCalled', data: { what: mark.declaration === undefined ? describeTarget(mark.target) : markDisplayName(mark) } });
        continue;
      }
      if (mark.kind === 'method' && mark.declaration === undefined) {
        context.report({ node: mark.marker, messageId: 'notAMethod', data: { what: describeTarget(mark.target) } });
        continue;
      }
      if (mark.typeArgument === undefined) {
        context.report({ node: mark.marker, messageId: 'typeMissing', data: { fn: markDisplayName(mark) } });
      } else if (mark.type === undefined) {
        context.report({ node: mark.marker, messageId: 'typeNotConstant', data: { fn: markDisplayName(mark), given: mark.typeArgument.getText() } });
      }
      if (mark.kind === 'function') checkWrapped(mark, context);
      checkName(mark, context);
      checkOptions(mark, context);
      checkAsync(mark, context);
    }
    for (const file of context.files) {
      for (const decorator of findConstructorMarks(file)) {
        context.report({ node: decorator, messageId: 'notAMethod', data: { what: describeTarget(decorator.parent) } });
      }
    }
    checkDuplicates(context);
  },
});
