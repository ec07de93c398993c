import { parseArgs } from 'node:util';
import { CliError } from '../errors/CliError';
import { loadCore } from '../core/loadCore';
import type { SweepShard } from '../sweep/CommandSweepReport';
import type { FailcmdArgs, InjectSpec } from './FailcmdOptions';

interface OptionSpec {
  readonly short?: string;
  readonly takesValue: boolean;
}

/**
 * failcmd's options: the kernel's `failcmd.sh` ones that apply (`tools/testing/fault-injection/failcmd.sh`;
 * the address ranges become stack patterns), then errinject's own.
 */
export const FAILCMD_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  probability: { short: 'p', takesValue: true },
  interval: { short: 'i', takesValue: true },
  times: { short: 't', takesValue: true },
  space: { short: 's', takesValue: true },
  verbose: { short: 'v', takesValue: true },
  'task-filter': { takesValue: true },
  'stacktrace-depth': { takesValue: true },
  'require-stack': { takesValue: true },
  'reject-stack': { takesValue: true },
  type: { takesValue: true },
  inject: { takesValue: true },
  nth: { takesValue: true },
  seed: { takesValue: true },
  control: { takesValue: false },
  check: { takesValue: true },
  sweep: { takesValue: false },
  json: { takesValue: false },
  jobs: { short: 'j', takesValue: true },
  max: { takesValue: true },
  shard: { takesValue: true },
  merge: { takesValue: false },
  timeout: { takesValue: true },
  color: { takesValue: false },
  'no-color': { takesValue: false },
  help: { short: 'h', takesValue: false },
  version: { short: 'V', takesValue: false },
};

const SHORT = new Map(Object.entries(FAILCMD_OPTIONS).flatMap(([name, spec]) => (spec.short === undefined ? [] : [[spec.short, name] as const])));

function describe(name: string): string {
  const short = FAILCMD_OPTIONS[name]?.short;
  return short === undefined ? `--${name}` : `-${short}/--${name}`;
}

function usageError(message: string): CliError {
  return new CliError('ERR_USAGE', `${message}; failcmd --help lists the options`);
}

/** Takes an option's value: inline, or the next argument whatever it starts with (`-t -1`). */
function takeValue(name: string, inline: string | undefined, argv: readonly string[], i: number): [string, number] {
  if (inline !== undefined) return [inline, i];
  const next = argv[i + 1];
  if (next === undefined) throw usageError(`option ${describe(name)} needs a value`);
  if (next === '--') throw usageError(`option ${describe(name)} needs a value, and got "--", the end of the options`);
  return [next, i + 1];
}

/**
 * Splits failcmd's arguments into its options and the command, as GNU getopt would with `+` (options
 * stop at the first operand, so the command's own options are its own), with one difference kept on
 * purpose: an option that takes a value takes the next argument even when it begins with `-`
 * (`-t -1`, `--times -1`). Every option becomes `--name=value`.
 */
function normalize(argv: readonly string[]): { options: string[]; command: string[] } {
  const options: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') return { options, command: argv.slice(i + 1) };
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      const spec = FAILCMD_OPTIONS[name];
      if (spec === undefined) throw usageError(`unknown option ${JSON.stringify(`--${name}`)}`);
      if (!spec.takesValue) {
        if (inline !== undefined) throw usageError(`option --${name} takes no value, got ${JSON.stringify(arg)}`);
        options.push(`--${name}`);
        continue;
      }
      const [value, at] = takeValue(name, inline, argv, i);
      options.push(`--${name}=${value}`);
      i = at;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A cluster of short options: flags, then at most one that takes a value (the rest of the
      // argument, or the next argument).
      for (let j = 1; j < arg.length; j++) {
        const name = SHORT.get(arg[j] as string);
        if (name === undefined) throw usageError(`unknown option ${JSON.stringify(`-${arg[j]}`)}${j > 1 ? ` in ${JSON.stringify(arg)}` : ''}`);
        if (!(FAILCMD_OPTIONS[name] as OptionSpec).takesValue) {
          options.push(`--${name}`);
          continue;
        }
        const rest = arg.slice(j + 1);
        const [value, at] = takeValue(name, rest === '' ? undefined : rest, argv, i);
        options.push(`--${name}=${value}`);
        i = at;
        break;
      }
      continue;
    }
    return { options, command: argv.slice(i) };
  }
  return { options, command: [] };
}

const POSITIVE = /^[1-9][0-9]*$/;

function positive(name: string, value: string | undefined, limit: number, what: string): number | undefined {
  if (value === undefined) return undefined;
  const n = POSITIVE.test(value) ? Number(value) : NaN;
  if (!(n <= limit)) {
    throw new CliError('ERR_INVALID_ARG_VALUE', `${describe(name)} ${JSON.stringify(value)} is not accepted: expected ${what}, a decimal integer from 1 to ${limit}`);
  }
  return n;
}

/** The most shards a sweep is split into (the core's `MAX_SHARD_COUNT`). */
export const MAX_SHARDS = 0xffffffff;

/** `--shard i/N`: decimal integers, 1 <= i <= N <= {@link MAX_SHARDS}, read by the core's `parseShard`. */
function shard(value: string | undefined): SweepShard | undefined {
  if (value === undefined) return undefined;
  const parsed = loadCore().parseShard(value);
  if (parsed === undefined) {
    throw new CliError(
      'ERR_INVALID_ARG_VALUE',
      `--shard ${JSON.stringify(value)} is not accepted: expected i/N, this shard's number i and the number of shards N, ` +
        `decimal integers with 1 <= i <= N <= ${MAX_SHARDS} (1/3, 2/3, 3/3)`,
    );
  }
  return parsed;
}

/** The options `--merge` takes: it makes no run, so the options that shape runs have nothing to act on. */
const MERGE_OPTIONS: ReadonlySet<string> = new Set(['merge', 'json', 'color', 'no-color', 'help', 'version']);

/** The longest timer Node.js keeps (2^31 - 1 ms), in whole seconds. */
const MAX_TIMEOUT_SECONDS = 2147483;
const SECONDS = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** A duration in seconds (`5`, `0.5`), as milliseconds; more than 0, at most {@link MAX_TIMEOUT_SECONDS}. */
function seconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = SECONDS.test(value) ? Number(value) : NaN;
  if (!(s > 0 && s <= MAX_TIMEOUT_SECONDS)) {
    throw new CliError(
      'ERR_INVALID_ARG_VALUE',
      `${describe(name)} ${JSON.stringify(value)} is not accepted: expected the seconds a run may take, a decimal number more than 0 and at most ${MAX_TIMEOUT_SECONDS} (5, 0.5)`,
    );
  }
  return Math.max(1, Math.round(s * 1000));
}

function parseInject(value: string): InjectSpec {
  const eq = value.indexOf('=');
  return eq < 0 ? { name: value, retval: undefined } : { name: value.slice(0, eq), retval: value.slice(eq + 1) };
}

/** What separates the capabilities of `FAILCMD_TYPE`. */
const TYPE_SEPARATORS = /[\s,]+/;

/**
 * The capabilities: the `--type` flags when any is given (they override `FAILCMD_TYPE` entirely), else
 * `FAILCMD_TYPE` split at commas and spaces, else `fail_function`. A capability named twice is
 * refused: its entries would be written twice.
 */
function parseCapabilities(flags: readonly string[] | undefined, env: NodeJS.ProcessEnv): { capabilities: string[]; from: '--type' | 'FAILCMD_TYPE' } {
  let capabilities: string[];
  const from = flags === undefined ? 'FAILCMD_TYPE' : '--type';
  if (flags !== undefined) {
    for (const flag of flags) {
      if (flag === '') throw new CliError('ERR_INVALID_ARG_VALUE', '--type "" is not accepted: expected a capability name (fail_function, fail_fs...)');
    }
    capabilities = [...flags];
  } else {
    capabilities = (env['FAILCMD_TYPE'] ?? '').split(TYPE_SEPARATORS).filter((name) => name !== '');
    if (capabilities.length === 0) capabilities = ['fail_function'];
  }
  const seen = new Set<string>();
  for (const name of capabilities) {
    if (seen.has(name)) {
      throw usageError(from === '--type' ? `--type ${name} is given twice; name each capability once` : `FAILCMD_TYPE names ${name} twice; name each capability once`);
    }
    seen.add(name);
  }
  return { capabilities, from };
}

/** The most runs of a sweep at once. */
export const MAX_JOBS = 256;

/**
 * Parses failcmd's command line: `failcmd [options] [--] command [args...]`. Only the shape of the
 * options is checked here; their values are checked by {@link checkFailcmdOptions} with the core's own
 * parsers.
 *
 * @param argv - the arguments after `failcmd`
 * @param env - the environment, for `FAILCMD_TYPE` (default `fail_function`), which `--type` overrides
 * @returns the options and the command
 * @throws CliError `ERR_USAGE` for an unknown option, a missing value or options that do not go
 *   together (`--check` with `-j` over 1, `--shard` without `--sweep`, `--merge` with an option that
 *   shapes runs among them); `ERR_INVALID_ARG_VALUE` for a bad `-j`, `--max`, `--shard` or `--timeout`, an empty `--check` or `--type`; `ERR_USAGE` for a capability named twice
 */
export function parseFailcmdArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): FailcmdArgs {
  const { options, command } = normalize(argv);
  // The last of --color and --no-color counts.
  const colorFlag = options.findLast((option) => option === '--color' || option === '--no-color');
  // Every option may repeat: the last value counts, as with getopt, and --inject collects them all.
  const parseOptions = Object.fromEntries(
    Object.entries(FAILCMD_OPTIONS).map(([name, spec]) => [name, { type: spec.takesValue ? ('string' as const) : ('boolean' as const), multiple: true }]),
  );
  const { values } = parseArgs({ args: options, options: parseOptions, strict: true, allowPositionals: false });
  const one = (name: string): string | undefined => {
    const value = values[name] as string[] | undefined;
    return value === undefined ? undefined : value[value.length - 1];
  };
  const flag = (name: string): boolean => (values[name] as boolean[] | undefined)?.some((v) => v) === true;
  const sweep = flag('sweep');
  const merge = flag('merge');
  if (merge) {
    for (const name of Object.keys(values)) {
      if (!MERGE_OPTIONS.has(name)) {
        throw usageError(`options ${describe(name)} and --merge do not go together: --merge makes no run, it merges the reports of shards made with their own options`);
      }
    }
  } else if (!sweep) {
    for (const name of ['json', 'jobs', 'max', 'timeout', 'shard']) {
      if (values[name] !== undefined) throw usageError(`option ${describe(name)} is for sweeps only; add --sweep`);
    }
  } else if (values['nth'] !== undefined) {
    throw usageError('options --nth and --sweep do not go together: a sweep sets fail-nth itself, to 1, 2, 3...');
  }
  const jobs = positive('jobs', one('jobs'), MAX_JOBS, 'the number of runs at once') ?? 1;
  const check = one('check');
  if (check !== undefined && check.trim() === '') {
    throw new CliError('ERR_INVALID_ARG_VALUE', `--check ${JSON.stringify(check)} is not accepted: expected a shell command that exits 0 when the state the command left is good`);
  }
  if (check !== undefined && jobs > 1) {
    // Refused rather than made one at a time behind the user's back: runs at once share the files
    // of the working directory, so a check could judge the state another run is writing, and -j
    // would promise a speed the sweep cannot have.
    throw usageError(
      `options --check and -j/--jobs ${jobs} do not go together: runs at once would share the state files of the working directory, ` +
        'so a check could judge another run\'s state; a sweep with --check makes its runs one at a time',
    );
  }
  const { capabilities, from } = parseCapabilities(values['type'] as string[] | undefined, env);
  return {
    options: {
      capabilities,
      capabilitiesFrom: from,
      probability: one('probability'),
      interval: one('interval'),
      times: one('times'),
      space: one('space'),
      verbose: one('verbose'),
      taskFilter: one('task-filter'),
      stacktraceDepth: one('stacktrace-depth'),
      requireStack: one('require-stack'),
      rejectStack: one('reject-stack'),
      inject: ((values['inject'] as string[] | undefined) ?? []).map(parseInject),
      nth: one('nth'),
      seed: one('seed'),
      control: flag('control'),
      check,
      sweep,
      json: flag('json'),
      jobs,
      max: positive('max', one('max'), 0xffffffff, 'the highest n, the most runs'),
      shard: shard(one('shard')),
      merge,
      timeoutMs: seconds('timeout', one('timeout')),
      color: colorFlag === undefined ? undefined : colorFlag === '--color',
      help: flag('help'),
      version: flag('version'),
    },
    command,
  };
}
