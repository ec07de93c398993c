/**
 * A sweep's report: plain data, the same for the table and for `--json`. The records come from the
 * core's fault report channel (`ERRINJECT_REPORT`), one JSON object per line.
 */

/** An injected fault, as the command's core reported it. */
export interface FaultRecord {
  readonly event: 'fault';
  /** The process that injected it. */
  readonly pid: number;
  /** The capability that failed (`fail_function` for an error-injectable function). */
  readonly capability: string;
  /** The function that failed, for fail_function; `null` for other capabilities. */
  readonly function: string | null;
  /** The caller's call site, `file:line:column`, or `null` when the core found none. */
  readonly site: string | null;
}

/** An uncaught exception or unhandled rejection, as the command's core reported it. */
export interface CrashRecord {
  readonly event: 'crash';
  readonly pid: number;
  readonly origin: 'uncaughtException' | 'unhandledRejection';
  readonly message: string;
  readonly stack: string;
}

/**
 * What `--check COMMAND` said of the state a run left: the check is a shell command run after the
 * run, in the same directory and the user's environment without failcmd's variables (no faults).
 */
export interface CheckResult {
  /** The check's exit code, or `null` when a signal ended it. */
  readonly exitCode: number | null;
  /** The signal that ended the check, or `null`. */
  readonly signal: NodeJS.Signals | null;
  /** True when the check was still going after `--timeout` and was killed (`signal` is then `SIGKILL`). */
  readonly timedOut: boolean;
  /** True when the check exited 0: the run left a good state. Anything else is a bad state. */
  readonly ok: boolean;
  /** The end of the check's stdout and stderr, in the order they came. */
  readonly output: string;
  /** How long the check took, in milliseconds. */
  readonly durationMs: number;
}

/** One run of the command. */
export interface CommandSweepRun {
  /** The run's fail-nth: 1, 2, 3... */
  readonly n: number;
  /** Whether a fault was injected. */
  readonly injected: boolean;
  /** The function that failed (the first fault's), or `null`. */
  readonly function: string | null;
  /** The capability that failed (the first fault's), or `null`. */
  readonly capability: string | null;
  /** The call site of the first fault, or `null`. */
  readonly site: string | null;
  /** Every fault of the run, in the order the processes wrote them. */
  readonly faults: readonly FaultRecord[];
  /** The exit code, or `null` when a signal ended the command. */
  readonly exitCode: number | null;
  /** The signal that ended the command, or `null`. */
  readonly signal: NodeJS.Signals | null;
  /**
   * True when a process of the run crashed: an uncaught exception, an unhandled rejection, or a signal
   * (other than the SIGKILL of a timeout).
   */
  readonly crashed: boolean;
  /** True when the run was still going after `--timeout` and was killed (`signal` is then `SIGKILL`). */
  readonly timedOut: boolean;
  /** The crash records of the run. */
  readonly crashes: readonly CrashRecord[];
  /** Whether a process of the run loaded `@errinject/core` (it reported anything: see the core's `loaded` record). */
  readonly loaded: boolean;
  /** How long the run took, in milliseconds. */
  readonly durationMs: number;
  /** The end of the command's stderr (its stdout is not kept). */
  readonly stderr: string;
  /** What `--check` said of the state the run left; `null` without `--check`. */
  readonly check: CheckResult | null;
  /** True when the run left a bad state: `--check` was given and did not exit 0. */
  readonly badState: boolean;
  /**
   * The functions the run's processes marked error-injectable, in the order first seen: what
   * {@link CommandSweepReport.functions} is made of, kept per run so that a merge of shards can make it again.
   */
  readonly marked: readonly string[];
}

/** A shard of a sweep (`--shard i/N`): it makes the runs whose n ≡ index (mod count). */
export interface SweepShard {
  /** i: 1 to count. */
  readonly index: number;
  /** N: how many shards the sweep is split into. */
  readonly count: number;
}

/**
 * What shapes a sweep's runs beside its command, capabilities and check: the shards of one sweep must
 * agree on all of it to be merged. How many runs go at once (`-j`) is left out: it changes only how
 * long the sweep takes.
 */
export interface SweepSettings {
  /** The `ERRINJECT` entries every run shares (the knobs). */
  readonly entries: readonly string[];
  /** The functions named with `--inject`, with their retvals; empty for every function. */
  readonly inject: readonly { readonly name: string; readonly retval: string | null }[];
  /** The user's own `ERRINJECT`, which comes first in every run's; `null` for none. */
  readonly userEntries: string | null;
  /** `--seed`, or `null`. */
  readonly seed: string | null;
  /** `--control`. */
  readonly control: boolean;
  /** `--max`: the highest n the sweep makes (the same bound in every shard), or `null`. */
  readonly max: number | null;
  /** `--timeout`, in milliseconds, or `null`. */
  readonly timeoutMs: number | null;
}

/** A whole sweep. */
export interface CommandSweepReport {
  /** The command and its arguments. */
  readonly command: readonly string[];
  /** The capabilities of the sweep (`--type`, FAILCMD_TYPE), in the order given. */
  readonly capabilities: readonly string[];
  /**
   * The functions armed: those named with `--inject`, in that order; otherwise (or with `--inject '*'`) every function the
   * command's processes marked error-injectable in any run (each process lists them in the report file as it marks them), in
   * the order first seen.
   */
  readonly functions: readonly string[];
  /** The runs, by n. */
  readonly runs: readonly CommandSweepRun[];
  /** How many runs injected a fault. */
  readonly faultPoints: number;
  /** How many runs crashed. */
  readonly crashed: number;
  /** How many runs timed out. */
  readonly timedOut: number;
  /** The `--check` command that judged the state each run left, or `null`. */
  readonly check: string | null;
  /** How many runs left a bad state (their `--check` did not exit 0); 0 without `--check`. */
  readonly badState: number;
  /**
   * True when the last run injected no fault and did not time out: every fault point was reached.
   * False when `--max` stopped the sweep, or when its last run timed out before any fault (more fault
   * points may follow the hang), or when a merge misses shards. For a shard, of its own runs.
   */
  readonly complete: boolean;
  /**
   * Why a complete sweep found no fault point (the command never loaded the core, marked no function,
   * none of those named, or called none of the armed ones), in words; `null` when it found some, or
   * is not complete.
   */
  readonly noFaultReason: string | null;
  /** What shaped the runs, for a merge of shards to compare. */
  readonly settings: SweepSettings;
  /** The shard this report is of (`--shard i/N`), or `null` for a whole sweep (a merge of shards included). */
  readonly shard: SweepShard | null;
  /**
   * The shards a merge was not given (`failcmd --merge`), by index: their runs are missing, and the
   * sweep is not complete. Empty for a sweep or a shard.
   */
  readonly missingShards: readonly SweepShard[];
}
