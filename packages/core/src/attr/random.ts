import type { FaultAttrImpl } from './FaultAttr';

/**
 * The probability roll's generator: xorshift32 per capability, seedable, so that a seed replays every
 * roll. The kernel draws from its own PRNG (`get_random_u32_below(100)` and predecessors); what it
 * promises, and what this keeps, is a roll uniform on 0..99.
 */

/**
 * A 32-bit hash of a name (FNV-1a), to give each capability its own stream from one base seed.
 *
 * @param name - a capability name
 * @returns an unsigned 32-bit hash
 */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The seed a capability starts from: the base seed mixed with its name, so that two capabilities
 * never share a stream and a roll in one never moves another.
 *
 * @param baseSeed - ERRINJECT_SEED, or the process's random base
 * @param name - the capability's name
 * @returns an unsigned 32-bit seed
 */
export function deriveSeed(baseSeed: number, name: string): number {
  return mix32((baseSeed ^ hashName(name)) >>> 0);
}

/**
 * A good 32-bit mixing function (the finaliser of MurmurHash3), used to spread a seed over the
 * generator's state.
 *
 * @param value - any unsigned 32-bit value
 * @returns a well-mixed unsigned 32-bit value
 */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Starts a capability's generator from a seed.
 *
 * @param attr - the capability
 * @param seed - an unsigned 32-bit seed
 */
export function reseed(attr: FaultAttrImpl, seed: number): void {
  attr.seed = seed >>> 0;
  // xorshift32 must not start at 0; mix the seed so that near seeds give unrelated streams.
  attr.rng = mix32((seed ^ 0x9e3779b9) >>> 0) | 0 || 0x6d2b79f5;
}

/**
 * Draws the next roll.
 *
 * @param attr - the capability whose generator to advance
 * @returns an integer uniform on 0..99
 */
export function roll(attr: FaultAttrImpl): number {
  let x = attr.rng;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  attr.rng = x;
  // Multiply-shift keeps the high bits, the good ones of xorshift.
  return Math.floor(((x >>> 0) * 100) / 4294967296);
}

/**
 * A random base seed for a process that set none. `Math.random` is enough here (the seed is read
 * back, not kept secret) and, unlike `node:crypto`, costs nothing to load.
 *
 * @returns an unsigned 32-bit value
 */
export function randomBaseSeed(): number {
  return (Math.random() * 4294967296) >>> 0;
}
