import type { FaultAttrImpl } from './FaultAttr';
import { refreshGate } from './refreshGate';
import { compileStackPatterns } from './stackFilter';

/**
 * The setters behind the knobs, shared by debugfs writes and boot options: each keeps the fields a
 * call reads (the capped and numeric copies, the gate, the interval countdown) true to the knob.
 */

/**
 * Sets `probability`.
 *
 * @param attr - the capability
 * @param value - any unsigned 64-bit value; 100 and above always fail
 */
export function setProbability(attr: FaultAttrImpl, value: bigint): void {
  attr.probability = value;
  attr.prob = value >= 100n ? 100 : Number(value);
  refreshGate(attr);
}

/**
 * Sets `interval`. The count is kept, as in the kernel: the next failing call is the next one that
 * brings the count to a multiple of the new interval.
 *
 * @param attr - the capability
 * @param value - any unsigned 64-bit value; 0 and 1 mean no gating
 */
export function setInterval(attr: FaultAttrImpl, value: bigint): void {
  attr.interval = value;
  attr.intervalN = Number(value);
  attr.untilNext = attr.intervalN > 1 ? attr.intervalN - (attr.count % attr.intervalN) : 0;
}

/**
 * Sets `times`.
 *
 * @param attr - the capability
 * @param value - a signed 32-bit value
 */
export function setTimes(attr: FaultAttrImpl, value: number): void {
  attr.times = value | 0;
}

/**
 * Sets `space`.
 *
 * @param attr - the capability
 * @param value - a signed 32-bit value
 */
export function setSpace(attr: FaultAttrImpl, value: number): void {
  attr.space = value | 0;
}

/**
 * Sets `verbose`.
 *
 * @param attr - the capability
 * @param value - any unsigned 64-bit value; above 2 acts as 2
 */
export function setVerbose(attr: FaultAttrImpl, value: bigint): void {
  attr.verbose = value;
  attr.verboseLevel = value >= 2n ? 2 : Number(value);
}

/**
 * Sets `require-stack` or `reject-stack`.
 *
 * @param attr - the capability
 * @param which - which of the two
 * @param patterns - the patterns, already split
 */
export function setStackPatterns(attr: FaultAttrImpl, which: 'require' | 'reject', patterns: readonly string[]): void {
  const frozen = Object.freeze([...patterns]);
  const matchers = compileStackPatterns(frozen);
  if (which === 'require') {
    attr.requireStack = frozen;
    attr.requireMatchers = matchers;
  } else {
    attr.rejectStack = frozen;
    attr.rejectMatchers = matchers;
  }
}
