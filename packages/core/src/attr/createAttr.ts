import type { FaultAttrImpl } from './FaultAttr';
import { reseed } from './random';
import { MAX_STACK_TRACE_DEPTH } from './stackFilter';

/**
 * Makes a capability with the kernel's `FAULT_ATTR_INITIALIZER` values (`include/linux/fault-inject.h`).
 * Every capability is made here, with its fields in one order, so that all share one V8 shape and a
 * call site that sees several stays monomorphic.
 *
 * @param name - the capability's name
 * @param seed - the seed of its roll
 * @returns the new capability, its gate closed
 */
export function createAttr(name: string, seed: number): FaultAttrImpl {
  const attr: FaultAttrImpl = {
    name,
    gate: 0,
    probability: 0n,
    prob: 0,
    interval: 1n,
    intervalN: 1,
    count: 0,
    untilNext: 0,
    times: 1,
    space: 0,
    verbose: 2n,
    verboseLevel: 2,
    ratelimitIntervalMs: 0,
    ratelimitBurst: 10,
    ratelimitBegin: -1,
    ratelimitPrinted: 0,
    ratelimitMissed: 0,
    taskFilter: false,
    stacktraceDepth: MAX_STACK_TRACE_DEPTH,
    requireStack: [],
    rejectStack: [],
    requireMatchers: [],
    rejectMatchers: [],
    seed: 0,
    rng: 1,
  };
  reseed(attr, seed);
  return attr;
}
