import { ts } from '@ts-morph/common';
import { skipOuterExpressions } from '../../model/skipOuterExpressions';
import type { StateChange } from './StateChange';
import { keyOf } from './keyOf';

/** What a configured lock call matched. */
export interface LockCall {
  /** The configured name it matched (`mutex.lock`). */
  readonly name: string;
  /** The callee's last name (`lock`). */
  readonly method: string;
  /** The receiver's text without white space, or `undefined` for a plain function call. */
  readonly receiver: string | undefined;
}

/**
 * Names that undo a lock, by what takes it: the callee's last name with the first of these
 * substituted (`lock` → `unlock`, `readLock` → `readUnlock`, `acquireWrite` → `releaseWrite`,
 * `disable` → `enable`, `down` → `up`…). `unlock` and `release` undo any lock.
 */
const COUNTERPARTS: readonly (readonly [RegExp, string])[] = [
  [/lock/, 'unlock'],
  [/Lock/, 'Unlock'],
  [/acquire/, 'release'],
  [/Acquire/, 'Release'],
  [/disable/, 'enable'],
  [/Disable/, 'Enable'],
  [/^down$/, 'up'],
  [/^get$/, 'put'],
  [/^take$/, 'give'],
  [/^enter$/, 'exit'],
  [/^begin$/, 'end'],
  [/^pin$/, 'unpin'],
];

function counterpartOf(method: string): string | undefined {
  for (const [pattern, replacement] of COUNTERPARTS) {
    if (pattern.test(method)) return method.replace(pattern, replacement);
  }
  return undefined;
}

/** The names of a callee, `this.mutex.lock` → `['this', 'mutex', 'lock']`; `*` for a root that has none. */
function calleeNames(expression: ts.Expression): string[] {
  const callee = skipOuterExpressions(expression);
  if (ts.isPropertyAccessExpression(callee)) return [...calleeNames(callee.expression), callee.name.text];
  if (ts.isIdentifier(callee)) return [callee.text];
  return [callee.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '*'];
}

/**
 * Recognises the calls configured in `lockCalls` and the calls that undo them.
 *
 * A configured name matches a call whose callee's names end with the name's parts: `acquire`
 * matches `acquire(lock)` and `pool.acquire()`, `mutex.lock` matches `mutex.lock()` and
 * `this.mutex.lock()` but not `other.lock()`. A lock is undone by a call on the same receiver (the
 * same text) of `unlock`, `release`, or the lock's counterpart name (`lock`/`unlock`,
 * `acquire`/`release`, `disable`/`enable`, `down`/`up`, `get`/`put`, `take`/`give`,
 * `enter`/`exit`, `begin`/`end`, `pin`/`unpin`); a plain function lock (`acquire(lock)`) by a plain
 * call of such a name with the same arguments (`release(lock)`); and any lock by a call of the
 * local its result was stored in (`const release = await mutex.acquire(); … release()`). A lock
 * held by a `using` or `await using` declaration is released when its block exits, before any
 * return completes: it is no change.
 */
export class LockMatcher {
  private readonly entries: readonly { readonly name: string; readonly parts: readonly string[] }[];

  /**
   * @param names - the configured lock calls (`config.lockCalls`)
   */
  constructor(names: readonly string[]) {
    this.entries = names.map((name) => ({ name, parts: name.split('.') }));
  }

  /**
   * Tells whether a call is a configured lock call.
   *
   * @param call - any call
   * @returns what it matched, or `undefined`
   */
  match(call: ts.CallExpression): LockCall | undefined {
    if (this.entries.length === 0) return undefined;
    const names = calleeNames(call.expression);
    for (const { name, parts } of this.entries) {
      if (parts.length > names.length) continue;
      const offset = names.length - parts.length;
      if (parts.every((part, index) => names[offset + index] === part)) {
        const callee = skipOuterExpressions(call.expression);
        return {
          name,
          method: names[names.length - 1]!,
          receiver: ts.isPropertyAccessExpression(callee) ? keyOf(skipOuterExpressions(callee.expression)) : undefined,
        };
      }
    }
    return undefined;
  }

  /**
   * Tells whether a call undoes a lock taken before.
   *
   * @param call - a call made as a statement of its own
   * @param lock - a pending lock change
   * @returns whether the call releases that lock
   */
  releases(call: ts.CallExpression, lock: StateChange): boolean {
    const operation = lock.operation;
    if (operation.kind !== 'lock') return false;
    const callee = skipOuterExpressions(call.expression);
    let name: string;
    if (ts.isIdentifier(callee)) {
      if (operation.resultName === callee.text) return true;
      if (!operation.bare || operation.argumentsText !== call.arguments.map(keyOf).join(',')) return false;
      name = callee.text;
    } else if (ts.isPropertyAccessExpression(callee)) {
      if (operation.bare || keyOf(skipOuterExpressions(callee.expression)) !== lock.key) return false;
      name = callee.name.text;
    } else {
      return false;
    }
    return name === 'unlock' || name === 'release' || name === counterpartOf(operation.method);
  }
}
