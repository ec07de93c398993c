import { CliError } from '../errors/CliError';
import { spawnError } from '../failcmd/spawnError';
import type { CheckResult } from '../sweep/CommandSweepReport';
import { runGroup } from '../sweep/runGroup';

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

/**
 * Runs a check command in the working directory, without a terminal (no stdin; its stdout and stderr
 * kept together, their last `STDERR_TAIL` characters), and tells whether it exited 0: whether
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
export async function runCheck(request: CheckRequest): Promise<CheckResult> {
  const shell = request.shell ?? CHECK_SHELL;
  let ended;
  try {
    ended = await runGroup({ file: shell, args: ['-c', request.command], env: request.env, keepStdout: true, timeoutMs: request.timeoutMs, signal: request.signal, what: 'the check' });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    const cause = spawnError(shell, error as NodeJS.ErrnoException);
    throw new CliError(cause.code, `cannot run the check ${JSON.stringify(request.command)}: ${cause.message}`, { cause: error });
  }
  const { exitCode, signal, timedOut, durationMs, output } = ended;
  return { exitCode: signal === null ? exitCode : null, signal, timedOut, ok: exitCode === 0 && signal === null, durationMs, output };
}
