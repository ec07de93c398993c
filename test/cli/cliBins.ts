import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { childEnv } from '../support/childEnv';

/** The CLI package's directory, found the way a user's tooling finds it. */
export const cliDir = path.dirname(require.resolve('@errinject/cli/package.json'));

/** The repository root: the runs start there, as a user's would. */
export const root = path.resolve(cliDir, '..', '..');

/** The bins. */
export const FAILCMD = path.join(cliDir, 'bin', 'failcmd.js');
export const EI_CTL = path.join(cliDir, 'bin', 'ei-ctl.js');

/** What a run of a bin gave. */
export interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a bin to its end in a child process, from the repository root, without forced colours.
 *
 * @param bin - FAILCMD or EI_CTL
 * @param args - its arguments
 * @param env - variables to add
 * @returns its exit and output
 */
export function runBin(bin: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: childEnv(env) });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts a bin and leaves it running.
 *
 * @param bin - FAILCMD or EI_CTL
 * @param args - its arguments
 * @returns the child
 */
export function startBin(bin: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], { cwd: root, env: childEnv() });
}

/**
 * The lines a child writes to stdout, as they come.
 *
 * @param child - a running child
 * @returns a function that waits for the first line matching a pattern (10 s at most)
 */
export function lineReader(child: ChildProcessWithoutNullStreams): (pattern: RegExp) => Promise<string> {
  const lines: string[] = [];
  let buffered = '';
  const waiting: Array<() => void> = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiting.splice(0)) wake();
  });
  return async (pattern) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const line = lines.find((candidate) => pattern.test(candidate));
      if (line !== undefined) return line;
      if (Date.now() > deadline) throw new Error(`no line matched ${pattern} in ${JSON.stringify(lines)}`);
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
}
