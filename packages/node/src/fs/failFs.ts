import { declareFaultAttr, type FaultAttr } from '@errinject/core';
import { type ErrnoKnob, errnoKnob } from '../intercept/errnoKnob';
import { type OpsKnob, opsKnob } from '../intercept/opsKnob';
import { type PatternsKnob, patternsKnob } from '../intercept/patternsKnob';
import { FS_ERRNOS, type FsSyscall } from './FS_ERRNOS';

/** The capability's name and debugfs directory. */
export const FAIL_FS = 'fail_fs';

/** `fail_fs` and its own knobs. */
export interface FailFs {
  readonly attr: FaultAttr;
  /** `fail_fs/ops`: the system calls that may fail (`open write rename`), by the names errors give. */
  readonly ops: OpsKnob;
  /** `fail_fs/path-filter`: the paths that may fail. */
  readonly pathFilter: PatternsKnob;
  /** `fail_fs/errno`: the errno every failure gives. */
  readonly errno: ErrnoKnob;
}

/**
 * Declares `fail_fs` with the kernel's defaults (probability 0: nothing fails until configured) and
 * its knobs `ops`, `path-filter` and `errno`, after the generic ones.
 *
 * @returns the capability
 */
export function declareFailFs(): FailFs {
  const ops = opsKnob(Object.keys(FS_ERRNOS) as FsSyscall[]);
  const pathFilter = patternsKnob();
  const errno = errnoKnob();
  const attr = declareFaultAttr(FAIL_FS, {}, { ops: ops.knob, 'path-filter': pathFilter.knob, errno: errno.knob });
  return { attr, ops, pathFilter, errno };
}
