import { declareFaultAttr, type FaultAttr } from '@errinject/core';
import { type ErrnoKnob, errnoKnob } from './errnoKnob';
import { type OpsKnob, opsKnob } from './opsKnob';
import { type PatternsKnob, patternsKnob } from './patternsKnob';

/** A capability of Node's I/O and its own knobs, as `fail_fs`, `fail_net` and `fail_spawn` have them. */
export interface IoCapability {
  readonly attr: FaultAttr;
  /** `<cap>/ops`: the operations that may fail. */
  readonly ops: OpsKnob;
  /** `<cap>/path-filter`: the paths, hosts or commands that may fail. */
  readonly pathFilter: PatternsKnob;
  /** `<cap>/errno`: the errno every failure gives. */
  readonly errno: ErrnoKnob;
}

/**
 * Declares a capability of Node's I/O with the kernel's defaults (probability 0: nothing fails until
 * configured) and its knobs `ops`, `path-filter` and `errno`, after the generic ones.
 *
 * @param name - the capability's name
 * @param operations - the names `ops` takes, in the capability's order
 * @param extraCodes - codes `errno` takes besides the system's errnos (DNS's)
 * @returns the capability
 */
export function declareIoCapability(name: string, operations: readonly string[], extraCodes: readonly string[] = []): IoCapability {
  const ops = opsKnob(operations);
  const pathFilter = patternsKnob();
  const errno = errnoKnob(extraCodes);
  const attr = declareFaultAttr(name, {}, { ops: ops.knob, 'path-filter': pathFilter.knob, errno: errno.knob });
  return { attr, ops, pathFilter, errno };
}
