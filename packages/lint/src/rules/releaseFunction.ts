import { ts } from '@ts-morph/common';
import type { Injectable } from '../model/Injectable';
import { skipOuterExpressions } from '../model/skipOuterExpressions';
import { createRule } from '../rule/Rule';
import { releaseWordOf } from './releaseFunction/releaseWordOf';
import { markDisplayName } from './shared/markDisplayName';

/** A method's name as a word source: `Symbol.dispose` reads as `dispose`, `#close` as `close`. */
function nameText(name: ts.PropertyName | undefined): string | undefined {
  if (name === undefined) return undefined;
  if (ts.isComputedPropertyName(name)) {
    const expression = name.expression;
    if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'Symbol') return expression.name.text;
    return ts.isStringLiteralLike(expression) ? expression.text : undefined;
  }
  return name.text;
}

/**
 * The names under which a reader meets a marked function: a method's own name; a wrapped
 * function's own name, the variable it is given as, and the one its wrapper is stored in; and
 * the last part of `options.name` for both.
 */
function namesOf(mark: Injectable): string[] {
  const names: (string | undefined)[] = [nameText(mark.declaration?.name)];
  if (mark.kind === 'function') {
    const argument = skipOuterExpressions(mark.target as ts.Expression);
    if (ts.isIdentifier(argument)) names.push(argument.text);
    const holder = mark.callee === undefined ? undefined : ts.getNameOfDeclaration(mark.callee);
    if (holder !== undefined && ts.isPropertyName(holder)) names.push(nameText(holder));
  }
  names.push(mark.options.name?.split('.').pop());
  return names.filter((name): name is string => name !== undefined && name !== '');
}

/**
 * `ei/release-function` (a warning): an error-injectable function whose name says that it
 * releases something — free, release, close, destroy, dispose, unref, put, drop, delete, remove,
 * unlock, cleanup, teardown, shutdown, end as the verb of the name: its first word (after `_`,
 * `do`, `try`, `async`…), or the last of a name with separators in the kernel's style
 * (`kref_put`); not any word of it (`dropPoint`, `freeSpace`, `onDispose`, `getReleaseDate` do not
 * release; the exact rule is `releaseWordOf`'s). The kernel's fault-injection documentation advises against it:
 * callers rarely handle a failing release, and cannot tell whether the object was released, so
 * leaks follow. The finding points at a method's name, or at the `allowErrorInjection` call. Syntax
 * only: the type checker is not asked.
 */
export const releaseFunction = createRule<'release'>({
  id: 'ei/release-function',
  description: 'error-injectable functions that release something, which the kernel advises against',
  messages: {
    release:
      '{{fn}} is marked {{type}} but releases something, as its name says ("{{word}}" in {{name}}): the kernel advises against making release functions error-injectable, ' +
      'since callers rarely handle a failing release and cannot tell whether the object was released, so leaks follow; ' +
      'unmark it, or make sure every caller handles the failure',
  },
  check(context) {
    for (const mark of context.injectables.all) {
      if (!mark.called || !context.isLinted(mark.marker)) continue;
      if (mark.kind === 'method' && mark.declaration === undefined) continue;
      for (const name of namesOf(mark)) {
        const word = releaseWordOf(name);
        if (word === undefined) continue;
        const node = mark.kind === 'method' && mark.declaration?.name !== undefined ? mark.declaration.name : mark.marker;
        context.report({ node, messageId: 'release', data: { fn: markDisplayName(mark), type: mark.type ?? 'error-injectable', word, name } });
        break;
      }
    }
  },
});
