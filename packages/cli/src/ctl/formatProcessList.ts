import * as os from 'node:os';
import * as path from 'node:path';
import picocolors from 'picocolors';
import { cutText } from './cutText';
import { describeCommand } from './describeCommand';
import type { ControlledProcess } from './listControlledProcesses';

/** How the list is drawn. */
export interface ProcessListOptions {
  /** Now, in milliseconds since the epoch (default `Date.now()`). */
  readonly now?: number;
  /** The caller's home directory, shown as `~` (default `os.homedir()`). */
  readonly home?: string;
  /** ANSI colours (default off). */
  readonly color?: boolean;
}

/** The most characters shown of a working directory (its end is kept). */
export const CWD_WIDTH = 40;

/** The most characters shown of a command line. */
export const COMMAND_WIDTH = 160;

/** What a column shows for a field an older core does not answer. */
const UNKNOWN = '?';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * When a process started, in local time: `HH:MM:SS` today, `YYYY-MM-DD HH:MM` before.
 *
 * @param start - milliseconds since the epoch
 * @param now - milliseconds since the epoch
 * @returns the time
 */
export function showStart(start: number, now: number): string {
  const at = new Date(start);
  const today = new Date(now);
  const time = `${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
  if (at.toDateString() === today.toDateString()) return `${time}:${pad2(at.getSeconds())}`;
  return `${at.getFullYear()}-${pad2(at.getMonth() + 1)}-${pad2(at.getDate())} ${time}`;
}

/**
 * How long a process has run, in its two largest units: `45s`, `3m05s`, `2h04m`, `3d02h`.
 *
 * @param ms - milliseconds
 * @returns the duration
 */
export function showUptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${pad2(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${pad2(Math.floor(s / 60) % 60)}m`;
  return `${Math.floor(s / 86400)}d${pad2(Math.floor(s / 3600) % 24)}h`;
}

function showCwd(cwd: string | null | undefined, home: string): string {
  if (cwd === undefined || cwd === null) return UNKNOWN;
  const short = cwd === home ? '~' : home !== '' && cwd.startsWith(home + path.sep) ? `~${cwd.slice(home.length)}` : cwd;
  return cutText(short, CWD_WIDTH, 'end');
}

/**
 * The table of `ei-ctl list`: per process its pid, user, start time and uptime, working directory
 * and command line (see `describeCommand`), each cut to a readable length; `?` for what the core of
 * an older process does not answer.
 *
 * @param processes - the processes, in the order to show
 * @param options - now, the caller's home directory, colours
 * @returns the text, ending with a newline
 */
export function formatProcessList(processes: readonly ControlledProcess[], options: ProcessListOptions = {}): string {
  const now = options.now ?? Date.now();
  const home = options.home ?? os.homedir();
  const c = picocolors.createColors(options.color === true);
  // Loaded when a list is drawn, as the sweep's table does.
  const Table = require('cli-table3') as typeof import('cli-table3');
  const table = new Table({
    head: ['PID', 'USER', 'STARTED', 'UPTIME', 'CWD', 'COMMAND'].map((title) => c.bold(title)),
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: ['right', 'left', 'left', 'right', 'left', 'left'],
  });
  for (const p of processes) {
    table.push([
      String(p.pid),
      p.user ?? (typeof p.uid === 'number' ? String(p.uid) : UNKNOWN),
      p.startTime === undefined ? UNKNOWN : showStart(p.startTime, now),
      p.startTime === undefined ? UNKNOWN : showUptime(now - p.startTime),
      showCwd(p.cwd, home),
      cutText(describeCommand(p.argv, p.execArgv, p.cwd), COMMAND_WIDTH),
    ]);
  }
  return `${table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')}\n`;
}
