import { type CapabilityKnob, refuseKnobWrite } from '@errinject/core';

/** The `ops` knob of a capability and what it holds. */
export interface OpsKnob {
  readonly knob: CapabilityKnob;
  /** Whether an operation may fail: every one while the knob is empty. */
  allows(op: string): boolean;
}

/**
 * The `<cap>/ops` knob: which operations may fail, by name, separated by spaces, commas or newlines;
 * empty for all of them (failslab's `cache-filter` is the kernel's knob of this kind). Reads back the
 * names one space apart, in the capability's order. A write with a name the capability does not
 * have is refused with EINVAL and changes nothing.
 *
 * @param names - every operation of the capability, in its order
 * @returns the knob
 */
export function opsKnob(names: readonly string[]): OpsKnob {
  let chosen: ReadonlySet<string> | undefined;
  return {
    knob: {
      read: () => `${chosen === undefined ? '' : names.filter((name) => chosen?.has(name)).join(' ')}\n`,
      write: (value, path) => {
        const wanted = value.split(/[\s,]+/).filter((name) => name !== '');
        const unknown = wanted.filter((name) => !names.includes(name));
        if (unknown.length > 0) refuseKnobWrite(path, value, `operation names separated by spaces (${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one): ${names.join(' ')}; empty for all`);
        chosen = wanted.length === 0 ? undefined : new Set(wanted);
      },
    },
    allows: (op) => chosen === undefined || chosen.has(op),
  };
}
