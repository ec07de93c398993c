import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { spawnError } from '../failcmd/spawnError';
import { parseFaultReport } from './parseFaultReport';
import type { CommandSweepRun } from './CommandSweepReport';

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
    let timedOut = false;
    const killGroup = (): void => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // Every process of the group has exited already.
      }
    };
    const timer =
      request.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup();
          }, request.timeoutMs);
    request.signal?.addEventListener('abort', killGroup, { once: true });
    const settle = (): void => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', killGroup);
    };
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      settle();
      reject(spawnError(file, error));
    });
    child.once('close', (exitCode, signal) => {
      settle();
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
      const { faults, crashes, marked } = parseFaultReport(text);
      const first = faults[0];
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
        durationMs: Math.round(performance.now() - started),
        stderr,
      };
      resolve({ run, marked });
    });
  });
}
