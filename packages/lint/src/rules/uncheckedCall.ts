import { ts } from '@ts-morph/common';
import { createRule } from '../rule/Rule';
import { CheckEnv } from './uncheckedCall/CheckEnv';
import { describeFailure } from './uncheckedCall/describeFailure';
import { failureModelOf } from './uncheckedCall/FailureModel';
import { howToCheck } from './uncheckedCall/howToCheck';
import { judgeCall, type UncheckedCallMessageId } from './uncheckedCall/judgeCall';

function describeRead(read: ts.Node | undefined): string {
  if (read === undefined) return '';
  let node: ts.Node = read;
  // Show the use around the read: `r.size`, `use(r)`, `return r`.
  const parent = node.parent;
  if (
    ts.isPropertyAccessExpression(parent) ||
    ts.isElementAccessExpression(parent) ||
    ts.isCallExpression(parent) ||
    ts.isNonNullExpression(parent) ||
    ts.isAsExpression(parent) ||
    ts.isReturnStatement(parent) ||
    ts.isBinaryExpression(parent)
  ) {
    node = parent;
  }
  const file = node.getSourceFile();
  let text = node.getText(file).replace(/\s+/g, ' ');
  if (text.length > 40) text = `${text.slice(0, 39)}…`;
  return ` (\`${text}\`, line ${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1})`;
}

/**
 * `ei/unchecked-call`: every call of an error-injectable function must handle the failure before
 * its value is used (`kernel-semantics.md` §4, rule 1: every caller checks the return value).
 *
 * **Which calls.** Those `InjectableIndex.callsIn` finds: direct, through `this`, through an
 * interface or base class the marked method implements, and of wrapped plain functions. Only
 * these calls, the functions around them and the variables that hold their results are looked
 * at; the checker is asked about nothing else. Marks whose error type is not a constant are left
 * to `ei/bad-usage`, and a return type that cannot carry the failure to `ei/type-mismatch`: this
 * rule judges what the result's type shows.
 *
 * **The failure.** NULL fails with `null`; ERRNO with a negative number, or an `ErrPtr` when the
 * mark says `{ errPtr: true }` or the return type holds `ErrPtr`; ERRNO_NULL with either; TRUE with
 * `true`. A call that returns a Promise (an async injectable) fails with what the Promise resolves
 * to: its value is judged once awaited (or in a `.then` callback).
 *
 * **What checks a failure.** A test with a branch where success is possible and no failure is:
 * - null: `=== null`, `== null`, `== undefined` (not `=== undefined`, which misses null),
 *   truthiness (`if (r)`, `!r`, `r && …`, `r ? … : …`), `?.`, `??`, `||` as a default;
 * - a negative errno: `< 0`, `<= -1`, `>= 0`, `> -1`, `=== 0`, `!== 0`, and truthiness (`if (r)
 *   return r;`, the kernel's idiom for functions that return 0 or -errno). `> 0` (`>= 1`) is not a
 *   check: it takes a negative errno for success, the kernel's classic mistake, even where it keeps
 *   a use safe;
 * - an ErrPtr: `isErr`, `isErrOrNull` (null too); truthiness does not catch it;
 * - true (TRUE): any boolean test: truthiness, `=== true`, `=== false`, `!==` either. `=== false`
 *   alone is fine: its other branch is the failure;
 * - any failure: a configured guard (`guards` in the configuration, by the callee's text:
 *   `isFailure`, `Result.isFailure`) is true on failure; as a statement it asserts (throws) it
 *   away. `x instanceof C` and `assert(cond)` count too, and `switch (x)`: reads inside its
 *   clauses are the handling;
 * - a user type predicate (`isPresent(x): x is T`) or assertion function (`asserts x`, `asserts x
 *   is T`), read from the signature the checker resolves for the call, without configuration:
 *   it excludes what its type excludes (`x is number` no errno, `x is Node | null` no null);
 * - a comparison with a value whose type never holds the failure (`find(p) === head`, `head:
 *   Node`): the failure takes the "not equal" branch. An errno compared with a negative errno
 *   (`r === -errno.ENOENT`) counts as well: the other failures go on with the successes, and a
 *   read there is judged as any other.
 * ERRNO_NULL needs both: `isErrOrNull`, or `=== null` and `< 0` (or `isErr`).
 *
 * **Results in variables.** A result assigned to a local (`const r = f()`, `r = f()`, a parameter
 * of a `.then` callback, a property `this.fd = f()` within the same function) is followed to every
 * read that may see it (a later assignment hides it only in its own block: after
 * `if (r === -errno.ENOENT) r = 0;` a read sees either value): each read must be a check, or a use where the failure is
 * excluded on every path (after an early `return`, `throw`, `break` or `continue`, inside the
 * branch of a check), or in the branch where the value is known to be the failure (`if (r < 0) {
 * log(r); return r; }`). The checker's narrowing tells this for null, ErrPtr and `true`; a small
 * dataflow of this rule's own (walking up from the read to the assignment) tells it for errno
 * numbers and for guards that are not type predicates. A variable never checked is a discarded
 * result; one copied into another variable is followed there. A result assigned in the branches
 * of an `if`/`else` or a `switch` is checked once they join (`if (r < 0) return r;` after them).
 *
 * **Correlated checks.** A test of a local derived from the result checks the result when it rules
 * out every value the local has when the result fails: after `const t = r && b(r); if (t == null)
 * return;` or `const node = r && r.nodeBefore; if (!node) return;`, `r!` and `r` are fine, since
 * `r && …`, `r ? … : null`, `r?.x` (undefined for a null `r`) and `r?.x ?? null` are null or
 * undefined whenever `r` is null. A truthiness test of the local tells what its initializer's
 * does: aliased conditions (`const ok = r !== null; if (!ok) return;`, `const failed = r < 0;
 * if (failed) return r;`). Not a call's value (`b(r)` may take null), `r || x`, nor a test that
 * misses the derived value (`=== undefined` on `r && r.x`, which is null for a null `r`). Only a
 * local that keeps its initializer (`const`, or a `let` never written), tested in its own
 * function, with `r` not written between the initializer and the test (nor later in a loop
 * around the test); aliases of aliases are followed three deep.
 *
 * **Errno through `Math.min`.** `Math.min(…, f(), …)` is negative whenever `f()`'s errno is: the
 * result goes on in it, and `min = Math.min(min, f()); if (min < 0) return min;` checks it.
 * `Math.max` can hide the errno: a result passed to it is a use.
 *
 * **Propagation.** Returning the result (or a variable holding it) is fine when the function's
 * declared return type, or its contextual one for a callback, still holds the failure (null for
 * NULL, a number or ErrPtr for ERRNO…), when its return type is inferred, and when the function
 * is itself injectable with the same error type (the kernel's common pattern). Storing it in a
 * property, an element, a class field or an exported variable is propagation on the same terms:
 * reads of a property in other functions are not followed. Passing it to a parameter, an object
 * literal's property or an array element whose type (contextual, for literals) holds a failure a
 * type tells apart (null, an ErrPtr) hands it on too (`remember(node: Node | null)`, `return {
 * node: find(p) }`, `cache.set(k, v = find(k))` on a `Map<K, Node | null>`); not a `number` for an
 * errno, `any`, or a type parameter the argument itself instantiates.
 *
 * **Asserted and checked at once.** `f()!` or `f() as T` tested or defaulted right away (`(f() as
 * Element) || fallback`), or put in a variable checked before any use (`let s: S = f()!; if (!s)
 * return;`), is checked: the variable's type no longer shows the failure, so only the checks on
 * the way to each read count.
 *
 * **Findings**, all on the call: a discarded result (expression statement, `void`, a variable
 * never read, a `.then` callback without a parameter); a floating promise (an async injectable's
 * Promise neither awaited, returned, nor handled by `.then`); `x!` and `x as T` (when T drops a
 * failure the type shows; `as T | null` passes it on) before a check; a use before a check (a member,
 * an argument to anything but a guard, a parameter that keeps the failure or an `any` parameter
 * (below), arithmetic, destructuring, a template, an object or array literal that does not keep
 * it); a check for the wrong failure (only null on ERRNO_NULL, only the errno, `> 0`, null on a
 * function that never returns it); a return or store into a type that cannot carry the failure
 * (`void`, a callback of `forEach`).
 *
 * **A null test on ERRNO** that then passes the value on is the wrong check too: `if (pos ==
 * null) throw …; return pos` sends the errno on as a success, as a use after it would.
 *
 * **Escapes into `any`**, a warning (`severity: 'warning'` on the report: an error when the
 * configuration gives the rule's setting as `"error"`): a result returned where the declared or
 * contextual return type is `any` (an object literal's method, by the property of its contextual
 * type it implements: `init` of a `StateField<any>`), stored in an `any` property, or passed to a
 * parameter typed `any`. The failure lands where no type makes a reader check it, but it may never
 * be used as a success there. `unknown` and type parameters are not `any`; a signature that ends
 * with `...args: any[]` (`console.log`, `util.format`) formats its arguments: neither a use nor a
 * finding.
 *
 * **Loops.** A result written in a loop's body is read on the next pass by the loop's condition
 * and the body's first statements, before the write (`for (;;) { if (!p) break; …; p = parentOf(p);
 * }`): those reads are judged too, up to another write. Calls of a mark that returns nothing
 * (`void`, `Promise<void>`) are not judged: `ei/type-mismatch` reports the mark.
 *
 * **Known limits.** Results passed to `Promise.all`/`allSettled`/`race`/`any` are not followed; a
 * property holding a result is followed only in the function that assigns it, and storing it in a
 * property whose type holds the failure (a `number` for ERRNO) is trusted; the dataflow reads
 * loops once, in source order (a read earlier in a loop body than the assignment is not seen);
 * a read in the failure branch of a check is trusted to be handling code; a callee that handles
 * the failure itself (`free(null)`) must be configured as a guard.
 */
export const uncheckedCall = createRule<UncheckedCallMessageId>({
  id: 'ei/unchecked-call',
  description: 'every call of an error-injectable function must handle the failure before its value is used',
  messages: {
    used: 'the result of {{name}} ({{failure}}) is used{{at}} before it is checked; {{how}} (or return it) first',
    discarded: 'the result of {{name}} ({{failure}}) is discarded; {{how}} (or return it)',
    floating: 'the promise of {{name}} ({{failure}}) is neither awaited nor returned; await it and {{how}} (or return it)',
    nonNull: 'the result of {{name}} ({{failure}}) is asserted with `!`{{at}} instead of checked; {{how}} (or return it) first',
    cast: 'the result of {{name}} ({{failure}}) is cast to `{{type}}`{{at}} instead of checked; {{how}} (or return it) first',
    wrongCheck: 'the result of {{name}} ({{failure}}) is checked {{checked}}{{at}}; {{how}} (or return it)',
    lost: 'the result of {{name}} ({{failure}}) is {{where}}{{at}}, which cannot carry the failure; {{how}} first',
    escaped:
      'the result of {{name}} ({{failure}}) is {{where}}{{at}}, where the type system no longer sees the failure and nothing makes a reader check it; ' +
      '{{how}} first, or give it a type that holds the failure',
  },
  check(context) {
    const env = new CheckEnv(context.checker, context.config.guards, context.injectables.all);
    for (const file of context.files) {
      for (const { call, injectable } of context.injectables.callsIn(file)) {
        const model = failureModelOf(call, injectable, context.checker);
        if (model === undefined) continue;
        const found = judgeCall(call, model, env);
        if (found === undefined) continue;
        context.report({
          node: call,
          messageId: found.messageId,
          ...(found.severity === undefined ? {} : { severity: found.severity }),
          data: { name: model.name, failure: describeFailure(model), how: howToCheck(model), at: describeRead(found.at), ...found.data },
        });
      }
    }
  },
});
