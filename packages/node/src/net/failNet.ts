import { declareFaultAttr, type FaultAttr } from '@errinject/core';
import { type ErrnoKnob, errnoKnob } from '../intercept/errnoKnob';
import { type OpsKnob, opsKnob } from '../intercept/opsKnob';
import { type PatternsKnob, patternsKnob } from '../intercept/patternsKnob';
import { DNS_CODES, NET_ERRNOS, type NetOp } from './NET_ERRNOS';

/** The capability's name and debugfs directory. */
export const FAIL_NET = 'fail_net';

/** `fail_net` and its own knobs. */
export interface FailNet {
  readonly attr: FaultAttr;
  /** `fail_net/ops`: `connect`, `lookup`, `resolve`, `write`, `listen`. */
  readonly ops: OpsKnob;
  /** `fail_net/path-filter`: `host[:port]` patterns (`api.example.com`, `*:5432`, `127.0.0.1:*`). */
  readonly pathFilter: PatternsKnob;
  /** `fail_net/errno`: the errno (or DNS code) every failure gives. */
  readonly errno: ErrnoKnob;
}

/**
 * Declares `fail_net` with the kernel's defaults and its knobs `ops`, `path-filter` and `errno`.
 *
 * @returns the capability
 */
export function declareFailNet(): FailNet {
  const ops = opsKnob(Object.keys(NET_ERRNOS) as NetOp[]);
  const pathFilter = patternsKnob();
  const errno = errnoKnob(DNS_CODES);
  const attr = declareFaultAttr(FAIL_NET, {}, { ops: ops.knob, 'path-filter': pathFilter.knob, errno: errno.knob });
  return { attr, ops, pathFilter, errno };
}
