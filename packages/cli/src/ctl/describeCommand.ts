import * as path from 'node:path';
import { cutText } from './cutText';

/** The most characters shown of the code of `-e`/`-p`, after its whitespace is folded. */
export const CODE_WIDTH = 40;

/** The most characters shown of any other argument. */
export const ARG_WIDTH = 60;

/** Options of Node.js that run code given on the command line: `-e`, `-p`, `-pe`, `--eval`, `--print`. */
const EVAL_OPTION = /^(?:-[A-Za-z]*[ep]|--eval|--print)$/;
const EVAL_INLINE = /^(--eval|--print)=([\s\S]*)$/;
const INTERACTIVE = /^(?:-i|--interactive)$/;

/**
 * An argument as a shell would take it: bare when it holds nothing special, else in single quotes,
 * or in double quotes when it holds single quotes and nothing a shell expands there.
 */
function quote(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./~-]+$/.test(arg)) return arg;
  if (!arg.includes("'")) return `'${arg}'`;
  if (!/[\\"$`!]/.test(arg)) return `"${arg}"`;
  return `'${arg.replace(/'/g, "'\\''")}'`;
}

/** Code given with `-e` or `-p`: its whitespace folded, its beginning, quoted. */
function code(text: string): string {
  return quote(cutText(text.replace(/\s+/g, ' ').trim(), CODE_WIDTH));
}

function arg(text: string): string {
  return quote(cutText(text, ARG_WIDTH));
}

/** A path relative to a directory when it lies under it, else as it is. */
function relativeTo(file: string, dir: string | null | undefined): string {
  if (dir === undefined || dir === null || dir === '') return file;
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

/**
 * A process's command line as a person can tell it from others: the executable's name, Node.js's own
 * options (`-e`/`-p` with the beginning of their code), then the script (relative to the working
 * directory when under it; `[stdin]` for `-`; `[stdin or REPL]` when there is none, as for `node`
 * reading a pipe), then its arguments, each cut to a readable length.
 *
 * @param argv - `process.argv` of the process
 * @param execArgv - its `process.execArgv`; `undefined` when its core did not say (shown without)
 * @param cwd - its working directory, when known
 * @returns the command line, shell-quoted
 */
export function describeCommand(argv: readonly string[], execArgv: readonly string[] | undefined, cwd?: string | null): string {
  const parts = [arg(path.basename(argv[0] ?? 'node'))];
  let evaluates = false;
  let interactive = false;
  const options = execArgv ?? [];
  for (let i = 0; i < options.length; i++) {
    const option = options[i] as string;
    const inline = EVAL_INLINE.exec(option);
    if (inline !== null) {
      parts.push(inline[1] as string, code(inline[2] as string));
      evaluates = true;
    } else if (EVAL_OPTION.test(option)) {
      parts.push(option);
      if (i + 1 < options.length) parts.push(code(options[++i] as string));
      evaluates = true;
    } else {
      if (INTERACTIVE.test(option)) interactive = true;
      parts.push(arg(option));
    }
  }
  // With -e or -p, argv holds no script: what follows the executable are the code's arguments.
  const rest = argv.slice(1);
  if (!evaluates && execArgv !== undefined) {
    const script = rest.shift();
    if (script === undefined) parts.push(interactive ? '[REPL]' : '[stdin or REPL]');
    else if (script === '-') parts.push('[stdin]');
    else parts.push(arg(relativeTo(script, cwd)));
  }
  parts.push(...rest.map(arg));
  return parts.join(' ');
}
