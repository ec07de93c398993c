import type { ts } from '@ts-morph/common';

/**
 * How a change touched its target, so that a later statement can be recognised as undoing it:
 * `this.n++` is undone by `this.n--`, `this.items.push(x)` by `this.items.pop()`, a lock by its
 * unlock.
 */
export type ChangeOperation =
  /** `T = value`; `boolean` when the value is the literal `true` or `false`. */
  | { readonly kind: 'assign'; readonly boolean?: boolean }
  /** `T++`, `T += e` (`add`), `T--`, `T -= e` (`sub`): `amount` is the text of `e`, `1` for `++`/`--`. */
  | { readonly kind: 'add' | 'sub'; readonly amount: string }
  /** `delete T`. */
  | { readonly kind: 'delete' }
  /** A mutating call `R.method(...)`; `firstArgument` is the text of the first argument. */
  | { readonly kind: 'call'; readonly method: string; readonly firstArgument: string | undefined }
  /**
   * A configured lock call: `method` is the callee's last name, `bare` tells a plain function call
   * (`acquire(lock)`) from a method call (`mutex.lock()`), `argumentsText` the text of its arguments,
   * and `resultName` the local its result is stored in (`const release = await mutex.acquire()`).
   */
  | {
      readonly kind: 'lock';
      readonly method: string;
      readonly bare: boolean;
      readonly argumentsText: string;
      readonly resultName: string | undefined;
    };

/** One change of state found in the body of an error-injectable function. */
export interface StateChange {
  /** The expression that changes state: the assignment, `++`, `delete`, or call. */
  readonly node: ts.Node;
  /** The statement that holds it: where the finding points. */
  readonly statement: ts.Statement;
  /**
   * The target, as text without white space (`this.count`, `cache`, `out.value`); for a lock call,
   * the receiver (`this.mutex`), or the empty string for a plain function call.
   */
  readonly key: string;
  /** What changed, for the message: `` `this.count` ``, `` module variable `cache` ``, `` lock `mutex.lock` ``. */
  readonly what: string;
  readonly operation: ChangeOperation;
}
