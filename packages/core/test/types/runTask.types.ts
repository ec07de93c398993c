import { runTask, type TaskOptions } from '../../src/index';
import { type Equal, expectType } from './typeAssertions';

/** A lazy thenable, as a query builder is: `then` starts the work. */
class Query<T> implements PromiseLike<T> {
  constructor(private readonly value: T) {}

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return Promise.resolve(this.value).then(onfulfilled, onrejected);
  }
}

/** A generic wrapper over runTask must compile and keep its type parameter. */
export function wrap<R>(f: () => R): R {
  return runTask(f);
}

/** A generic wrapper of async work picks the promise overload. */
export function wrapAsync<T>(f: () => Promise<T>): Promise<T> {
  return runTask(f);
}

/** The same wrapper with options passed through. */
export function wrapWithOptions<R>(f: () => R, options: TaskOptions): R {
  return runTask(f, options);
}

/** Never called: these statements are checked by the compiler only. */
export function runTaskTypes(): void {
  // The helpers themselves tell types apart.
  expectType<Equal<number, number>>(true);
  // @ts-expect-error number is not string
  expectType<Equal<number, string>>(true);
  // @ts-expect-error assignable is not equal
  expectType<Equal<1, number>>(true);

  // A synchronous body gives its own type.
  const sync = runTask(() => 1);
  expectType<Equal<typeof sync, number>>(true);

  const object = runTask(() => ({ a: 'x' as const }));
  expectType<Equal<typeof object, { a: 'x' }>>(true);

  const nothing = runTask(() => {});
  expectType<Equal<typeof nothing, void>>(true);

  // An async body gives a promise of what it resolves to.
  const asynchronous = runTask(async () => 'a');
  expectType<Equal<typeof asynchronous, Promise<string>>>(true);

  const promised = runTask(() => Promise.resolve(42));
  expectType<Equal<typeof promised, Promise<number>>>(true);

  // A thenable is adopted: the result is a native promise, not the thenable.
  const adopted = runTask(() => new Query(7));
  expectType<Equal<typeof adopted, Promise<number>>>(true);

  const likePromise = runTask((): PromiseLike<boolean> => new Query(true));
  expectType<Equal<typeof likePromise, Promise<boolean>>>(true);

  // The wrapper keeps R.
  const wrapped = wrap(() => 1);
  expectType<Equal<typeof wrapped, number>>(true);
  const wrappedAsync = wrapAsync(async () => [1]);
  expectType<Equal<typeof wrappedAsync, Promise<number[]>>>(true);

  // Options.
  runTask(() => 1, {});
  runTask(() => 1, { failNth: 1 });
  runTask(() => 1, { makeItFail: true, failNth: 0 });

  // @ts-expect-error fn must be a function
  runTask(42);
  // @ts-expect-error fn takes no arguments
  runTask((x: number) => x);
  // @ts-expect-error failNth is a number
  runTask(() => 1, { failNth: '1' });
  // @ts-expect-error makeItFail is a boolean
  runTask(() => 1, { makeItFail: 1 });
  // @ts-expect-error no such option
  runTask(() => 1, { nth: 1 });
}
