import type { SweepShard } from '../sweep/CommandSweepReport';

/** A function named with `--inject NAME[=RETVAL]`. */
export interface InjectSpec {
  /** The injectable's name, as `fail_function/injectable` lists it. */
  readonly name: string;
  /** The value it returns when it fails (`-12`, `-ENOMEM`, `0xfffffffffffffff4`), or the type's default. */
  readonly retval: string | undefined;
}

/**
 * What failcmd was asked to do. Knob values stay the text the user wrote: the command's core parses
 * them again with the same rules, so what was checked is what applies.
 */
export interface FailcmdOptions {
  /**
   * The capabilities whose knobs the options set, each once, in the order given: the `--type CAP`
   * flags, or else `FAILCMD_TYPE` (names separated by commas or spaces), or else `fail_function`.
   */
  readonly capabilities: readonly string[];
  /** Where {@link FailcmdOptions.capabilities} came from, for messages: `--type` flags, or `FAILCMD_TYPE` (its default too). */
  readonly capabilitiesFrom: '--type' | 'FAILCMD_TYPE';
  /** `-p/--probability`; `undefined` when not given (1 for a plain run, 0 for a sweep). */
  readonly probability: string | undefined;
  /** `-i/--interval`, written only when given. */
  readonly interval: string | undefined;
  /** `-t/--times`; `undefined` when not given (1 for a plain run, left alone by a sweep). */
  readonly times: string | undefined;
  /** `-s/--space`, written only when given. */
  readonly space: string | undefined;
  /** `-v/--verbose`, written only when given (a sweep writes 0 otherwise). */
  readonly verbose: string | undefined;
  /** `--task-filter`; `undefined` when not given (Y for a plain run, left alone by a sweep). */
  readonly taskFilter: string | undefined;
  /** `--stacktrace-depth`, written only when given. */
  readonly stacktraceDepth: string | undefined;
  /** `--require-stack`, written only when given. */
  readonly requireStack: string | undefined;
  /** `--reject-stack`, written only when given. */
  readonly rejectStack: string | undefined;
  /** `--inject NAME[=RETVAL]`, in the order given. */
  readonly inject: readonly InjectSpec[];
  /** `--nth N`: the root task's `self/fail-nth` in every process of the tree. */
  readonly nth: string | undefined;
  /** `--seed N`: `ERRINJECT_SEED`. */
  readonly seed: string | undefined;
  /** `--control`: `ERRINJECT_CONTROL=1`, so that ei-ctl can reach the processes. */
  readonly control: boolean;
  /**
   * `--check COMMAND`: a shell command run after the command (after each run of a sweep), whose exit
   * status judges the state it left: 0 good, anything else bad.
   */
  readonly check: string | undefined;
  /** `--sweep`: one run per fault point. */
  readonly sweep: boolean;
  /** `--json`: the sweep's report as JSON. */
  readonly json: boolean;
  /** `-j/--jobs N`: runs of a sweep at once. */
  readonly jobs: number;
  /** `--max N`: the highest n a sweep makes (of a whole sweep, the most runs); `undefined` for no bound. */
  readonly max: number | undefined;
  /** `--shard i/N`: only the runs of a sweep whose n ≡ i (mod N); `undefined` for every run. */
  readonly shard: SweepShard | undefined;
  /** `--merge`: the operands are the JSON reports of a sharded sweep's shards, to merge; there is no command. */
  readonly merge: boolean;
  /** `--timeout SECONDS`, in milliseconds: a run of a sweep still going then is killed; `undefined` for none. */
  readonly timeoutMs: number | undefined;
  /** `--color` (true) or `--no-color` (false), the last one given; `undefined` for neither (the environment decides). */
  readonly color: boolean | undefined;
  /** `-h/--help`. */
  readonly help: boolean;
  /** `-V/--version`. */
  readonly version: boolean;
}

/** The command line of failcmd, split. */
export interface FailcmdArgs {
  readonly options: FailcmdOptions;
  /** The command and its arguments; empty when none was given. With `--merge`, the report files. */
  readonly command: readonly string[];
}
