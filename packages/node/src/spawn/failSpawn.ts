import { declareFaultAttr, type FaultAttr } from '@errinject/core';
import { type ErrnoKnob, errnoKnob } from '../intercept/errnoKnob';
import { type OpsKnob, opsKnob } from '../intercept/opsKnob';
import { type PatternsKnob, patternsKnob } from '../intercept/patternsKnob';
import { SPAWN_CALLS, type SpawnName } from './SPAWN_CALLS';

/** The capability's name and debugfs directory. */
export const FAIL_SPAWN = 'fail_spawn';

/** `fail_spawn` and its own knobs. */
export interface FailSpawn {
  readonly attr: FaultAttr;
  /** `fail_spawn/ops`: the functions of `child_process` that may fail (`spawn execSync`). */
  readonly ops: OpsKnob;
  /** `fail_spawn/path-filter`: the commands that may fail (`git`, `/usr/bin/*`, `npm *`). */
  readonly pathFilter: PatternsKnob;
  /** `fail_spawn/errno`: the errno every failure gives. */
  readonly errno: ErrnoKnob;
}

/**
 * Declares `fail_spawn` with the kernel's defaults and its knobs `ops`, `path-filter` and `errno`.
 *
 * @returns the capability
 */
export function declareFailSpawn(): FailSpawn {
  const ops = opsKnob(Object.keys(SPAWN_CALLS) as SpawnName[]);
  const pathFilter = patternsKnob();
  const errno = errnoKnob();
  const attr = declareFaultAttr(FAIL_SPAWN, {}, { ops: ops.knob, 'path-filter': pathFilter.knob, errno: errno.knob });
  return { attr, ops, pathFilter, errno };
}
