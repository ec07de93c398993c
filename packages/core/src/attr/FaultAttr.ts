declare const faultAttrBrand: unique symbol;

/**
 * A fault-injection capability: the kernel's `struct fault_attr`. Made by `declareFaultAttr`, passed
 * to `shouldFail`, configured through its debugfs directory `<name>/`.
 */
export interface FaultAttr {
  /** The capability's name, which is also its debugfs directory. */
  readonly name: string;
  /** @internal Only `declareFaultAttr` makes these. */
  readonly [faultAttrBrand]: true;
}

/**
 * The fields of a capability. Plain properties, not `#private` ones, so that every copy of the core in
 * the process can read an attr another copy made. Numbers the hot path reads are kept as small
 * numbers; the u64 knobs keep their exact value as a bigint beside them for read-back.
 */
export interface FaultAttrImpl {
  readonly name: string;
  /**
   * The one field a call reads when nothing can fail it: 0 while probability is 0 and no task has an
   * armed fail-nth (or the production switch is on); 1 otherwise.
   */
  gate: number;

  /** `probability`, exact. */
  probability: bigint;
  /** `probability` capped at 100, for the roll. */
  prob: number;

  /** `interval`, exact. */
  interval: bigint;
  /** `interval` as a number (above 2^53 it is never reached anyway). */
  intervalN: number;
  /** The kernel's `count`: calls that reached the interval step while interval > 1. Never reset. */
  count: number;
  /** Calls left until `count` is a multiple of `interval` (a countdown is cheaper than `%`). */
  untilNext: number;

  /** `times`, signed 32-bit. */
  times: number;
  /** `space`, signed 32-bit. */
  space: number;

  /** `verbose`, exact. */
  verbose: bigint;
  /** `verbose` capped at 2. */
  verboseLevel: number;
  /** `verbose_ratelimit_interval_ms`, unsigned 32-bit, in milliseconds. */
  ratelimitIntervalMs: number;
  /** `verbose_ratelimit_burst` as stored (unsigned 32-bit); the limiter reads it as a signed int. */
  ratelimitBurst: number;
  /** The limiter's window start (ms, `performance.now()`), or -1 before the first record. */
  ratelimitBegin: number;
  /** Records printed in the current window. */
  ratelimitPrinted: number;
  /** Records suppressed since the last report. */
  ratelimitMissed: number;

  /** `task-filter`. */
  taskFilter: boolean;

  /** `stacktrace-depth`, at most 32. */
  stacktraceDepth: number;
  /** `require-stack` patterns as written. */
  requireStack: readonly string[];
  /** `reject-stack` patterns as written. */
  rejectStack: readonly string[];
  /** The compiled `require-stack` patterns. */
  requireMatchers: readonly StackMatcher[];
  /** The compiled `reject-stack` patterns. */
  rejectMatchers: readonly StackMatcher[];

  /** `seed`: the seed the roll's generator was last started from. */
  seed: number;
  /** The generator's state (xorshift32, never 0). */
  rng: number;
}

/**
 * One compiled stack pattern. Kept in this shape (two objects with a `test` method) so that every
 * copy of the core in the process can use a list another copy compiled; the core itself decides a
 * whole list at once (`StackPatternList`, made from the `pattern`s).
 */
export interface StackMatcher {
  /** The pattern as written. */
  readonly pattern: string;
  /** Matches a whole function name. */
  readonly name: StackTest;
  /** Matches a file path, or its end after a `/`. */
  readonly file: StackTest;
}

/** Tells whether a text matches; a RegExp is one, as an older core compiled them. */
export interface StackTest {
  test(text: string): boolean;
}
