import { captureCallerFrames, type EntryPoint } from '../attr/captureCallerFrames';
import type { FaultAttrImpl } from '../attr/FaultAttr';
import { MAX_STACK_TRACE_DEPTH } from '../attr/stackFilter';
import { state } from '../state/sharedState';
import { type FaultEvent, faultChannel } from './faultChannel';
import { faultNoticeChannel } from '../report/faultNoticeChannel';
import { publishFaultNotice } from '../report/publishFaultNotice';
import type { VerboseRecord } from './VerboseRecord';

/**
 * What an injected fault reports (`fail_dump` in `lib/fault-inject.c`): with verbose 1 one record, with
 * verbose 2 the record and the caller's stack, both through the rate limiter of `lib/ratelimit.c`,
 * whose window here is in real milliseconds; and, whatever verbose says, a message on the
 * `errinject:fault` diagnostics channel.
 */

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
 * `___ratelimit`, with the window in milliseconds. Both knobs are read as the kernel's `int`s: a
 * window of 0 lets everything through, and so does a negative one (2^31 ms and more) while burst is
 * positive; a burst of 0 or less with a window holds everything back. Otherwise at most `burst`
 * records per window, and the first record after a window ends reports what it held back.
 */
function ratelimitAllows(attr: FaultAttrImpl): boolean {
  const window = attr.ratelimitIntervalMs | 0;
  const burst = attr.ratelimitBurst | 0;
  if (window <= 0 || burst <= 0) {
    const allowed = window === 0 || burst > 0;
    if (!allowed) attr.ratelimitMissed++;
    return allowed;
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

/** What a fault reports about the call that caused it. */
export interface FaultSite {
  /** The `size` the call passed. */
  readonly size: number;
  /** Whether fail-nth caused the fault. */
  readonly viaFailNth: boolean;
  /** The id of the calling task. */
  readonly taskId: number;
  /** False under FAULT_NOWARN: publish, but no record. */
  readonly warn: boolean;
  /** `times` before the fault's decrement (the decrement has already happened). */
  readonly timesBefore: number;
  /** The errinject function the caller called, where the caller's stack starts. */
  readonly entry: EntryPoint;
  /** For `fail_function`: the error-injectable function that failed; for a fault point, its name. */
  readonly function: string | undefined;
}

/**
 * Reports an injected fault. It runs after the fault's `times` decrement, so that a sink or a
 * subscriber that calls `shouldFail` itself sees the decremented value, but it reports `times` as
 * it was before, as the kernel prints it.
 *
 * @param attr - the capability
 * @param site - the call
 */
export function reportFault(attr: FaultAttrImpl, site: FaultSite): void {
  // For the fault report file and sweeps, which ask for the caller's call site (site.entry settles it).
  if (faultNoticeChannel.hasSubscribers) publishFaultNotice(attr.name, site.function, site.viaFailNth, site.taskId, site.entry);
  if (faultChannel.hasSubscribers) {
    const event: FaultEvent = {
      capability: attr.name,
      size: site.size,
      failNth: site.viaFailNth,
      taskId: site.taskId,
      interval: Number(attr.interval),
      probability: Number(attr.probability),
      space: attr.space,
      times: site.timesBefore,
      function: site.function,
    };
    faultChannel.publish(event);
  }
  if (!site.warn || attr.verboseLevel === 0 || !ratelimitAllows(attr)) return;
  let text =
    'FAULT_INJECTION: forcing a failure.\n' +
    `name ${attr.name}, interval ${attr.interval}, probability ${attr.probability}, space ${attr.space}, times ${site.timesBefore}\n`;
  let stack: string | undefined;
  if (attr.verboseLevel >= 2) {
    const frames = captureCallerFrames(MAX_STACK_TRACE_DEPTH, site.entry);
    stack = frames.map((frame) => `    at ${frame.text}`).join('\n');
    // A fault point whose caller's stack starts at the program's first frame has none when Node's
    // own code made the call (a stream's read): say so rather than print an empty trace.
    text += `Call Trace:\n${frames.length === 0 ? '    (no frame of the program: Node.js made the call on its own)' : stack}\n`;
  }
  emit({
    kind: 'fault',
    capability: attr.name,
    interval: Number(attr.interval),
    probability: Number(attr.probability),
    space: attr.space,
    times: site.timesBefore,
    stack,
    text,
  });
}
