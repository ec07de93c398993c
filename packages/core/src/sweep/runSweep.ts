import * as diagnosticsChannel from 'node:diagnostics_channel';
import { ErrInjectError } from '../errors/ErrInjectError';
import { FAULT_NOTICE_CHANNEL, type FaultNotice } from '../report/faultNoticeChannel';
import { formatCallSite } from '../report/formatCallSite';
import { relativeSite } from '../report/relativeSite';
import { requestSite } from '../report/requestSite';
import { state } from '../state/sharedState';
import { currentTask } from '../task/currentTask';
import { runTask } from '../task/runTask';
import type { Task } from '../task/Task';
import { type SweepConfig, sweepConfig } from './sweepConfig';
import type { CheckedRun, SweepReport, SweepResult, SweepRun } from './SweepReport';
import { takeOverFailFunction } from './takeOverFailFunction';

/**
 * The sweep's loop, the kernel documentation's fail-nth loop made systematic: run the function in a
 * new task with fail-nth 1, 2, 3... until a run injects nothing. It stays synchronous for as long as
 * the function and the check are, so that sweeping a synchronous function costs no promise per run.
 */

/** Set on `globalThis` while a sweep runs, for every copy of the core in the process. */
const SWEEPING = Symbol.for('errinject.core.sweeping');

/** On `globalThis`, for every copy of the core: the sweeps waiting for the running one to end, first come first. */
const WAITING = Symbol.for('errinject.core.sweepsWaiting');

/** True while `options.check` runs synchronously, in this copy (a sweep it starts would wait for its own). */
let checking = false;

/** The caller's call site as a run names it: in the source, relative to the working directory where it can be. */
function siteOf(site: NodeJS.CallSite | undefined): string | undefined {
  const formatted = site === undefined ? undefined : formatCallSite(site);
  return formatted === undefined ? undefined : relativeSite(formatted);
}

/** What failed at the n-th call. */
interface Fault {
  readonly capability: string;
  readonly function: string | undefined;
  /** The caller's call site, as V8 took it; named when the run is recorded. */
  site: NodeJS.CallSite | undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function ignore(): void {}

class Sweeper<T> {
  private readonly runs: SweepRun<T>[] = [];
  /** The running run's task, while it runs (read by {@link onNotice}). */
  task: Task | undefined;
  /** What failed at the run's n-th call, once it did. */
  fault: Fault | undefined;
  /** Faults injected in the run's task. */
  faults = 0;

  constructor(
    private readonly fn: () => unknown,
    readonly config: SweepConfig<T>,
    private readonly sync: boolean,
  ) {}

  private readonly body = (): unknown => {
    this.task = currentTask();
    return this.fn();
  };

  private refuseAsync(what: string, n: number, pending: PromiseLike<unknown>): never {
    // Nobody else will look at it; a rejection must not become an unhandled one.
    pending.then(ignore, ignore);
    throw new ErrInjectError(
      'ERR_INVALID_ARG_VALUE',
      `sweepSync: ${what} returned a promise at n=${n}; sweepSync runs synchronous functions only: use sweep, which awaits them`,
    );
  }

  /** Records a run; true when it ends the sweep (it injected nothing). */
  private record(run: SweepRun<T>): boolean {
    this.runs.push(run);
    return !run.injected;
  }

  private settle(n: number, result: SweepResult<T>): boolean | Promise<boolean> {
    this.task = undefined;
    const fault = this.fault;
    const run: CheckedRun<T> = {
      n,
      injected: fault !== undefined,
      capability: fault?.capability,
      function: fault?.function,
      site: siteOf(fault?.site),
      faults: this.faults,
      outcome: result,
    };
    const check = this.config.check;
    if (check === undefined) return this.record(run);
    const refused = (error: unknown): boolean => this.record({ ...run, outcome: { kind: 'check-failed', error, result } });
    let checked: unknown;
    checking = true;
    try {
      checked = check(run);
    } catch (error) {
      return refused(error);
    } finally {
      checking = false;
    }
    if (!isThenable(checked)) return this.record(run);
    if (this.sync) this.refuseAsync('options.check', n, checked);
    return Promise.resolve(checked).then(() => this.record(run), refused);
  }

  /** One run; true when it ends the sweep. */
  private run(n: number): boolean | Promise<boolean> {
    this.fault = undefined;
    this.faults = 0;
    let value: unknown;
    try {
      value = runTask(this.body, { failNth: n, makeItFail: false });
    } catch (error) {
      return this.settle(n, { kind: 'threw', error });
    }
    if (!isThenable(value)) return this.settle(n, { kind: 'returned', value: value as T });
    if (this.sync) this.refuseAsync('fn', n, value);
    return (value as Promise<T>).then(
      (resolved) => this.settle(n, { kind: 'returned', value: resolved }),
      (error: unknown) => this.settle(n, { kind: 'threw', error }),
    );
  }

  /** The functions armed: as chosen, then (every function) those marked during the sweep, as they were. */
  private armedNames(): string[] {
    const chosen = new Set(this.config.inject);
    const later = this.config.everyFunction ? state.armed.filter((entry) => !chosen.has(entry)) : [];
    return [...this.config.inject, ...later].map((entry) => entry.name);
  }

  private report(complete: boolean): SweepReport<T> {
    return {
      mode: this.config.mode,
      inject: this.armedNames(),
      shard: this.config.shard,
      runs: this.runs,
      faultPoints: this.runs.filter((run) => run.injected).length,
      complete,
    };
  }

  /** The first n of the sweep (or its shard). */
  private get first(): number {
    return this.config.shard?.index ?? 1;
  }

  /** From one n to the next: 1, or the shard count. */
  private get step(): number {
    return this.config.shard?.count ?? 1;
  }

  private async continueAsync(pending: Promise<boolean>, from: number): Promise<SweepReport<T>> {
    let ended = await pending;
    for (let n = from + this.step; !ended; n += this.step) {
      if (n > this.config.max) return this.report(false);
      const next = this.run(n);
      ended = typeof next === 'boolean' ? next : await next;
    }
    return this.report(true);
  }

  /**
   * Runs n = 1, 2, 3... (in shard i of N: n = i, i + N, i + 2N..., up to `max` all the same):
   * synchronously until a run turns out asynchronous.
   */
  start(): SweepReport<T> | Promise<SweepReport<T>> {
    for (let n = this.first; n <= this.config.max; n += this.step) {
      const ended = this.run(n);
      if (typeof ended !== 'boolean') return this.continueAsync(ended, n);
      if (ended) return this.report(true);
    }
    return this.report(false);
  }
}

/** The sweep running in this copy of the core, which sees the faults of the process. */
let current: Sweeper<unknown> | undefined;
/** Subscribed once, at the first sweep: subscribing and unsubscribing for each sweep costs more than the faults it would save. */
let subscribed = false;

/**
 * Sees every fault of the process; keeps those of the running run's task, and asks for the call
 * site of its n-th call's fault, which the entry point takes before the call returns to its caller.
 */
function onNotice(message: unknown): void {
  const sweeper = current;
  const notice = message as FaultNotice;
  const task = sweeper?.task;
  if (sweeper === undefined || task === undefined || notice.taskId !== task.id) return;
  sweeper.faults++;
  if (!notice.failNth || sweeper.fault !== undefined) return;
  const fault: Fault = { capability: notice.capability, function: notice.function, site: undefined };
  sweeper.fault = fault;
  requestSite(notice, (site) => {
    fault.site = site;
  });
  if (sweeper.config.mode === 'persist') task.makeItFail = 1;
}

function waiting(): Array<() => void> {
  const holder = globalThis as unknown as Record<symbol, Array<() => void> | undefined>;
  let queue = holder[WAITING];
  if (queue === undefined) {
    queue = [];
    holder[WAITING] = queue;
  }
  return queue;
}

/** Lets the first sweep waiting go, once the running one ended (or one failed to start). */
function wakeNext(): void {
  waiting().shift()?.();
}

/**
 * Why a sweep cannot wait for the running one, or `undefined` when it can: `sweepSync` cannot wait,
 * and a sweep started by the running one (from its function, in a run's task, or from its check)
 * would wait for itself.
 */
function cannotWait(where: 'sweep' | 'sweepSync'): string | undefined {
  if (where === 'sweepSync') return 'sweepSync cannot wait for it to end: await sweep(...) instead, which waits its turn';
  if (currentTask() !== state.root || checking) {
    return 'this one was started by one of its runs (or its check) and would wait for itself: sweep one function at a time, not inside another sweep';
  }
  return undefined;
}

/**
 * Runs a sweep: checks the options, takes `fail_function` over, runs, and puts everything back,
 * also when something throws. While another sweep runs in the process (node:test runs an async
 * `describe` body while it loads the file, so that two of them overlap), `sweep` waits for it to end
 * and then runs, in the order they asked.
 *
 * @param where - `sweep` or `sweepSync`: the latter refuses promises
 * @param fn - the function to sweep
 * @param options - as given
 * @returns the report, or a promise of it once a run (or check) is asynchronous or it waits its turn
 * @throws ErrInjectError for bad options, EPERM under `ERRINJECT=off`; EBUSY while another sweep runs
 * for `sweepSync`, and for a sweep started from inside the running one
 */
export function runSweep<T>(where: 'sweep' | 'sweepSync', fn: unknown, options: unknown): SweepReport<T> | Promise<SweepReport<T>> {
  const config = sweepConfig<T>(where, fn, options);
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (holder[SWEEPING] === true) {
    const why = cannotWait(where);
    if (why !== undefined) {
      throw new ErrInjectError('EBUSY', `${where}: another sweep is running in this process; a sweep takes fail_function over, so sweeps run one at a time, and ${why}`);
    }
    return new Promise<void>((resolve) => {
      waiting().push(resolve);
    }).then(() => {
      try {
        // Checked again: functions marked meanwhile are armed by a sweep of every function.
        return runSweep<T>(where, fn, options);
      } catch (error) {
        // It failed to start (a retval refused, say): the next one waiting need not wait for it.
        wakeNext();
        throw error;
      }
    });
  }
  const sweeper = new Sweeper<T>(fn as () => unknown, config, where === 'sweepSync');
  const restore = takeOverFailFunction(config.inject, config.retval, config.mode, config.everyFunction);
  holder[SWEEPING] = true;
  current = sweeper as Sweeper<unknown>;
  if (!subscribed) diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onNotice);
  subscribed = true;
  // Counted as a running task, so that the tasks' async context stays enabled from one run to the
  // next instead of being enabled and disabled for each (the promise hooks that costs).
  state.activeTasks++;
  const finish = (): void => {
    if (--state.activeTasks === 0) state.als?.disable();
    current = undefined;
    holder[SWEEPING] = false;
    try {
      restore();
    } finally {
      // The next one waiting runs even when this one could not put everything back.
      wakeNext();
    }
  };
  let report: SweepReport<T> | Promise<SweepReport<T>>;
  try {
    report = sweeper.start();
  } catch (error) {
    finish();
    throw error;
  }
  if (!isThenable(report)) {
    finish();
    return report;
  }
  return report.finally(finish);
}
