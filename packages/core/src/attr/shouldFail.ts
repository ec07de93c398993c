import { state } from '../state/sharedState';
import { currentTask } from '../task/currentTask';
import { setFailNth } from '../task/setFailNth';
import type { Task } from '../task/Task';
import type { FaultAttr, FaultAttrImpl } from './FaultAttr';
import type { FaultPoint } from './faultPoint';
import { roll } from './random';
import { captureLimit, type EntryPoint } from './captureCallerFrames';
import { stackFilterPasses } from './stackFilter';
import { reportFault } from '../verbose/reportFault';
import { pendingNotices } from '../report/pendingNotices';
import { settleFaultSites, siteHolder } from '../report/settleFaultSites';

/**
 * `should_fail_ex` of `lib/fault-inject.c` (mainline 6.2 and later): the order of checks, and what each
 * one consumes, are the kernel's exactly. Node.js code always runs in "process context", so fail-nth
 * and make-it-fail always apply.
 */

/** Suppresses the verbose record of a fault (the injection itself is unaffected). */
export const FAULT_NOWARN = 1;

/**
 * Why a call failed or did not. `'fail'` and `'fail-nth'` are the failures; every other value names
 * the check that stopped the call, in the kernel's order.
 */
export type FaultDecision =
  /** fail-nth counted down to this call. */
  | 'fail-nth'
  /** Every check passed. */
  | 'fail'
  /** The production switch (`ERRINJECT=off`) is on. */
  | 'off'
  /** The task's fail-nth countdown is running and this was not its call; nothing else was looked at. */
  | 'nth-countdown'
  /** probability is 0. */
  | 'probability-zero'
  /** task-filter is on and the task's make-it-fail is 0. */
  | 'task-filter'
  /** times is 0. */
  | 'times-exhausted'
  /** The stack filter turned the call down (fail-nth did not count it). */
  | 'stack-filter'
  /** space was larger than the call's size, and the size was taken from it. */
  | 'space'
  /** The interval count is not at a multiple of interval. */
  | 'interval'
  /** The roll was at or above probability. */
  | 'probability-roll';

// Outcome codes of the decision; the failures are the highest two.
const OFF = 0;
const NTH_COUNTDOWN = 1;
const PROBABILITY_ZERO = 2;
const TASK_FILTER = 3;
const TIMES_EXHAUSTED = 4;
const STACK_FILTER = 5;
const SPACE = 6;
const INTERVAL = 7;
const PROBABILITY_ROLL = 8;
const FAILED = 9;
const FAILED_NTH = 10;

const DECISIONS: readonly FaultDecision[] = [
  'off',
  'nth-countdown',
  'probability-zero',
  'task-filter',
  'times-exhausted',
  'stack-filter',
  'space',
  'interval',
  'probability-roll',
  'fail',
  'fail-nth',
];

function inject(attr: FaultAttrImpl, size: number, viaFailNth: boolean, task: Task, flags: number, entry: EntryPoint, fn: string | undefined): void {
  const timesBefore = attr.times;
  // "Decrement if not zero", and -1 means unlimited: other negative values keep going down. Done
  // before the report, so that a sink that calls shouldFail itself cannot get past times.
  if (timesBefore !== -1 && timesBefore !== 0) attr.times = (timesBefore - 1) | 0;
  reportFault(attr, { size, viaFailNth, taskId: task.id, warn: (flags & FAULT_NOWARN) === 0, timesBefore, entry, function: fn });
}

/**
 * The checks past the gate, in the kernel's order. Returns an outcome code.
 */
function decide(attr: FaultAttrImpl, size: number, flags: number, entry: EntryPoint, fn?: string): number {
  let task: Task | undefined;
  if (state.armedTasks !== 0) {
    task = currentTask();
    const nth = task.failNth;
    if (nth !== 0) {
      // A call the stack filter turns down does not count towards fail-nth.
      if (!stackFilterPasses(attr, entry)) return STACK_FILTER;
      setFailNth(task, nth - 1);
      if (nth !== 1) return NTH_COUNTDOWN;
      inject(attr, size, true, task, flags, entry, fn);
      return FAILED_NTH;
    }
  }
  if (attr.prob === 0) return PROBABILITY_ZERO;
  if (attr.taskFilter) {
    task ??= currentTask();
    if (task.makeItFail === 0) return TASK_FILTER;
  }
  if (attr.times === 0) return TIMES_EXHAUSTED;
  if (!stackFilterPasses(attr, entry)) return STACK_FILTER;
  // Space is used only while it is strictly larger than the call's size.
  if (attr.space > size) {
    attr.space = (attr.space - size) | 0;
    return SPACE;
  }
  // The count advances only while interval > 1, and before the roll.
  if (attr.intervalN > 1) {
    attr.count++;
    if (--attr.untilNext !== 0) return INTERVAL;
    attr.untilNext = attr.intervalN;
  }
  if (attr.prob < 100 && roll(attr) >= attr.prob) return PROBABILITY_ROLL;
  inject(attr, size, false, task ?? currentTask(), flags, entry, fn);
  return FAILED;
}

/**
 * {@link decide} at an entry point. A fault's notice may ask for the caller's call site (the fault
 * report file and sweeps do): it is taken here, once the decision is made, rather than where the
 * fault is reported, calls deeper, or in a helper: V8 walks and summarises every frame above the
 * caller's, and that is most of what naming a call site costs.
 */
function decideAt(attr: FaultAttrImpl, size: number, flags: number, entry: EntryPoint, fn?: string): number {
  const mark = pendingNotices.length;
  const outcome = decide(attr, size, flags, entry, fn);
  if (pendingNotices.length !== mark) {
    const holder = siteHolder(mark);
    if (holder !== undefined) {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = captureLimit(1, entry);
      Error.captureStackTrace(holder, entry);
      Error.stackTraceLimit = limit;
    }
    settleFaultSites(mark, holder);
  }
  return outcome;
}

/**
 * Decides whether this call of a capability fails: `should_fail(attr, size)`. With probability 0
 * and no task's fail-nth armed, the state of nearly every capability nearly all the time, this
 * reads one field and returns.
 *
 * @param attr - the capability
 * @param size - the call's size, for `space` (bytes, pages: whatever unit the capability counts)
 * @returns true when the caller must fail this call
 */
export function shouldFail(attr: FaultAttr, size = 1): boolean {
  return (attr as unknown as FaultAttrImpl).gate !== 0 && decideAt(attr as unknown as FaultAttrImpl, size, 0, shouldFail) >= FAILED;
}

/**
 * `should_fail_ex`: {@link shouldFail} with flags.
 *
 * @param attr - the capability
 * @param size - the call's size
 * @param flags - {@link FAULT_NOWARN} to fail without a verbose record
 * @returns true when the caller must fail this call
 */
export function shouldFailEx(attr: FaultAttr, size: number, flags: number): boolean {
  return (attr as unknown as FaultAttrImpl).gate !== 0 && decideAt(attr as unknown as FaultAttrImpl, size, flags, shouldFailEx) >= FAILED;
}

/**
 * {@link shouldFailEx} at a fault point: for a capability that intercepts functions the program calls
 * (see {@link FaultPoint}). The same decision, whose stack filter, verbose stack and fault report
 * look at the program's frames below the interceptor, and whose reports name the call by the point's
 * name.
 *
 * @param attr - the capability
 * @param point - where the call is, from `faultPoint`
 * @param size - the call's size, for `space` (bytes, for a capability of I/O)
 * @param flags - {@link FAULT_NOWARN} or 0
 * @returns true when the interceptor must fail this call
 */
export function shouldFailAt(attr: FaultAttr, point: FaultPoint, size = 1, flags = 0): boolean {
  return (attr as unknown as FaultAttrImpl).gate !== 0 && decideAt(attr as unknown as FaultAttrImpl, size, flags, point.entry, point.name) >= FAILED;
}

/**
 * Whether any call of a capability can fail now: its probability is not 0 or a task's fail-nth is
 * armed, and the production switch is off. When it says no, `shouldFail` would say no to every call
 * without counting it, so an interceptor may skip the work of preparing the call's decision (its
 * size, its own filters, the kernel's `cache-filter` and the like). One field's read.
 *
 * @param attr - the capability
 * @returns false when no call of it can fail
 */
export function faultArmed(attr: FaultAttr): boolean {
  return (attr as unknown as FaultAttrImpl).gate !== 0;
}

/**
 * {@link shouldFail} that also says why: the same decision with the same effects (it counts as a
 * call), reported as the check that settled it.
 *
 * @param attr - the capability
 * @param size - the call's size
 * @param flags - {@link FAULT_NOWARN} or 0
 * @returns `'fail'` or `'fail-nth'` when the call fails, otherwise the check that stopped it
 */
export function decideFault(attr: FaultAttr, size = 1, flags = 0): FaultDecision {
  const a = attr as unknown as FaultAttrImpl;
  const outcome = a.gate !== 0 ? decideAt(a, size, flags, decideFault) : state.off ? OFF : PROBABILITY_ZERO;
  return DECISIONS[outcome] as FaultDecision;
}

/**
 * Tells whether a decision is a failure.
 *
 * @param decision - what {@link decideFault} returned
 * @returns true for `'fail'` and `'fail-nth'`
 */
export function isFailure(decision: FaultDecision): boolean {
  return decision === 'fail' || decision === 'fail-nth';
}

/**
 * The decision for a call of an armed error-injectable function (`fei_kprobe_handler` in
 * `kernel/fail_function.c`): `should_fail` on the shared `fail_function` capability, size 1, with the
 * function named in the fault's report. Internal: the wrappers call it after reading the gate; like
 * the public entry points, it takes the caller's call site when a fault's notice asks for one.
 *
 * @param attr - the `fail_function` capability
 * @param entry - the wrapper the caller called, where the caller's stack starts
 * @param fn - the injectable's name
 * @returns true when the call must fail
 */
export function shouldFailInjectable(attr: FaultAttrImpl, entry: EntryPoint, fn: string): boolean {
  return decideAt(attr, 1, 0, entry, fn) >= FAILED;
}
