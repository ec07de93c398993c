import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { state } from '../state/sharedState';
import type { FaultAttrImpl } from './FaultAttrImpl';
import { captureCallerFrames, MAX_STACK_TRACE_DEPTH } from './stackFilter';

/**
 * What an injected fault reports (`fail_dump` in `lib/fault-inject.c`): with verbose 1 one record per
 * fault, with verbose 2 the record and the caller's stack; both through the rate limiter of
 * `lib/ratelimit.c`, whose window here is in real milliseconds. Every fault is also published on the
 * `errinject:fault` diagnostics channel, whatever verbose says.
 */

/** A record of one injected fault. */
export interface FaultRecord {
  readonly kind: 'fault';
  /** The capability's name. */
  readonly capability: string;
  /**
   * The knobs at the moment of the fault; `times` before this fault's decrement. `interval` and
   * `probability` are numbers so that records serialise as JSON; above 2^53 they are rounded (the
   * `text` and the control tree stay exact).
   */
  readonly interval: number;
  readonly probability: number;
  readonly space: number;
  readonly times: number;
  /** The caller's stack (verbose 2), one frame a line, innermost first. */
  readonly stack: string | undefined;
  /** The record as the kernel prints it, ending with a newline. */
  readonly text: string;
}

/** The rate limiter's report of records it held back (`"fail_dump: N callbacks suppressed"`). */
export interface SuppressedRecord {
  readonly kind: 'suppressed';
  readonly capability: string;
  /** How many records were suppressed since the last report. */
  readonly missed: number;
  /** The report as the kernel prints it, ending with a newline. */
  readonly text: string;
}

/** What the verbose sink receives. */
export type VerboseRecord = FaultRecord | SuppressedRecord;

/** Where verbose records go. The default writes `record.text` to stderr. */
export type VerboseSink = (record: VerboseRecord) => void;

/** The diagnostics channel every injected fault is published on. */
export const FAULT_CHANNEL = 'errinject:fault';

/** The message published on {@link FAULT_CHANNEL}. */
export interface FaultEvent {
  /** The capability's name. */
  readonly capability: string;
  /** The `size` the call passed. */
  readonly size: number;
  /** True when the fault came from the task's fail-nth countdown. */
  readonly failNth: boolean;
  /** The id of the task the call ran in (0 for the root task). */
  readonly taskId: number;
  /** The knobs at the moment of the fault, as in {@link FaultRecord}. */
  readonly interval: number;
  readonly probability: number;
  readonly space: number;
  readonly times: number;
}

const faultChannel = diagnosticsChannel.channel(FAULT_CHANNEL);

/**
 * Replaces the verbose sink, for example with the application's logger.
 *
 * @param sink - the new sink, or `undefined` for stderr
 * @returns the sink it replaces (`undefined` for stderr), to put back later
 */
export function setVerboseSink(sink: VerboseSink | undefined): VerboseSink | undefined {
  const previous = state.sink;
  state.sink = sink;
  return previous;
}

function emit(record: VerboseRecord): void {
  const sink = state.sink;
  if (sink === undefined) {
    process.stderr.write(record.text);
    return;
  }
  try {
    sink(record);
  } catch (error) {
    // A logger that throws must not turn an injected fault into a crash at the call site.
    process.stderr.write(`errinject: the verbose sink threw (${String(error)}); the record was:\n${record.text}`);
  }
}

/**
 * `___ratelimit` with a millisecond window. Window 0: everything passes. Burst <= 0 (read as a signed
 * int): nothing passes. Otherwise at most `burst` records per window; the first record after a
 * window ends starts the next one and reports what the last one held back.
 */
function ratelimitAllows(attr: FaultAttrImpl): boolean {
  const window = attr.ratelimitIntervalMs;
  if (window === 0) return true;
  const burst = attr.ratelimitBurst | 0;
  if (burst <= 0) {
    attr.ratelimitMissed++;
    return false;
  }
  const now = performance.now();
  if (attr.ratelimitBegin < 0) attr.ratelimitBegin = now;
  if (now > attr.ratelimitBegin + window) {
    if (attr.ratelimitMissed > 0) {
      const missed = attr.ratelimitMissed;
      attr.ratelimitMissed = 0;
      emit({ kind: 'suppressed', capability: attr.name, missed, text: `fail_dump: ${missed} callbacks suppressed\n` });
    }
    attr.ratelimitBegin = now;
    attr.ratelimitPrinted = 0;
  }
  if (burst > attr.ratelimitPrinted) {
    attr.ratelimitPrinted++;
    return true;
  }
  attr.ratelimitMissed++;
  return false;
}

/**
 * Reports an injected fault: the diagnostics channel always, the verbose sink when verbose > 0, the
 * rate limiter allows it, and the caller did not ask for FAULT_NOWARN.
 *
 * @param attr - the capability, before its `times` is decremented
 * @param size - the call's size
 * @param viaFailNth - whether fail-nth caused the fault
 * @param taskId - the id of the calling task
 * @param warn - false under FAULT_NOWARN
 */
export function reportFault(attr: FaultAttrImpl, size: number, viaFailNth: boolean, taskId: number, warn: boolean): void {
  if (faultChannel.hasSubscribers) {
    const event: FaultEvent = {
      capability: attr.name,
      size,
      failNth: viaFailNth,
      taskId,
      interval: Number(attr.interval),
      probability: Number(attr.probability),
      space: attr.space,
      times: attr.times,
    };
    faultChannel.publish(event);
  }
  if (!warn || attr.verboseLevel === 0 || !ratelimitAllows(attr)) return;
  let text =
    'FAULT_INJECTION: forcing a failure.\n' +
    `name ${attr.name}, interval ${attr.interval}, probability ${attr.probability}, space ${attr.space}, times ${attr.times}\n`;
  let stack: string | undefined;
  if (attr.verboseLevel >= 2) {
    stack = captureCallerFrames(MAX_STACK_TRACE_DEPTH)
      .map((frame) => `    at ${frame.text}`)
      .join('\n');
    text += `Call Trace:\n${stack}\n`;
  }
  emit({
    kind: 'fault',
    capability: attr.name,
    interval: Number(attr.interval),
    probability: Number(attr.probability),
    space: attr.space,
    times: attr.times,
    stack,
    text,
  });
}
