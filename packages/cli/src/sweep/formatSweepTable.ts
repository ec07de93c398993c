import { relativeSite } from '@errinject/core';
import picocolors from 'picocolors';
import { checkMessage } from '../check/checkMessage';
import type { CommandSweepReport, CommandSweepRun, SweepShard } from './CommandSweepReport';

/** How the table is drawn. */
export interface TableOptions {
  /** ANSI colours (default off). */
  readonly color?: boolean;
  /** Call sites under this directory are shown relative to it (default: the working directory). */
  readonly cwd?: string;
}

/** The longest crash message shown in the table; `--json` has them whole. */
const CRASH_WIDTH = 72;

/**
 * A call site as the table shows it: `file:line:column`, relative to `cwd` when under it (the core's
 * `relativeSite`), a `file:` URL read as its path.
 *
 * @param site - the site from a fault record
 * @param cwd - the directory
 * @returns the shorter form
 */
export function showSite(site: string, cwd: string): string {
  return relativeSite(site.startsWith('file://') ? decodeURIComponent(site.slice('file://'.length)) : site, cwd);
}

function exitText(run: CommandSweepRun): string {
  return run.signal ?? String(run.exitCode);
}

function crashText(run: CommandSweepRun): string {
  const crash = run.crashes[0];
  const text =
    crash !== undefined
      ? `${crash.origin}: ${crash.message.split('\n')[0]}`
      : run.timedOut
        ? `timed out: killed after ${(run.durationMs / 1000).toFixed(1)} s`
        : run.signal !== null
          ? `killed by ${run.signal}`
          : '';
  return text.length > CRASH_WIDTH ? `${text.slice(0, CRASH_WIDTH - 3)}...` : text;
}

/**
 * What the runs armed: the functions, for fail_function alone; with other capabilities, every call of
 * every capability (fail-nth counts them all), naming the capabilities listed.
 */
function armedText(report: CommandSweepReport): string {
  const functions = report.functions.length === 0 ? 'no function (none is marked error-injectable)' : report.functions.join(', ');
  const { capabilities } = report;
  if (capabilities.length === 1 && capabilities[0] === 'fail_function') return functions;
  const every = `every call of every capability (${capabilities.join(', ')})`;
  return capabilities.includes('fail_function') ? `${functions}; ${every}` : every;
}

/** Which runs a shard makes: n = i, i + N, i + 2N... */
function shardText(shard: SweepShard): string {
  if (shard.count === 1) return 'every run';
  return `the runs with n = ${[0, 1, 2].map((k) => shard.index + k * shard.count).join(', ')}...`;
}

/**
 * What failed in a run: the first fault's function (or capability), and how many more faults the run
 * had, when its processes each failed their n-th call (a command of several Node.js processes).
 */
function functionText(run: CommandSweepRun): string {
  const first = run.function ?? run.capability ?? '';
  return run.faults.length > 1 ? `${first} (+${run.faults.length - 1} more)` : first;
}

function stateText(run: CommandSweepRun): string {
  if (run.check === null) return '';
  const text = run.check.ok ? 'ok' : `bad: ${checkMessage(run.check)}`;
  return text.length > CRASH_WIDTH ? `${text.slice(0, CRASH_WIDTH - 3)}...` : text;
}

/**
 * Draws a sweep's report as the seed's fail-nth loop prints its runs, one line per n, as a table:
 * n, whether a fault was injected (Y/N), the function that failed and its call site, the exit status,
 * and the crash, if any, and with `--check` the state the run left (`ok`, or `bad:` with how the check
 * ended and its last line); a line on the functions armed (and the check) before it and a summary after it, with the
 * armed functions that never failed when the sweep is complete, or why it is not (`--max`, or a last
 * run that timed out before any fault, or shards a merge was not given), and why it found no fault
 * point when it found none. A shard's table says which shard it is on its first line, and its summary
 * counts the shard's runs.
 *
 * @param report - the report
 * @param options - colours and the directory sites are shown relative to
 * @returns the text, ending with a newline
 */
export function formatSweepTable(report: CommandSweepReport, options: TableOptions = {}): string {
  const c = picocolors.createColors(options.color === true);
  const cwd = options.cwd ?? process.cwd();
  const lines: string[] = [];
  const { shard } = report;
  if (shard !== null) lines.push(`${c.bold(`shard ${shard.index}/${shard.count}:`)} ${shardText(shard)}`);
  lines.push(`${c.bold('armed:')} ${armedText(report)}`);
  const checked = report.check !== null;
  if (checked) lines.push(`${c.bold('check:')} ${report.check}`);
  // Loaded when a table is drawn, not for --json: failcmd's start-up is a sweep's fixed cost.
  const Table = require('cli-table3') as typeof import('cli-table3');
  const table = new Table({
    head: ['n', 'fault', 'function', 'call site', 'exit', 'crash', ...(checked ? ['state'] : [])],
    chars: {
      top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
      left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
    },
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    colAligns: ['right', 'left', 'left', 'left', 'right', 'left', 'left'],
  });
  for (const run of report.runs) {
    const crash = crashText(run);
    table.push([
      String(run.n),
      run.injected ? c.yellow('Y') : c.green('N'),
      functionText(run),
      run.site === null ? '' : showSite(run.site, cwd),
      exitText(run),
      crash === '' ? '' : c.red(crash),
      ...(checked ? [run.badState ? c.red(stateText(run)) : c.green(stateText(run))] : []),
    ]);
  }
  for (const line of table.toString().split('\n')) lines.push(line.trimEnd());
  const crashed = report.crashed === 0 ? '0 crashed' : c.red(c.bold(`${report.crashed} crashed`));
  const timedOut = report.timedOut === 0 ? '' : `, ${c.red(c.bold(`${report.timedOut} timed out`))}`;
  const badState = !checked ? '' : report.badState === 0 ? ', 0 left a bad state' : `, ${c.red(c.bold(`${report.badState} left a bad state`))}`;
  const runs = report.runs.length;
  lines.push(`${report.faultPoints} fault point${report.faultPoints === 1 ? '' : 's'} in ${runs} run${runs === 1 ? '' : 's'}, ${crashed}${timedOut}${badState}`);
  const lastRun = report.runs.at(-1);
  if (lastRun !== undefined && !lastRun.injected && lastRun.badState) {
    // With no fault, the command should leave a good state: the check, or the command's set-up of its state, is wrong.
    lines.push(c.yellow(`run ${lastRun.n} injected no fault and still left a bad state: is the check right, and does the command set up the state it needs (see --check in failcmd --help)?`));
  }
  if (report.missingShards.length > 0) {
    const missing = report.missingShards.map((one) => `${one.index}/${one.count}`);
    lines.push(c.yellow(`incomplete: no report of shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, so the runs of ${missing.length === 1 ? 'that shard' : 'those shards'} are missing`));
  } else if (lastRun !== undefined && !lastRun.injected && lastRun.timedOut) {
    lines.push(c.yellow(`stopped at run ${lastRun.n}: it timed out (--timeout) before any fault, so more fault points may follow`));
  } else if (!report.complete && shard !== null) {
    lines.push(c.yellow(`stopped after ${runs} runs of this shard (--max ${report.settings.max ?? ''} bounds n): every run injected a fault, so more fault points may follow`));
  } else if (!report.complete) {
    lines.push(c.yellow(`stopped after ${runs} runs (--max): every run injected a fault, so more fault points may follow`));
  }
  if (report.noFaultReason !== null) lines.push(c.yellow(`no fault point: ${report.noFaultReason}`));
  if (report.complete && report.capabilities.includes('fail_function') && report.noFaultReason === null) {
    // Run k fails the k-th call of an armed function in a run without faults; a function no run
    // failed is called only after a fault (on an error path), or never.
    const failed = new Set(report.runs.flatMap((run) => [run.function, ...run.faults.map((fault) => fault.function)]));
    const never = report.functions.filter((name) => !failed.has(name));
    if (never.length > 0) lines.push(c.yellow(`never failed (called only on error paths, or not at all): ${never.join(', ')}`));
  }
  return `${lines.join('\n')}\n`;
}
