import { AsyncLocalStorage } from 'node:async_hooks';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { currentTask } from './currentTask';
import { setFailNth } from './setFailNth';
import { createTask, type Task } from './Task';

/** How a new task starts. */
export interface TaskOptions {
  /**
   * The new task's fail-nth, as if written to `procfs` `self/fail-nth` first thing: N >= 1 fails
   * the N-th fault-injection call the task makes. Default 0, as a forked task starts.
   */
  readonly failNth?: number;
  /** The new task's make-it-fail flag. Default: the current task's, as fork and exec keep it. */
  readonly makeItFail?: boolean;
}

const U32_MAX = 0xffff_ffff;

function validate(options: TaskOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `runTask: options must be an object, got ${showValue(options)}`);
  }
  const { failNth, makeItFail } = options;
  if (failNth !== undefined && !(Number.isInteger(failNth) && failNth >= 0 && failNth <= U32_MAX)) {
    throw new ErrInjectError(
      'ERR_INVALID_ARG_VALUE',
      `runTask: options.failNth must be an integer from 0 to ${U32_MAX} (the range of fail-nth), got ${showValue(failNth)}`,
    );
  }
  if (makeItFail !== undefined && typeof makeItFail !== 'boolean') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `runTask: options.makeItFail must be a boolean, got ${showValue(makeItFail)}`);
  }
  if (state.off && ((failNth ?? 0) !== 0 || makeItFail === true)) {
    throw new ErrInjectError(
      'EPERM',
      'runTask: fault injection is switched off in this process (ERRINJECT=off), so a task cannot be armed with failNth or makeItFail',
    );
  }
}

function endTask(task: Task): void {
  if (task.failNth !== 0) setFailNth(task, 0);
  task.ended = true;
  state.activeTasks--;
  // Disabling the last enabled AsyncLocalStorage removes its hook: with no task running, awaits cost
  // what they cost without errinject.
  if (state.activeTasks === 0) state.als?.disable();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs a function in a new task, the kernel's task carried over to an async context: the new task
 * has its own fail-nth (0 unless `options.failNth`) and make-it-fail (the current task's unless
 * `options.makeItFail`), which `procfs` `self/...` reads and writes from anywhere inside `fn`,
 * awaits and callbacks included. Thousands of tasks may run at once without seeing each other's
 * counters. The task ends when `fn` returns, or when the promise it returns settles.
 *
 * @param fn - the task's body
 * @param options - the new task's fail-nth and make-it-fail
 * @returns what `fn` returns; for a promise or a thenable, a native promise of the same outcome
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE for bad arguments, EPERM for an
 * armed task under `ERRINJECT=off`; and whatever `fn` throws
 */
export function runTask<T>(fn: () => PromiseLike<T>, options?: TaskOptions): Promise<T>;
/**
 * Runs a function in a new task, the kernel's task carried over to an async context: the new task
 * has its own fail-nth (0 unless `options.failNth`) and make-it-fail (the current task's unless
 * `options.makeItFail`), which `procfs` `self/...` reads and writes from anywhere inside `fn`,
 * awaits and callbacks included. Thousands of tasks may run at once without seeing each other's
 * counters. The task ends when `fn` returns, or when the promise it returns settles.
 *
 * @param fn - the task's body
 * @param options - the new task's fail-nth and make-it-fail
 * @returns what `fn` returns; for a promise or a thenable, a native promise of the same outcome
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE for bad arguments, EPERM for an
 * armed task under `ERRINJECT=off`; and whatever `fn` throws
 */
export function runTask<R>(fn: () => R, options?: TaskOptions): R;
export function runTask(fn: () => unknown, options: TaskOptions = {}): unknown {
  if (typeof fn !== 'function') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `runTask: fn must be a function, got ${showValue(fn)}`);
  }
  validate(options);
  const makeItFail = options.makeItFail === undefined ? currentTask().makeItFail : options.makeItFail ? 1 : 0;
  const task = createTask(++state.lastTaskId, makeItFail);
  const als = (state.als ??= new AsyncLocalStorage<Task>());
  state.activeTasks++;
  let result: unknown;
  try {
    result = als.run(task, () => {
      // Armed inside the task, so that the countdown is never live outside it.
      if (options.failNth !== undefined) setFailNth(task, options.failNth);
      return fn();
    });
  } catch (error) {
    endTask(task);
    throw error;
  }
  if (!isThenable(result)) {
    endTask(task);
    return result;
  }
  // Adopt the result inside the task: a lazy thenable (a query builder, say) starts its work in
  // `then`, and that work belongs to the task.
  return als.run(task, () => Promise.resolve(result)).finally(() => endTask(task));
}
