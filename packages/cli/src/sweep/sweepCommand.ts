import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkEnvironment } from '../check/checkEnvironment';
import { runCheck } from '../check/runCheck';
import { CliError } from '../errors/CliError';
import { armedByUser } from '../failcmd/armedByUser';
import { childEnvironment } from '../failcmd/childEnvironment';
import { injectEntries } from '../failcmd/failcmdEntries';
import type { InjectSpec } from '../failcmd/FailcmdOptions';
import { noFaultReason } from './noFaultReason';
import { runOnce } from './runOnce';
import type { CommandSweepReport, CommandSweepRun, SweepShard } from './CommandSweepReport';

/** Where a sweep stands, for a progress display. */
export interface SweepProgress {
  /** Runs started so far. */
  readonly started: number;
  /** Runs finished and kept. */
  readonly finished: number;
  /** Finished runs that injected a fault. */
  readonly faults: number;
  /** Finished runs that crashed. */
  readonly crashes: number;
  /** Finished runs that left a bad state (their check did not exit 0). */
  readonly badStates: number;
  /** The bound on runs (of this shard's, for a shard), or `undefined` when the sweep runs until a run injects nothing. */
  readonly max: number | undefined;
}

/** A sweep to make. */
export interface CommandSweepOptions {
  /** The command and its arguments. */
  readonly command: readonly string[];
  /** The user's environment; its `ERRINJECT` comes first in every run's. */
  readonly env: NodeJS.ProcessEnv;
  /** The capabilities (`--type`, FAILCMD_TYPE; default `fail_function`); functions are armed only when `fail_function` is among them. */
  readonly capabilities?: readonly string[];
  /** `ERRINJECT` entries every run shares (the knobs: see `sweepEntries`). */
  readonly entries?: readonly string[];
  /** The functions to arm; none (or `*` among them) to arm every function the command marks error-injectable (`fail_function/inject=*`). */
  readonly inject?: readonly InjectSpec[];
  /** `ERRINJECT_SEED` for every run. */
  readonly seed?: string | undefined;
  /** `ERRINJECT_CONTROL=1` in every run. */
  readonly control?: boolean;
  /** Runs at once (default 1). */
  readonly jobs?: number;
  /**
   * The highest n (default: until a run injects nothing): the most runs of a whole sweep. A shard
   * makes those of its runs with n up to it, so that its shards together make the runs of the whole
   * sweep with the same bound.
   */
  readonly max?: number | undefined;
  /**
   * Only this shard's runs: those whose n ≡ index (mod count), n = index, index + count... (default:
   * every run). The shard stops as a whole sweep does, at the first of its runs that injects nothing.
   */
  readonly shard?: SweepShard | undefined;
  /** Milliseconds a run may take before it is killed and reported as timed out (default: no limit); a check's too. */
  readonly timeoutMs?: number | undefined;
  /**
   * A shell command run after each run (`/bin/sh -c`), in the same directory, with `env` without
   * errinject's variables: a run after which it does not exit 0 left a bad state. Runs then go one at
   * a time (`jobs` must be 1).
   */
  readonly check?: string | undefined;
  /** Called whenever a run starts or ends. */
  readonly onProgress?: (progress: SweepProgress) => void;
  /** Stops the sweep: the runs in progress are killed and `sweepCommand` rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

function abortError(): Error {
  return Object.assign(new Error('the sweep was stopped'), { name: 'AbortError' });
}

/**
 * Sweeps a command's fault points, as the kernel's fail-nth loop does for a system call
 * (`Documentation/fault-injection/fault-injection.rst`): run n sets `self/fail-nth=n` in the root task
 * of every process of the command, with the functions armed, and the sweep goes on with n + 1 until
 * a run injects no fault (or `max` runs). Runs go `jobs` at a time; a run without a fault cancels the
 * runs after it, and the report keeps the order of n. A run that timed out without a fault ends the
 * sweep as well, but the report then says it is not complete: fault points may follow the hang.
 *
 * Unless functions are named, every run arms every function its processes mark error-injectable, as
 * each is marked (`fail_function/inject=*`), so that no run is needed to find them first and a function
 * marked only on an error path is swept too; the report lists the functions the processes marked.
 *
 * A shard (`shard`) makes only the runs whose n ≡ index (mod count), and stops as a whole sweep does,
 * at the first of its own runs that injects nothing: of a deterministic command, every later n
 * injects nothing either. Its report records the shard and the settings that shaped its runs, for
 * `mergeSweepReports` to put the shards of one sweep together again.
 *
 * With a check, each run is followed by the check, which judges the state the run left: a run
 * after which it does not exit 0 left a bad state (data lost to a fault: a file written in place
 * and cut short). The check sees the files of the working directory, which every run shares, so the
 * runs must go one at a time.
 *
 * @param options - the sweep
 * @returns the report
 * @throws CliError when the command or the check cannot be started; `ERR_USAGE` for a check with
 *   `jobs` over 1; `ERR_INVALID_ARG_VALUE` for a shard whose index is not an integer from 1 to its count; an AbortError when `options.signal` stopped it
 */
export async function sweepCommand(options: CommandSweepOptions): Promise<CommandSweepReport> {
  const capabilities = options.capabilities ?? ['fail_function'];
  const functionsArmed = capabilities.includes('fail_function');
  const jobs = Math.max(1, options.jobs ?? 1);
  const check = options.check;
  if (check !== undefined && jobs > 1) {
    // Runs at once would share the state files of the working directory: a check could judge what
    // another run is writing, or the state of a run that started after its own. failcmd refuses this
    // before it calls the sweep; a library caller is held to it here.
    throw new CliError('ERR_USAGE', `a sweep with a check makes its runs one at a time, but jobs is ${jobs}`);
  }
  const checkEnv = checkEnvironment(options.env);
  const max = options.max;
  const shard = options.shard;
  if (shard !== undefined && !(Number.isSafeInteger(shard.index) && Number.isSafeInteger(shard.count) && shard.index >= 1 && shard.index <= shard.count)) {
    throw new CliError('ERR_INVALID_ARG_VALUE', `shard ${shard.index}/${shard.count} is not accepted: expected index/count, integers with 1 <= index <= count`);
  }
  const step = shard?.count ?? 1;
  const first = shard?.index ?? 1;
  const entries = options.entries ?? [];
  const extras = { seed: options.seed, control: options.control === true, capabilities };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-'));
  // A shard's runs up to max: first, first + step...
  const progressMax = max === undefined ? undefined : max < first ? 0 : Math.floor((max - first) / step) + 1;
  const progress = { started: 0, finished: 0, faults: 0, crashes: 0, badStates: 0, max: progressMax };
  const tell = (): void => options.onProgress?.({ ...progress });
  try {
    const specs: readonly InjectSpec[] = options.inject ?? [];
    const armedAlready = armedByUser(options.env);
    // Every function unless names are given; `--inject '*'` among them says every function too.
    const everyFunction = specs.length === 0 || specs.some((spec) => spec.name === '*');
    const armEntries =
      !functionsArmed ? [] : injectEntries(specs.length > 0 ? specs : [{ name: '*', retval: undefined }], armedAlready);
    tell();

    const results = new Map<number, CommandSweepRun>();
    const running = new Map<number, AbortController>();
    let next = first;
    let last = max ?? Number.POSITIVE_INFINITY; // the highest n the sweep may keep
    const stop = (): void => {
      last = 0;
      for (const other of running.values()) other.abort();
    };
    const stopped = (): boolean => options.signal?.aborted === true;
    if (stopped()) throw abortError();
    options.signal?.addEventListener('abort', stop);
    const worker = async (): Promise<void> => {
      while (next <= last) {
        const n = next;
        next += step;
        const reportFile = path.join(dir, `run-${n}.jsonl`);
        const controller = new AbortController();
        running.set(n, controller);
        progress.started++;
        tell();
        let run: CommandSweepRun;
        try {
          const outcome = await runOnce({
            n,
            command: options.command,
            env: childEnvironment(options.env, [...entries, ...armEntries, `self/fail-nth=${n}`], { ...extras, report: reportFile }),
            reportFile,
            signal: controller.signal,
            timeoutMs: options.timeoutMs,
          });
          run = outcome.run;
          if (check !== undefined) {
            // After the run has ended whole (its process group is gone), before the next one starts.
            const result = await runCheck({ command: check, env: checkEnv, timeoutMs: options.timeoutMs, signal: controller.signal });
            run = { ...run, check: result, badState: !result.ok };
          }
        } catch (error) {
          if (controller.signal.aborted) continue;
          // The command or the check cannot be started: stop every worker.
          stop();
          throw error;
        } finally {
          running.delete(n);
        }
        if (n > last) continue;
        results.set(n, run);
        progress.finished++;
        if (run.injected) progress.faults++;
        if (run.crashed) progress.crashes++;
        if (run.badState) progress.badStates++;
        if (!run.injected) {
          // Every fault point before n was reached: the runs after it are not wanted. A run that timed
          // out before any fault ends the sweep too (the runs after it would most likely time out as
          // well), but the sweep is not complete then.
          last = n;
          for (const [m, other] of running) if (m > n) other.abort();
        }
        tell();
      }
    };
    const workers = Array.from({ length: jobs }, () => worker());
    // Let every worker settle before the directory goes, even when one failed.
    const settled = await Promise.allSettled(workers);
    options.signal?.removeEventListener('abort', stop);
    const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
    if (stopped()) throw abortError();

    const runs = [...results.values()].filter((run) => run.n <= last).sort((a, b) => a.n - b.n);
    const lastRun = runs.at(-1);
    const marked = [...new Set(runs.flatMap((run) => run.marked))];
    const complete = lastRun !== undefined && !lastRun.injected && !lastRun.timedOut;
    const named = specs.map((spec) => spec.name).filter((name) => name !== '*');
    return {
      command: [...options.command],
      capabilities: [...capabilities],
      // Every function: those the kept runs' processes marked, in the order first seen.
      functions: !functionsArmed ? [] : everyFunction ? marked : specs.map((spec) => spec.name),
      runs,
      faultPoints: runs.filter((run) => run.injected).length,
      crashed: runs.filter((run) => run.crashed).length,
      timedOut: runs.filter((run) => run.timedOut).length,
      check: check ?? null,
      badState: runs.filter((run) => run.badState).length,
      complete,
      noFaultReason: complete ? noFaultReason({ capabilities, named: everyFunction ? [] : named, marked, runs }) : null,
      settings: {
        entries: [...entries],
        inject: specs.map((spec) => ({ name: spec.name, retval: spec.retval ?? null })),
        userEntries: options.env['ERRINJECT'] ?? null,
        seed: options.seed ?? null,
        control: options.control === true,
        max: max ?? null,
        timeoutMs: options.timeoutMs ?? null,
      },
      shard: shard === undefined ? null : { index: shard.index, count: shard.count },
      missingShards: [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
