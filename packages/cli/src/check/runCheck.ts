import { spawn } from 'node:child_process';
import { CliError } from '../errors/CliError';
import { spawnError } from '../failcmd/spawnError';
import type { CheckResult } from '../sweep/CommandSweepReport';
import { killGroup, trackGroup, untrackGroup } from '../sweep/processGroups';
import { RUN_CLOSE_GRACE_MS, STDERR_TAIL } from '../sweep/runOnce';

/** The shell that runs a check, as `system(3)` and Node.js's `shell: true` use it. */
export const CHECK_SHELL = '/bin/sh';

/** A check to run: `--check COMMAND`. */
export interface CheckRequest {
  /** The shell command, run with `<shell> -c COMMAND`. */
  readonly command: string;
  /** Its whole environment: the user's, without failcmd's variables (see `checkEnvironment`). */
  readonly env: NodeJS.ProcessEnv;
  /** The shell (default {@link CHECK_SHELL}). */
  readonly shell?: string | undefined;
  /** Milliseconds the check may take; then its process group is killed and the check is timed out (a bad state). */
  readonly timeoutMs?: number | undefined;
  /** Ends the check early (SIGKILL to its process group); the promise then rejects with an AbortError. */
  readonly signal?: AbortSignal | undefined;
}

function cancelled(): Error {
  return Object.assign(new Error('the check was cancelled'), { name: 'AbortError' });
}

/**
 * Runs a check command in the working directory, without a terminal (no stdin; its stdout and stderr
 * kept together, their last {@link STDERR_TAIL} characters), and tells whether it exited 0: whether
 * the state a run left is good.
 *
 * The check is a process group of its own, as a sweep's run is: when it exits, or times out, or is
 * cancelled, what is left of its group is killed with SIGKILL, and its output is read for at most
 * `RUN_CLOSE_GRACE_MS` more.
 *
 * @param request - the check
 * @returns how it ended and the end of what it wrote
 * @throws CliError with the errno name (`ENOENT`, `EACCES`...) when the shell cannot be started: that
 *   says nothing of the state; an AbortError when `request.signal` ended it
 */
export function runCheck(request: CheckRequest): Promise<CheckResult> {
  const shell = request.shell ?? CHECK_SHELL;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted === true) {
      reject(cancelled());
      return;
    }
    const child = spawn(shell, ['-c', request.command], { stdio: ['ignore', 'pipe', 'pipe'], env: request.env, detached: true });
    // Killed with the runs if failcmd exits while it runs.
    trackGroup(child.pid);
    const kill = (): void => killGroup(child.pid);
    let timerFired = false;
    const timer =
      request.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timerFired = true;
            kill();
          }, request.timeoutMs);
    request.signal?.addEventListener('abort', kill, { once: true });
    let grace: NodeJS.Timeout | undefined;
    const settle = (): void => {
      clearTimeout(timer);
      clearTimeout(grace);
      request.signal?.removeEventListener('abort', kill);
      untrackGroup(child.pid);
    };
    let output = '';
    const keep = (chunk: string): void => {
      output = (output + chunk).slice(-STDERR_TAIL);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let ended: Omit<CheckResult, 'output'> | undefined;
    child.once('error', (error: NodeJS.ErrnoException) => {
      settle();
      const cause = spawnError(shell, error);
      reject(new CliError(cause.code, `cannot run the check ${JSON.stringify(request.command)}: ${cause.message}`, { cause: error }));
    });
    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      const timedOut = timerFired && signal === 'SIGKILL';
      ended = { exitCode: signal === null ? exitCode : null, signal, timedOut, ok: exitCode === 0 && signal === null, durationMs: Math.round(performance.now() - started) };
      kill();
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, RUN_CLOSE_GRACE_MS);
    });
    child.once('close', () => {
      settle();
      if (ended === undefined) return; // never started: 'error' rejected already
      if (request.signal?.aborted === true) {
        reject(cancelled());
        return;
      }
      resolve({ ...ended, output });
    });
  });
}
