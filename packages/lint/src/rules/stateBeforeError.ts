import { ts } from '@ts-morph/common';
import { createRule } from '../rule/Rule';
import { markDisplayName } from './shared/markDisplayName';
import { changesBeforeReturn } from './stateBeforeError/changesBeforeReturn';
import { ChangeScanner } from './stateBeforeError/ChangeScanner';
import { findFirstErrorReturn } from './stateBeforeError/findFirstErrorReturn';
import { LockMatcher } from './stateBeforeError/LockMatcher';
import { TargetClassifier } from './stateBeforeError/TargetClassifier';

type MessageId = 'changed' | 'locked';

/**
 * `ei/state-before-error`: an error-injectable function must change no state before its first
 * error return (kernel-semantics §4, rule 2), because an injected failure skips the whole body and
 * callers may count on what the body would have done.
 *
 * For each mark whose function's body the source shows (methods, static methods, wrapped plain
 * functions, async or not), the rule finds the first error return (`findFirstErrorReturn`), walks
 * the paths to it (`changesBeforeReturn`) and reports each statement that changes state there
 * without undoing it before that return: writes (`=`, compound assignments, `++`, `--`, `delete`)
 * to `this`, module, outer or global variables and parameters' properties, calls of mutating
 * methods (`push`, `set`, `add`, `delete`…) on objects that are not the function's own
 * (`TargetClassifier`), and the calls configured in `lockCalls` (`LockMatcher`).
 *
 * Only the bodies of marked functions are walked, and the checker is asked only about the roots of
 * the targets found there and about identifiers returned.
 */
export const stateBeforeError = createRule<MessageId>({
  id: 'ei/state-before-error',
  description: 'an error-injectable function must change no state before its first error return, unless it undoes the change before that return',
  messages: {
    changed:
      '{{name}} is marked {{type}} and changes {{what}} before its first error return (line {{line}}): an injected failure skips the whole body, so callers cannot count on this change; undo it before that return, or make it after',
    locked:
      '{{name}} is marked {{type}} and takes {{what}} before its first error return (line {{line}}) and does not release it before that return: an injected failure skips the whole body, lock included; release it before that return, or take it after',
  },
  check(context) {
    const locks = new LockMatcher(context.config.lockCalls);
    const seen = new Set<ts.Node>();
    for (const injectable of context.injectables.all) {
      const declaration = injectable.declaration;
      if (injectable.type === undefined || declaration === undefined || seen.has(declaration) || !context.isLinted(declaration)) continue;
      seen.add(declaration);
      const body = (declaration as ts.FunctionLikeDeclaration).body;
      if (body === undefined || !ts.isBlock(body)) continue;
      const errorReturn = findFirstErrorReturn(body, injectable.type, context.checker);
      if (errorReturn === undefined) continue;
      const scanner = new ChangeScanner(new TargetClassifier(declaration, context.checker), locks, declaration, context.checker);
      const file = declaration.getSourceFile();
      const line = file.getLineAndCharacterOfPosition(errorReturn.getStart(file)).line + 1;
      const name = markDisplayName(injectable);
      const type = injectable.type;
      // One finding per statement and kind, naming each target once (a loop's body is seen twice).
      const byStatement = new Map<ts.Statement, { changed: string[]; locked: string[] }>();
      for (const change of changesBeforeReturn(body, errorReturn, scanner)) {
        let entry = byStatement.get(change.statement);
        if (entry === undefined) byStatement.set(change.statement, (entry = { changed: [], locked: [] }));
        const list = change.operation.kind === 'lock' ? entry.locked : entry.changed;
        if (!list.includes(change.what)) list.push(change.what);
      }
      for (const [statement, { changed, locked }] of byStatement) {
        if (changed.length > 0) context.report({ node: statement, messageId: 'changed', data: { name, type, what: joinWhat(changed), line } });
        if (locked.length > 0) context.report({ node: statement, messageId: 'locked', data: { name, type, what: joinWhat(locked), line } });
      }
    }
  },
});

function joinWhat(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
