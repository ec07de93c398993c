import { useColor } from '@errinject/core/color';
import { controlSocketPath, isErrInjectError } from '@errinject/core';
import { ControlClient, unreachableCode } from '../ctl/ControlClient';
import { cutText } from '../ctl/cutText';
import { EI_CTL_USAGE } from '../ctl/eiCtlUsage';
import { formatProcessList } from '../ctl/formatProcessList';
import { listControlledProcesses } from '../ctl/listControlledProcesses';
import { resolveControlPath } from '../ctl/resolveControlPath';
import { CliError, isCliError } from '../errors/CliError';
import { type CliIo, processIo } from './CliIo';
import { cliVersion } from './cliVersion';

const PID = /^[1-9][0-9]*$/;

/** A value the user gave, quoted and cut to a readable length for a message. */
function show(value: string): string {
  return JSON.stringify(cutText(value, 60));
}

function usage(message: string): CliError {
  return new CliError('ERR_USAGE', `${message}; ei-ctl --help shows the commands`);
}

function expectArgs(command: string, args: readonly string[], names: readonly string[], optional = 0): void {
  if (args.length < names.length - optional || args.length > names.length) {
    throw usage(`${command} takes ${names.join(' ')}, got ${args.length === 0 ? 'nothing' : args.map(show).join(' ')}`);
  }
}

async function list(io: CliIo, color: boolean): Promise<number> {
  const { processes, removed, unresponsive } = await listControlledProcesses();
  for (const pid of removed) io.stderr.write(`ei-ctl: removed the socket of process ${pid}, which is gone\n`);
  for (const pid of unresponsive) io.stderr.write(`ei-ctl: process ${pid} did not answer on its socket\n`);
  if (processes.length === 0) {
    io.stderr.write('ei-ctl: no process listens; a process opts in with ERRINJECT_CONTROL=1 (or failcmd --control)\n');
    return 0;
  }
  io.stdout.write(formatProcessList(processes, { color }));
  return 0;
}

/** ei-ctl's options: before the command, and anywhere after `list`. */
interface EiCtlFlags {
  help: boolean;
  version: boolean;
  /** `--color` (true) or `--no-color` (false), the last one given. */
  color: boolean | undefined;
}

/**
 * Takes an option into the flags.
 *
 * @returns false when the argument is not one of ei-ctl's options
 */
function takeFlag(arg: string, flags: EiCtlFlags): boolean {
  if (arg === '-h' || arg === '--help') flags.help = true;
  else if (arg === '-V' || arg === '--version') flags.version = true;
  else if (arg === '--color') flags.color = true;
  else if (arg === '--no-color') flags.color = false;
  else return false;
  return true;
}

async function control(pidText: string, command: string | undefined, args: readonly string[], io: CliIo): Promise<number> {
  if (!PID.test(pidText) || !Number.isSafeInteger(Number(pidText))) throw usage(`expected "list" or a process id, got ${show(pidText)}`);
  const pid = Number(pidText);
  if (command !== 'ls' && command !== 'read' && command !== 'write') {
    throw usage(`expected ls, read or write after the pid, got ${command === undefined ? 'nothing' : show(command)}`);
  }
  if (command === 'ls') expectArgs('ls', args, ['[DIR]'], 1);
  if (command === 'read') expectArgs('read', args, ['PATH']);
  if (command === 'write') expectArgs('write', args, ['PATH', 'VALUE']);
  const socket = controlSocketPath(pid);
  let client: ControlClient;
  try {
    client = await ControlClient.connect(socket);
  } catch (error) {
    if (!isCliError(error)) throw error;
    const code = unreachableCode(error);
    const why = code === 'ENOENT' ? 'no socket' : code === 'ECONNREFUSED' ? 'a socket nobody listens on (the process is gone)' : error.message;
    throw new CliError('ERR_UNREACHABLE', `process ${pid} cannot be reached at ${socket}: ${why}; ei-ctl list shows the processes that opted in`, { cause: error });
  }
  try {
    const target = resolveControlPath(args[0] ?? '');
    if (command === 'ls') {
      for (const entry of await client.list(target.tree, target.path)) io.stdout.write(`${entry}\n`);
    } else if (command === 'read') {
      io.stdout.write(await client.read(target.tree, target.path));
    } else {
      await client.write(target.tree, target.path, args[1] as string);
    }
    return 0;
  } finally {
    client.close();
  }
}

/**
 * ei-ctl: `ei-ctl [options] list [options]`, `ei-ctl [options] <pid> ls [DIR]`, `read PATH`,
 * `write PATH VALUE`; options `-h/--help`, `-V/--version`, `--color`, `--no-color`.
 *
 * @param argv - the arguments after `ei-ctl`; every argument after `<pid>` is an operand, so a value
 *   that begins with `-` is a value
 * @param io - where to write
 * @param env - the environment, for colours
 * @returns the exit status: 0, 1 when the control tree refused, 2 when ei-ctl could not do it
 */
export async function main(argv: readonly string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const flags: EiCtlFlags = { help: false, version: false, color: undefined };
    let at = 0;
    for (; at < argv.length && (argv[at] as string).startsWith('-'); at++) {
      const arg = argv[at] as string;
      if (arg === '--') {
        at++;
        break;
      }
      if (!takeFlag(arg, flags)) throw usage(`unknown option ${show(arg)}`);
    }
    const [first, command, ...rest] = argv.slice(at);
    if (first === 'list') {
      for (const arg of argv.slice(at + 1)) {
        if (!takeFlag(arg, flags)) throw usage(`list takes no operand, only --color, --no-color, --help or --version; got ${show(arg)}`);
      }
    }
    if (flags.help) {
      io.stdout.write(EI_CTL_USAGE);
      return 0;
    }
    if (flags.version) {
      io.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    if (first === undefined) throw usage('expected a command');
    if (first === 'list') return await list(io, useColor(io.stdout, env, flags.color));
    return await control(first, command, rest, io);
  } catch (error) {
    if (isCliError(error)) {
      if (error.code.startsWith('ERR_')) {
        io.stderr.write(`ei-ctl: ${error.message}\n`);
        return 2;
      }
      io.stderr.write(`ei-ctl: ${error.code}: ${error.message}\n`);
      return 1;
    }
    if (isErrInjectError(error)) {
      // The socket directory is missing, not this user's, or not private.
      io.stderr.write(`ei-ctl: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
