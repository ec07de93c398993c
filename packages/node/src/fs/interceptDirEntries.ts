import { faultArmed, faultPoint } from '@errinject/core';
import { callContext } from '../intercept/callContext';
import { replaceFunction } from '../intercept/replaceFunction';
import { decideFsFailure } from './decideFsFailure';
import type { FailFs } from './failFs';
import { DIR_CALLS } from './FS_CALLS';

/** The capability each `Dir` iterator fails for: set once, when the prototype is intercepted. */
let failFsOfEntries: FailFs | undefined;

/**
 * The iterator `for await (const entry of dir)` gets: each step is a read of the directory, a fault
 * point (`Dir.read`), and a failing step fails as a failing read does inside Node's own iterator:
 * the directory is closed, then the loop gets the error.
 */
class DirEntries implements AsyncIterableIterator<unknown> {
  private readonly dir: object;
  private readonly inner: AsyncIterator<unknown>;
  /** Whether Node's iterator ran: until it does, its `finally` that closes the directory cannot. */
  private started = false;

  constructor(dir: object, inner: AsyncIterator<unknown>) {
    this.dir = dir;
    this.inner = inner;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<unknown>> {
    const failFs = failFsOfEntries;
    if (failFs !== undefined && faultArmed(failFs.attr) && callContext.nested === 0 && callContext.loading === 0) {
      const failure = decideFsFailure(failFs, DIR_CALLS.read, ENTRIES_POINT, [], 0, this.dir);
      if (failure !== undefined) {
        const error = failure.error;
        error.stack = `${error.name}: ${error.message}`;
        return this.closeDirectory().then(() => Promise.reject(error));
      }
    }
    this.started = true;
    return this.inner.next();
  }

  /** Closes the directory as Node's iterator does when a read fails, uncounted: it is part of the failure. */
  private closeDirectory(): Promise<unknown> {
    if (this.started) return this.inner.return?.() ?? Promise.resolve();
    callContext.nested++;
    try {
      return (this.dir as { close(): Promise<void> }).close();
    } finally {
      callContext.nested--;
    }
  }

  return(value?: unknown): Promise<IteratorResult<unknown>> {
    return this.inner.return?.(value) ?? Promise.resolve({ done: true, value });
  }

  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    return this.inner.throw?.(error) ?? Promise.reject(error);
  }
}

// eslint-disable-next-line @typescript-eslint/unbound-method -- the method the program calls, as the point's entry
const ENTRIES_POINT = faultPoint('Dir.read', DirEntries.prototype.next, { skipNodeFrames: true });

/**
 * Makes `Dir`'s async iteration (`entries()` and `for await`) fail step by step for `fail_fs`.
 *
 * @param failFs - the capability
 * @param prototype - `Dir.prototype`
 */
export function interceptDirEntries(failFs: FailFs, prototype: object): void {
  failFsOfEntries = failFs;
  replaceFunction(prototype, 'entries', (entries) =>
    function entriesOf(this: object): unknown {
      return new DirEntries(this, Reflect.apply(entries, this, []) as AsyncIterator<unknown>);
    },
  );
  const entriesOf = (prototype as { entries: unknown }).entries;
  Reflect.defineProperty(prototype, Symbol.asyncIterator, { value: entriesOf, writable: true, configurable: true, enumerable: false });
}
