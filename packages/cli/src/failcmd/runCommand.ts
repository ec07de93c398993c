import { spawn } from 'node:child_process';
import { spawnError } from './spawnError';

/** How a command ended: its exit code, or the signal that ended it. */
export type ExitStatus = { readonly code: number; readonly signal: null } | { readonly code: null; readonly signal: NodeJS.Signals };

/** Signals failcmd passes on to the command when it receives them itself. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];

/**
 * Signals failcmd ignores while the command runs: a terminal sends them to its whole foreground
 * process group, so the command has its own already (as a shell waits for its foreground job).
 */
export const TERMINAL_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGQUIT'];

/**
 * Runs a command with the terminal's standard streams, passing on the signals failcmd receives, and
 * tells how it ended.
 *
 * @param command - the program and its arguments
 * @param env - its whole environment
 * @returns its exit code or the signal that ended it
 * @throws CliError `ENOENT` when the program is not found, `EACCES` when it cannot be executed, or the
 *   errno name of any other failure to start it
 */
export function runCommand(command: readonly string[], env: NodeJS.ProcessEnv): Promise<ExitStatus> {
  const [file, ...args] = command as [string, ...string[]];
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env });
    const handlers = new Map<NodeJS.Signals, () => void>();
    for (const signal of FORWARDED_SIGNALS) handlers.set(signal, () => child.kill(signal));
    for (const signal of TERMINAL_SIGNALS) handlers.set(signal, () => {});
    for (const [signal, handler] of handlers) process.on(signal, handler);
    const done = (): void => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(spawnError(file, error));
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(signal === null ? { code: code ?? 0, signal: null } : { code: null, signal });
    });
  });
}
