import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { spawnError } from '../failcmd/spawnError';
import { parseFaultReport } from './parseFaultReport';
import type { CommandSweepRun } from './CommandSweepReport';
import { killGroup, trackGroup, untrackGroup } from './processGroups';

/** How much of a run's stderr is kept, in characters. */
export const STDERR_TAIL = 4096;

/** One run to make. */
export interface RunRequest {
  /** The run's fail-nth. */
  readonly n: number;
  readonly command: readonly string[];
  /** The whole environment, `ERRINJECT_REPORT` included. */
  readonly env: NodeJS.ProcessEnv;
  /** The report file the environment names; read and removed after the run. */
  readonly reportFile: string;
  /** Ends the run early (SIGKILL to its process group); the promise then rejects with an AbortError. */
  readonly signal?: AbortSignal | undefined;
  /** Milliseconds the run may take; then its process group is killed and the run is timed out. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Milliseconds a run's stderr may stay open after the command exited and its process group was
 * killed; then it is closed from this end. Only a process that left the group (with a session of
 * its own, as setsid makes) can hold it open that long.
 */
export const RUN_CLOSE_GRACE_MS = 500;

function cancelled(): Error {
  return Object.assign(new Error('the run was cancelled'), { name: 'AbortError' });
}

/** A run, with what its report file said besides. */
export interface RunOutcome {
  readonly run: CommandSweepRun;
  /** The functions its processes marked error-injectable, in the order first seen. */
  readonly marked: readonly string[];
}

/**
 * Runs the command once, without a terminal (no stdin, stdout dropped, the end of stderr kept), and
 * reads what its processes reported.
 *
 * The run is a process group of its own (a session, as setsid makes), and the run ends when the
 * command exits: its exit code or signal is the run's, and what is left of its process group
 * (background processes it started) is killed with SIGKILL then, so that nothing of one run goes on
 * into the next. Its stderr is read until every process holding it has ended, or for
 * `RUN_CLOSE_GRACE_MS` more, since a process that started a session of its own escapes the kill.
 * Should this process exit while runs go on (in any way but a SIGKILL, or a signal it does not
 * handle), their process groups are killed as it exits.
 *
 * @param request - the run
 * @returns the run, with its faults, crashes and exit, and the functions marked in it
 * @throws CliError `ENOENT`/`EACCES` (or another errno name) when the command cannot be started;
 *   an `AbortError` when `request.signal` ended it
 */
export function runOnce(request: RunRequest): Promise<RunOutcome> {
  const [file, ...args] = request.command as [string, ...string[]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted === true) {
      reject(cancelled());
      return;
    }
    // A process group of its own (a session, as setsid makes), so that a timeout or a cancel kills
    // the whole run, the processes the command started included.
    const child = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'], env: request.env, detached: true });
    // Undefined when the command cannot be started ('error' follows): nothing is tracked or killed then.
    trackGroup(child.pid);
    const killRun = (): void => killGroup(child.pid);
    let timerFired = false;
    const timer =
      request.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timerFired = true;
            killRun();
          }, request.timeoutMs);
    request.signal?.addEventListener('abort', killRun, { once: true });
    let grace: NodeJS.Timeout | undefined;
    const settle = (): void => {
      clearTimeout(timer);
      clearTimeout(grace);
      request.signal?.removeEventListener('abort', killRun);
      untrackGroup(child.pid);
    };
    let ended: { exitCode: number | null; signal: NodeJS.Signals | null; timedOut: boolean; durationMs: number } | undefined;
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      settle();
      reject(spawnError(file, error));
    });
    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      // Timed out only when the timeout's SIGKILL ended the command, not when it exited meanwhile.
      ended = { exitCode, signal, timedOut: timerFired && signal === 'SIGKILL', durationMs: Math.round(performance.now() - started) };
      // What the command left running of its run goes with it.
      killRun();
      untrackGroup(child.pid);
      grace = setTimeout(() => child.stderr.destroy(), RUN_CLOSE_GRACE_MS);
    });
    child.once('close', () => {
      settle();
      if (ended === undefined) return; // the command was never started: 'error' rejected already
      if (request.signal?.aborted === true) {
        rmSync(request.reportFile, { force: true });
        reject(cancelled());
        return;
      }
      let text = '';
      try {
        text = readFileSync(request.reportFile, 'utf8');
        rmSync(request.reportFile, { force: true });
      } catch {
        // No process of the run reported anything: no fault, no crash.
      }
      const { faults, crashes, marked, coreLoaded } = parseFaultReport(text);
      const first = faults[0];
      const { exitCode, signal, timedOut, durationMs } = ended;
      const run: CommandSweepRun = {
        n: request.n,
        injected: first !== undefined,
        function: first?.function ?? null,
        capability: first?.capability ?? null,
        site: first?.site ?? null,
        faults,
        exitCode: signal === null ? exitCode : null,
        signal,
        crashed: crashes.length > 0 || (signal !== null && !timedOut),
        timedOut,
        crashes,
        loaded: coreLoaded,
        durationMs,
        stderr,
        // The sweep runs the check, when there is one, after the run.
        check: null,
        badState: false,
        marked,
      };
      resolve({ run, marked });
    });
  });
}
