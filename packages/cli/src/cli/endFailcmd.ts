import { constants } from 'node:os';
import { FORWARDED_SIGNALS, TERMINAL_SIGNALS } from '../failcmd/runCommand';
import type { FailcmdExit } from './failcmd';

/** The parts of `process` that ending failcmd uses. */
export interface EndableProcess {
  readonly pid: number;
  exitCode?: number | string | null | undefined;
  removeAllListeners(event: NodeJS.Signals): unknown;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

/**
 * Ends failcmd as its command ended: with the command's exit code, or with the signal that ended the
 * command, raised again on failcmd once its own handlers of the signals it passes on are gone, so
 * that a shell sees the same status. Should the signal be ignored here (a SIG_IGN inherited from the
 * parent), the exit code is already `128 + n`, as a shell reports a signal.
 *
 * @param exit - what `main` returned
 * @param proc - the process (a test's stand-in)
 */
export function endFailcmd(exit: FailcmdExit, proc: EndableProcess = process): void {
  if (typeof exit === 'number') {
    proc.exitCode = exit;
    return;
  }
  for (const signal of [...TERMINAL_SIGNALS, ...FORWARDED_SIGNALS]) proc.removeAllListeners(signal);
  proc.exitCode = 128 + (constants.signals[exit] ?? 0);
  proc.kill(proc.pid, exit);
  // The signal is delivered asynchronously: keep the process alive until it is.
  setTimeout(() => {}, 100);
}
