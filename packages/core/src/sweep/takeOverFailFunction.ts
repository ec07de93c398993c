import type { ControlDir, ControlFile } from '../control/tree';
import { writeFile } from '../control/tree';
import { armInjectable, disarmInjectable } from '../inject/armInjectable';
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

/** The knobs a sweep sets, and puts back. */
const KNOBS = ['probability', 'interval', 'times', 'space', 'verbose', 'task-filter'] as const;

/**
 * The knobs of each mode. `'once'`: probability 0, so that nothing fails but the task's fail-nth
 * (which ignores probability, task-filter, interval and space, and never blocks on times; times -1
 * keeps it from counting down). `'persist'`: probability 100 with task-filter Y, so that a call fails
 * exactly when its task's make-it-fail is 1, which the sweep sets on the run's task when its n-th call
 * fails; the other tasks keep theirs, 0 unless set.
 */
const SETTINGS: Readonly<Record<SweepMode, ReadonlyArray<readonly [(typeof KNOBS)[number], string]>>> = {
  once: [
    ['probability', '0'],
    ['times', '-1'],
    ['verbose', '0'],
  ],
  persist: [
    ['task-filter', 'Y'],
    ['interval', '1'],
    ['space', '0'],
    ['times', '-1'],
    ['verbose', '0'],
    ['probability', '100'],
  ],
};

/** Undoes a takeover. */
export type Restore = () => void;

/**
 * A knob's file, reached without parsing its path (a sweep is cheap enough to run for every test
 * case), and past the production switch's check: the sweep refused to start under it, and its
 * restore must not fail should the switch be thrown meanwhile.
 */
function knobFile(knob: string): ControlFile {
  return (state.debugfs.entries.get('fail_function') as ControlDir).entries.get(knob) as ControlFile;
}

function write(knob: string, value: string): void {
  (knobFile(knob).write as (value: string, path: string) => void)(value, `fail_function/${knob}`);
}

/**
 * Takes `fail_function` over.
 *
 * @param inject - the functions to arm; every other one is disarmed meanwhile
 * @param retval - retval writes for some of them, applied after arming
 * @param mode - which knobs to set
 * @returns what undoes it all
 * @throws ErrInjectError when a function cannot be armed or a retval is refused (nothing is left changed)
 */
export function takeOverFailFunction(inject: readonly Injectable[], retval: ReadonlyArray<readonly [string, string]>, mode: SweepMode): Restore {
  const knobs = KNOBS.map((knob) => [knob, knobFile(knob).read()] as const);
  const armed = state.armed.map((entry) => ({ entry, retval: entry.retval }));
  const restore: Restore = () => {
    let failure: unknown;
    const keep = new Set(armed.map(({ entry }) => entry));
    for (const entry of [...state.armed]) if (!keep.has(entry)) disarmInjectable(entry);
    for (const { entry, retval: saved } of armed) {
      try {
        if (entry.armed === 0) armInjectable(entry);
        entry.retval = saved;
      } catch (error) {
        failure ??= error;
      }
    }
    // Back in the order inject listed them.
    const order = new Map(armed.map(({ entry }, index) => [entry, index]));
    state.armed.sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
    for (const [knob, value] of knobs) write(knob, value);
    // A method whose class was frozen meanwhile cannot be armed again; the rest is back.
    if (failure !== undefined) throw failure;
  };
  try {
    const chosen = new Set(inject);
    for (const entry of [...state.armed]) if (!chosen.has(entry)) disarmInjectable(entry);
    for (const entry of inject) {
      if (entry.armed === 0) armInjectable(entry);
      else entry.retval = defaultRetval(entry.type);
    }
    for (const [name, value] of retval) writeFile('debugfs', state.debugfs, `fail_function/${name}/retval`, value);
    for (const [knob, value] of SETTINGS[mode]) write(knob, value);
  } catch (error) {
    restore();
    throw error;
  }
  return restore;
}

