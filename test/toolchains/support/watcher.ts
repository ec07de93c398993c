import { type ChildProcess, spawn } from 'node:child_process';
import { scratchEnv } from '../../support/scratchProject';

/**
 * A test runner's watch mode, started in a scratch project: its output as it comes, waits for a
 * pattern with a bound, and a stop that kills its whole process group (the runner's workers too).
 */
export interface Watcher {
  /** Everything it printed so far, stdout and stderr interleaved as they came. */
  output(): string;
  /**
   * Waits until the output matches `pattern` at least `count` times.
   *
   * @param pattern - a global RegExp
   * @param count - how many matches
   * @param timeoutMs - the bound
   * @throws Error with the output when the bound passes or the watcher exits first
   */
  waitFor(pattern: RegExp, count: number, timeoutMs: number): Promise<void>;
  /** Kills its process group and waits for it to close. */
  stop(): Promise<void>;
}

/** ANSI escape sequences: colours, and the line clearing of mocha's watch mode. */
const TERMINAL_CODES = /\u001b\[[0-9;?]*[A-Za-z]/g;

function matches(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

/**
 * Starts a shell command in a process group of its own.
 *
 * @param command - the command line (`sh -c`)
 * @param cwd - the project's directory
 * @param env - variables to add to the scratch environment
 * @returns the watcher
 */
export function startWatcher(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): Watcher {
  const child: ChildProcess = spawn('sh', ['-c', command], { cwd, env: scratchEnv(env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let exited = false;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    notify();
  });
  const closed = new Promise<void>((resolve) => {
    child.on('close', () => {
      exited = true;
      notify();
      resolve();
    });
  });
  return {
    // Without terminal codes: a runner colours its output where it believes a CI shows colours (CI=true).
    output: () => text.replace(TERMINAL_CODES, ''),
    waitFor(pattern, count, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (matches(text.replace(TERMINAL_CODES, ''), pattern) >= count) finish(undefined);
          else if (exited) finish(new Error(`${command} exited before its output matched ${pattern} ${count} times:\n${text.slice(-6000)}`));
        };
        const timer = setTimeout(() => finish(new Error(`${command}: no ${count} matches of ${pattern} within ${timeoutMs} ms:\n${text.slice(-6000)}`)), timeoutMs);
        const finish = (error: Error | undefined): void => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error === undefined) resolve();
          else reject(error);
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (!exited && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // The group is gone already.
        }
      }
      await closed;
    },
  };
}
