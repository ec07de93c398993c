import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** One measured run of a Node.js script in a child process. */
export interface MeasuredRun {
  /** Wall time from spawning the child to its exit, in milliseconds. */
  readonly ms: number;
  /** The child's peak resident set size, in kilobytes. */
  readonly maxRssKb: number;
  /** The CPU time of all its threads, user and system, in milliseconds. */
  readonly cpuMs: number;
  /** Its exit status; `null` when a signal ended it. */
  readonly status: number | null;
  /** The signal that ended it, if one did. */
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

const PRELOAD = join(__dirname, 'reportMaxRss.js');

/**
 * Runs a Node.js script in a child process and measures its wall time, and its peak memory and
 * CPU time through a preload that reports `process.resourceUsage()` on exit.
 *
 * @param script - the script's path
 * @param args - its arguments
 * @param cwd - its working directory
 * @param env - variables to set for it, over the bench's own environment
 * @returns the measurements and what the child printed
 */
export function runMeasured(script: string, args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): MeasuredRun {
  const scratch = mkdtempSync(join(tmpdir(), 'ei-bench-rss-'));
  const rssFile = join(scratch, 'maxrss');
  try {
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--require', PRELOAD, script, ...args], {
      cwd,
      env: { ...process.env, ...env, EI_BENCH_MAX_RSS_FILE: rssFile, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    const ms = performance.now() - start;
    if (child.error !== undefined) throw child.error;
    let usage = { maxRssKb: Number.NaN, cpuMs: Number.NaN };
    try {
      usage = JSON.parse(readFileSync(rssFile, 'utf8')) as typeof usage;
    } catch {
      // A child killed by a signal reports nothing; the caller sees the signal.
    }
    return { ms, ...usage, status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
