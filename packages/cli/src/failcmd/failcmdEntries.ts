import type { FailcmdOptions, InjectSpec } from './FailcmdOptions';

/** The knob entries of every capability listed, one capability after another, in the order listed. */
function knobEntries(options: FailcmdOptions, defaults: { probability?: string; times?: string; taskFilter?: string; verbose?: string }): string[] {
  return options.capabilities.flatMap((dir) => capabilityKnobEntries(dir, options, defaults));
}

function capabilityKnobEntries(dir: string, options: FailcmdOptions, defaults: { probability?: string; times?: string; taskFilter?: string; verbose?: string }): string[] {
  const entries: string[] = [];
  const knob = (name: string, value: string | undefined): void => {
    if (value !== undefined) entries.push(`${dir}/${name}=${value}`);
  };
  // failcmd.sh writes interval, space, verbose and the stack filter as it meets them, then
  // task-filter, probability and times last; each process here starts from the defaults, so only
  // the values matter, not the order.
  knob('interval', options.interval);
  knob('space', options.space);
  knob('verbose', options.verbose ?? defaults.verbose);
  knob('stacktrace-depth', options.stacktraceDepth);
  knob('require-stack', options.requireStack);
  knob('reject-stack', options.rejectStack);
  knob('task-filter', options.taskFilter ?? defaults.taskFilter);
  knob('probability', options.probability ?? defaults.probability);
  knob('times', options.times ?? defaults.times);
  return entries;
}

/**
 * The `ERRINJECT` entries that arm functions: `fail_function/inject=NAME`, then its retval when one
 * is given. Each waits in the command's core until its function is marked. A function the user's own
 * `ERRINJECT` arms already is not armed again (its retval still applies).
 *
 * @param specs - the functions
 * @param armed - the functions the user's `ERRINJECT` arms (see `armedByUser`)
 * @returns the entries, in order
 */
export function injectEntries(specs: readonly InjectSpec[], armed: ReadonlySet<string> = new Set()): string[] {
  return specs.flatMap((spec) => [
    ...(armed.has(spec.name) ? [] : [`fail_function/inject=${spec.name}`]),
    ...(spec.retval === undefined ? [] : [`fail_function/${spec.name}/retval=${spec.retval}`]),
  ]);
}

/**
 * The `ERRINJECT` entries of a plain run, what failcmd.sh writes to debugfs
 * (`tools/testing/fault-injection/failcmd.sh`): for every capability listed, the knobs given,
 * task-filter Y, probability 1 and times 1 unless given; the functions named with `--inject`, fail-nth when `--nth` is given, and
 * make-it-fail 1 in the root task of every process of the tree (as the kernel's child sets its own
 * before it execs the command, and every descendant inherits it).
 *
 * @param options - checked options
 * @param armed - the functions the user's `ERRINJECT` arms already (see `armedByUser`)
 * @returns the entries, in the order they apply
 */
export function failcmdEntries(options: FailcmdOptions, armed: ReadonlySet<string> = new Set()): string[] {
  return [
    ...knobEntries(options, { taskFilter: 'Y', probability: '1', times: '1' }),
    ...injectEntries(options.inject, armed),
    ...(options.nth === undefined ? [] : [`self/fail-nth=${options.nth}`]),
    'self/make-it-fail=1',
  ];
}

/**
 * The `ERRINJECT` entries every run of a sweep shares: for every capability listed, the knobs given, with probability 0 and
 * verbose 0 unless given, so that the faults come from fail-nth alone and the command's stderr is not
 * filled with fault records; make-it-fail 1 as in a plain run. The functions and fail-nth are added
 * per run.
 *
 * @param options - checked options
 * @returns the entries, in the order they apply
 */
export function sweepEntries(options: FailcmdOptions): string[] {
  return [...knobEntries(options, { probability: '0', verbose: '0' }), 'self/make-it-fail=1'];
}
