import { useColor } from '@errinject/core/color';
import { readFileSync } from 'node:fs';
import { checkEnvironment } from '../check/checkEnvironment';
import { checkMessage } from '../check/checkMessage';
import { runCheck } from '../check/runCheck';
import { CliError, isCliError } from '../errors/CliError';
import { armedByUser } from '../failcmd/armedByUser';
import { checkFailcmdOptions } from '../failcmd/checkFailcmdOptions';
import { childEnvironment } from '../failcmd/childEnvironment';
import { createRunReport } from '../failcmd/createRunReport';
import { failcmdEntries, sweepEntries } from '../failcmd/failcmdEntries';
import type { FailcmdOptions } from '../failcmd/FailcmdOptions';
import { FAILCMD_USAGE } from '../failcmd/failcmdUsage';
import { parseFailcmdArgs } from '../failcmd/parseFailcmdArgs';
import { runCommand } from '../failcmd/runCommand';
import { runNotice } from '../failcmd/runNotice';
import type { CheckResult } from '../sweep/CommandSweepReport';
import { createSweepProgress } from '../sweep/createSweepProgress';
import type { CommandSweepReport } from '../sweep/CommandSweepReport';
import { formatSweepTable } from '../sweep/formatSweepTable';
import { mergeSweepReports, type ShardReport } from '../sweep/mergeSweepReports';
import { sweepCommand } from '../sweep/sweepCommand';
import { type CliIo, processIo } from './CliIo';
import { cliVersion } from './cliVersion';

/** How failcmd ends: an exit code, or the signal it must end itself with (the command's). */
export type FailcmdExit = number | NodeJS.Signals;

/**
 * Signals that stop a sweep: its runs are killed, its files removed, and failcmd ends with the signal.
 * Each run is a session of its own, out of the terminal's process group, so the terminal's SIGINT
 * (Ctrl-C) and SIGQUIT (Ctrl-\) reach only failcmd, which must end the runs itself.
 */
const SWEEP_STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP'];

/** What stops work that runs out of the terminal's process group: a sweep's runs, a check. */
interface StopSignals {
  /** Aborted when one of the signals arrives. */
  readonly signal: AbortSignal;
  /** The first signal that arrived, if any. */
  readonly stoppedBy: () => NodeJS.Signals | undefined;
  /** Removes the handlers. */
  readonly remove: () => void;
}

/** Handles {@link SWEEP_STOP_SIGNALS} until removed: the first one aborts the signal returned. */
function onStopSignals(): StopSignals {
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const handlers = SWEEP_STOP_SIGNALS.map((signal) => {
    const handler = (): void => {
      stoppedBy ??= signal;
      controller.abort();
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return {
    signal: controller.signal,
    stoppedBy: () => stoppedBy,
    remove: () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    },
  };
}

async function sweep(options: FailcmdOptions, command: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<FailcmdExit> {
  const progress = createSweepProgress(io.stderr, { check: options.check !== undefined });
  const stop = onStopSignals();
  let report;
  try {
    report = await sweepCommand({
      command,
      env,
      capabilities: options.capabilities,
      entries: sweepEntries(options),
      inject: options.inject,
      seed: options.seed,
      control: options.control,
      jobs: options.jobs,
      max: options.max,
      shard: options.shard,
      timeoutMs: options.timeoutMs,
      check: options.check,
      onProgress: progress.update,
      signal: stop.signal,
    });
  } catch (error) {
    const stoppedBy = stop.stoppedBy();
    if (stoppedBy !== undefined) return stoppedBy;
    throw error;
  } finally {
    progress.stop();
    stop.remove();
  }
  return printSweep(report, options, env, io);
}

/** Prints a sweep's report, as a table or JSON, and gives the sweep's exit status: 1 when a run crashed, timed out or left a bad state. */
function printSweep(report: CommandSweepReport, options: FailcmdOptions, env: NodeJS.ProcessEnv, io: CliIo): FailcmdExit {
  io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSweepTable(report, { color: useColor(io.stdout, env, options.color) }));
  return report.crashed > 0 || report.timedOut > 0 || report.badState > 0 ? 1 : 0;
}

/** Reads a shard's JSON report; refuses a file that cannot be read or is not one. */
function readShardReport(file: string): ShardReport {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError('ERR_INVALID_ARG_VALUE', `cannot read the report ${JSON.stringify(file)}: ${(error as Error).message}`, { cause: error });
  }
  const fields = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (!Array.isArray(fields['runs']) || !('shard' in fields) || typeof fields['settings'] !== 'object') {
    throw new CliError('ERR_INVALID_ARG_VALUE', `${JSON.stringify(file)} is not the report of a shard: expected what failcmd --sweep --shard i/N --json writes`);
  }
  return { file, report: value as CommandSweepReport };
}

/**
 * `failcmd --merge REPORT.json...`: the whole sweep's report from its shards', with a sweep's exit
 * status; and 1 as well when a shard's report is missing, so that a CI job whose shard never reported
 * cannot pass the merge (the table and the JSON name the shards missing).
 */
function merge(options: FailcmdOptions, files: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): FailcmdExit {
  if (files.length === 0) throw new CliError('ERR_USAGE', 'no report given: failcmd --merge REPORT.json... (the --json reports of the shards of one sweep)');
  const report = mergeSweepReports(files.map(readShardReport));
  const status = printSweep(report, options, env, io);
  return report.missingShards.length > 0 ? 1 : status;
}

/**
 * A plain run's `--check`, after the command: out of the terminal's process group, so that SIGINT,
 * SIGQUIT, SIGTERM and SIGHUP end it (and failcmd, with that signal) as they stop a sweep.
 *
 * @returns what the check said, or the signal that stopped it
 */
async function checkAfterRun(check: string, env: NodeJS.ProcessEnv): Promise<{ readonly result: CheckResult } | { readonly stoppedBy: NodeJS.Signals }> {
  const stop = onStopSignals();
  try {
    return { result: await runCheck({ command: check, env: checkEnvironment(env), signal: stop.signal }) };
  } catch (error) {
    const stoppedBy = stop.stoppedBy();
    if (stoppedBy !== undefined) return { stoppedBy };
    throw error;
  } finally {
    stop.remove();
  }
}

/** A plain run: the command with its report, and a word on stderr when no fault could be injected. */
async function run(options: FailcmdOptions, command: readonly string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<FailcmdExit> {
  const armed = armedByUser(env);
  const report = createRunReport(env);
  try {
    const status = await runCommand(command, childEnvironment(env, failcmdEntries(options, armed), { seed: options.seed, control: options.control, report: report?.path, capabilities: options.capabilities }));
    const notice = report === undefined ? undefined : runNotice({ capabilities: options.capabilities, armedByConfig: new Set([...armed, ...options.inject.map((spec) => spec.name)]), report: report.read() });
    if (notice !== undefined) io.stderr.write(`failcmd: ${notice}\n`);
    const commandExit = status.signal ?? status.code;
    if (options.check === undefined) return commandExit;
    const checked = await checkAfterRun(options.check, env);
    if ('stoppedBy' in checked) return checked.stoppedBy;
    if (checked.result.ok) return commandExit;
    io.stderr.write(`failcmd: the command left a bad state: --check ${JSON.stringify(options.check)} ended with ${checkMessage(checked.result)}\n`);
    // A bad state never hides the command's own failure (its code, its signal): failcmd exits 0 only
    // when the command did and the state is good.
    return commandExit === 0 ? 1 : commandExit;
  } finally {
    report?.close();
  }
}

/**
 * failcmd: `failcmd [options] [--] command [args...]`.
 *
 * @param argv - the arguments after `failcmd`
 * @param env - the environment as the user gave it (see `takeEnvironment`)
 * @param io - where to write
 * @returns the exit code, or the signal that ended the command
 */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, io: CliIo = processIo): Promise<FailcmdExit> {
  try {
    const { options, command } = parseFailcmdArgs(argv, env);
    if (options.help) {
      io.stdout.write(FAILCMD_USAGE);
      return 0;
    }
    if (options.version) {
      io.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    if (options.merge) return merge(options, command, env, io);
    if (command.length === 0) throw new CliError('ERR_USAGE', 'no command given: failcmd [options] [--] command [args...]; failcmd --help lists the options');
    checkFailcmdOptions(options, env);
    if (options.sweep) return await sweep(options, command, env, io);
    return await run(options, command, env, io);
  } catch (error) {
    if (!isCliError(error)) throw error;
    io.stderr.write(`failcmd: ${error.message}\n`);
    if (error.code === 'ENOENT') return 127;
    if (error.code.startsWith('ERR_')) return 2;
    return 126;
  }
}
