import { readFileSync } from 'node:fs';

/**
 * A process's state letter from /proc (`Z` for a zombie: dead, not reaped yet), or `gone`.
 *
 * @param pid - the process
 * @returns its state
 */
export function processState(pid: number): string {
  try {
    return (/\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8')) as RegExpExecArray)[1] as string;
  } catch {
    return 'gone';
  }
}

/**
 * Waits until a process is dead (gone or a zombie), or a second has passed: a SIGKILL is delivered
 * asynchronously.
 *
 * @param pid - the process
 * @returns its state then
 */
export async function deadState(pid: number): Promise<string> {
  for (let i = 0; i < 100 && !['gone', 'Z'].includes(processState(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return processState(pid);
}

/**
 * Ends a process a test started, should it still run (after a failed assertion).
 *
 * @param pid - the process: a positive pid; anything else is refused, since `kill(0)` and negative
 *   pids signal whole process groups (the test runner's own among them)
 * @throws Error for a pid that is not a positive integer
 */
export function killLeftover(pid: number): void {
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error(`killLeftover: ${String(pid)} is not a process id; refusing to signal a process group`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}
