import { parseArgs } from 'node:util';
import { LintError } from '../errors/LintError';
import { FORMAT_NAMES, type FormatName } from '../format/formatters';
import type { CliOptions } from './CliOptions';

/** The options that take a value, and what the value may be (for messages). */
const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  '-p': 'a tsconfig.json or the directory that holds one',
  '--project': 'a tsconfig.json or the directory that holds one',
  '--format': FORMAT_NAMES.join(', '),
  '--max-warnings': 'a non-negative integer (0, 1, 2, ...)',
  '-o': 'a file to write the report to',
  '--output-file': 'a file to write the report to',
};

function refuse(option: string, value: string): never {
  throw new LintError('ERR_INVALID_ARG_VALUE', `${option} is ${JSON.stringify(value)}; accepted: ${VALUE_OPTIONS[option]}`);
}

/**
 * An option that takes a value followed by something that starts with `-`: `--max-warnings -1` is
 * a value that was meant, and `--format --help` a value that was forgotten; either way the value is
 * refused by name rather than read as a flag.
 */
function refuseDashValues(argv: readonly string[]): void {
  for (let i = 0; i < argv.length - 1; i++) {
    const arg = argv[i]!;
    if (arg === '--') return;
    const next = argv[i + 1]!;
    if (Object.hasOwn(VALUE_OPTIONS, arg) && next.startsWith('-') && next !== '-') refuse(arg, next);
  }
}

/**
 * Reads ei-lint's command line (`node:util` `parseArgs`, strict).
 *
 * @param argv - the arguments after the program's name
 * @returns the options, checked
 * @throws LintError `ERR_USAGE` for an unknown option or a missing value, `ERR_INVALID_ARG_VALUE`
 *   for a value that is not accepted, naming the option, the value and what is accepted
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  refuseDashValues(argv);
  // -V as well as -v, as failcmd and ei-ctl take it (their -v is taken); never after "--".
  const end = argv.indexOf('--');
  const args = argv.map((arg, i) => (arg === '-V' && (end < 0 || i < end) ? '--version' : arg));
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      tokens: true,
      options: {
        project: { type: 'string', short: 'p' },
        format: { type: 'string' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        'output-file': { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new LintError('ERR_USAGE', `${(error as Error).message} (see ei-lint --help)`, { cause: error });
  }
  const { values, positionals, tokens } = parsed;
  // The last of --color and --no-color counts.
  const colorToken = tokens.findLast((token) => token.kind === 'option' && (token.name === 'color' || token.name === 'no-color'));
  const project = values.project ?? 'tsconfig.json';
  if (project === '') refuse('--project', project);
  const format = values.format ?? 'stylish';
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) refuse('--format', format);
  const outputFile = values['output-file'];
  if (outputFile === '') refuse('--output-file', outputFile);
  const maxWarningsText = values['max-warnings'];
  let maxWarnings: number | undefined;
  if (maxWarningsText !== undefined) {
    maxWarnings = Number(maxWarningsText);
    if (!/^\d+$/.test(maxWarningsText) || !Number.isSafeInteger(maxWarnings)) refuse('--max-warnings', maxWarningsText);
  }
  return {
    project,
    format: format as FormatName,
    maxWarnings,
    quiet: values.quiet === true,
    outputFile,
    help: values.help === true,
    version: values.version === true,
    color: colorToken === undefined ? undefined : colorToken.kind === 'option' && colorToken.name === 'color',
    paths: positionals,
  };
}
