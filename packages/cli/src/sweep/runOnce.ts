import { readFileSync, rmSync } from 'node:fs';
import { spawnError } from '../failcmd/spawnError';
import { parseFaultReport } from './parseFaultReport';
import type { CommandSweepRun } from './CommandSweepReport';
import { runGroup } from './runGroup';

export { RUN_CLOSE_GRACE_MS, STDERR_TAIL } from './runGroup';

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
export async function runOnce(request: RunRequest): Promise<RunOutcome> {
  const [file, ...args] = request.command as [string, ...string[]];
  let ended;
  try {
    ended = await runGroup({ file, args, env: request.env, keepStdout: false, timeoutMs: request.timeoutMs, signal: request.signal, what: 'the run' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      rmSync(request.reportFile, { force: true });
      throw error;
    }
    throw spawnError(file, error as NodeJS.ErrnoException);
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
  const { exitCode, signal, timedOut, durationMs, output } = ended;
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
    stderr: output,
    // The sweep runs the check, when there is one, after the run.
    check: null,
    badState: false,
    marked,
  };
  return { run, marked };
}
