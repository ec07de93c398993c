import { spawn } from 'node:child_process';
import { killGroup, trackGroup, untrackGroup } from './processGroups';

/** How much of a process group's output is kept, in characters. */
export const STDERR_TAIL = 4096;

/**
 * Milliseconds a group's output may stay open after its leader exited and the group was killed; then
 * it is closed from this end. Only a process that left the group (with a session of its own, as
 * setsid makes) can hold it open that long.
 */
export const RUN_CLOSE_GRACE_MS = 500;

/** A command to run as a process group of its own: a sweep's run, or a check. */
export interface GroupRequest {
  readonly file: string;
  readonly args: readonly string[];
  /** Its whole environment. */
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout is kept with stderr (a check's) or dropped (a run's). */
  readonly keepStdout: boolean;
  /** Milliseconds it may take; then its group is killed and it timed out. */
  readonly timeoutMs?: number | undefined;
  /** Ends it early (SIGKILL to its group); the promise then rejects with an AbortError. */
  readonly signal?: AbortSignal | undefined;
  /** What it is, for the AbortError's message (`the run`, `the check`). */
  readonly what: string;
}

/** How a group's leader ended, and the end of what the group wrote. */
export interface GroupExit {
  /** The exit code as Node gives it (`null` when a signal ended it). */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Whether the timeout's SIGKILL ended it, not an exit of its own meanwhile. */
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** The last {@link STDERR_TAIL} characters of its stderr (and stdout, when kept). */
  readonly output: string;
}

function cancelled(what: string): Error {
  return Object.assign(new Error(`${what} was cancelled`), { name: 'AbortError' });
}

/**
 * Runs a command without a terminal as a process group of its own (a session, as setsid makes), so
 * that a timeout or a cancel kills the whole of it, the processes it started included. It ends when
 * the command exits: what is left of its group (background processes) is killed with SIGKILL then,
 * and its output is read until every process holding it has ended, or for `RUN_CLOSE_GRACE_MS` more,
 * since a process that started a session of its own escapes the kill. Should this process exit while
 * it runs (in any way but a SIGKILL, or a signal it does not handle), its group is killed as this
 * process exits.
 *
 * @param request - the command
 * @returns how it ended
 * @throws the `spawn` error (an errno exception) when the command cannot be started; an AbortError
 *   when `request.signal` ended it
 */
export function runGroup(request: GroupRequest): Promise<GroupExit> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted === true) {
      reject(cancelled(request.what));
      return;
    }
    const child = spawn(request.file, request.args, { stdio: ['ignore', request.keepStdout ? 'pipe' : 'ignore', 'pipe'], env: request.env, detached: true });
    // Undefined when the command cannot be started ('error' follows): nothing is tracked or killed then.
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
    const streams = [child.stdout, child.stderr].filter((stream) => stream !== null);
    for (const stream of streams) {
      stream.setEncoding('utf8');
      stream.on('data', keep);
    }
    let ended: Omit<GroupExit, 'output'> | undefined;
    child.once('error', (error) => {
      settle();
      reject(error);
    });
    child.once('exit', (exitCode, signal) => {
      clearTimeout(timer);
      ended = { exitCode, signal, timedOut: timerFired && signal === 'SIGKILL', durationMs: Math.round(performance.now() - started) };
      // What the command left running goes with it.
      kill();
      untrackGroup(child.pid);
      grace = setTimeout(() => {
        for (const stream of streams) stream.destroy();
      }, RUN_CLOSE_GRACE_MS);
    });
    child.once('close', () => {
      settle();
      if (ended === undefined) return; // never started: 'error' rejected already
      if (request.signal?.aborted === true) {
        reject(cancelled(request.what));
        return;
      }
      resolve({ ...ended, output });
    });
  });
}
