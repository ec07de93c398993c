import type { FaultAttrImpl } from '../attr/FaultAttr';
import { setInterval, setProbability, setSpace, setTimes, setVerbose } from '../attr/knobSetters';
import { writeFile } from '../control/tree';
import { armIfArmingAll } from '../inject/armIfArmingAll';
import { armInjectable, disarmEach, disarmInjectable } from '../inject/armInjectable';
import type { Injectable } from '../inject/Injectable';
import { defaultRetval } from '../inject/retvalFile';
import { state } from '../state/sharedState';
import type { SweepMode } from './SweepReport';

/**
 * A sweep takes `fail_function` over while it runs, as failcmd.sh takes its capability over: the
 * armed set becomes the sweep's, and the knobs are set so that only the run's task can fail. Every
 * change is undone afterwards, whatever happened: the armed set (in its order, with its retvals)
 * and the knobs read back what they read before.
 */

/** The knobs a sweep sets, and puts back, as the capability holds them. */
interface Knobs {
  readonly probability: bigint;
  readonly interval: bigint;
  readonly times: number;
  readonly space: number;
  readonly verbose: bigint;
  readonly taskFilter: boolean;
}

/** Undoes a takeover. */
export type Restore = () => void;

/**
 * Sets the knobs through the setters their files write with (a sweep is cheap enough to run for
 * every test case, and formatting and parsing each knob for each sweep is not), past the production
 * switch's check: the sweep refused to start under it, and its restore must not fail should the
 * switch be thrown meanwhile. Probability goes last, so that the gate opens (or closes) on settings
 * that are complete.
 */
function setKnobs(attr: FaultAttrImpl, knobs: Knobs): void {
  attr.taskFilter = knobs.taskFilter;
  setInterval(attr, knobs.interval);
  setSpace(attr, knobs.space);
  setTimes(attr, knobs.times);
  setVerbose(attr, knobs.verbose);
  setProbability(attr, knobs.probability);
}

/**
 * The knobs of a mode, from the ones found. `'once'`: probability 0, so that nothing fails but the
 * task's fail-nth (which ignores probability, task-filter, interval and space, and never blocks on
 * times; times -1 keeps it from counting down). `'persist'`: probability 100 with task-filter Y,
 * interval 1 and space 0, so that a call fails exactly when its task's make-it-fail is 1, which the
 * sweep sets on the run's task when its n-th call fails; the other tasks keep theirs, 0 unless set.
 * Verbose 0 in both: a sweep's faults are its report.
 */
function knobsOf(mode: SweepMode, found: Knobs): Knobs {
  return mode === 'once'
    ? { ...found, probability: 0n, times: -1, verbose: 0n }
    : { probability: 100n, interval: 1n, times: -1, space: 0, verbose: 0n, taskFilter: true };
}

/**
 * Puts back the armed set a sweep found, in its order and with its retvals.
 *
 * @returns the first error of disarming a function the sweep armed or of arming one again (a method
 * whose class was frozen meanwhile); everything else is put back all the same
 */
function restoreArmed(armed: ReadonlyArray<{ readonly entry: Injectable; readonly retval: number }>): unknown {
  const keep = new Set(armed.map(({ entry }) => entry));
  let failure: unknown = disarmEach(keep.size === 0 ? [...state.armed] : state.armed.filter((entry) => !keep.has(entry)))[0]?.error;
  if (armed.length === 0) return failure;
  for (const { entry, retval } of armed) {
    try {
      if (entry.armed === 0) armInjectable(entry);
      entry.retval = retval;
    } catch (error) {
      failure ??= error;
    }
  }
  // Back in the order inject listed them; one that could not be disarmed stays last.
  const order = new Map(armed.map(({ entry }, index) => [entry, index]));
  state.armed.sort((a, b) => (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER));
  return failure;
}

/**
 * Takes `fail_function` over.
 *
 * @param inject - the functions to arm; every other one is disarmed meanwhile
 * @param retval - retval writes for some of them, applied after arming
 * @param mode - which knobs to set
 * @param everyFunction - also arm the functions marked while the sweep runs (`fail_function/inject=*`
 * for the sweep; whatever `*` was before comes back with the rest)
 * @returns what undoes it all
 * @throws ErrInjectError when a function cannot be armed or a retval is refused (nothing is left changed)
 */
export function takeOverFailFunction(
  inject: readonly Injectable[],
  retval: ReadonlyArray<readonly [string, string]>,
  mode: SweepMode,
  everyFunction = false,
): Restore {
  const attr = state.attrs.get('fail_function') as FaultAttrImpl;
  const found: Knobs = {
    probability: attr.probability,
    interval: attr.interval,
    times: attr.times,
    space: attr.space,
    verbose: attr.verbose,
    taskFilter: attr.taskFilter,
  };
  const armed = state.armed.map((entry) => ({ entry, retval: entry.retval }));
  const armAll = state.armAll;
  const marked = state.injectables.size;
  const restore: Restore = () => {
    const failure = restoreArmed(armed);
    state.armAll = armAll;
    // The functions marked meanwhile are armed as the `*` found would have armed them.
    if (armAll !== undefined && state.injectables.size > marked) {
      for (const entry of [...state.injectables.values()].slice(marked)) armIfArmingAll(entry);
    }
    setKnobs(attr, found);
    // A method whose class was frozen meanwhile cannot be armed again, or disarmed; the rest is back.
    if (failure !== undefined) throw failure;
  };
  try {
    if (state.armed.length !== 0) {
      const chosen = new Set(inject);
      for (const entry of [...state.armed]) if (!chosen.has(entry)) disarmInjectable(entry);
    }
    for (const entry of inject) {
      if (entry.armed === 0) armInjectable(entry);
      else entry.retval = defaultRetval(entry.type);
    }
    for (const [name, value] of retval) writeFile('debugfs', state.debugfs, `fail_function/${name}/retval`, value);
    state.armAll = everyFunction ? { excluded: new Set(), since: Number.POSITIVE_INFINITY } : undefined;
    setKnobs(attr, knobsOf(mode, found));
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}
