import type { SweepShard } from './SweepReport';

/** The most shards a sweep splits into: fail-nth's range. */
export const MAX_SHARD_COUNT = 0xffff_ffff;

const SHARD = /^([0-9]+)\/([0-9]+)$/;

/**
 * Reads a shard as a command line or a CI matrix writes it: `i/N`, two decimal integers with
 * 1 ≤ i ≤ N ≤ {@link MAX_SHARD_COUNT} (`2/4`: the runs with n ≡ 2 mod 4). One rule for `failcmd
 * --shard` and `ERRINJECT_SHARD`; each caller refuses what this does not accept in its own words.
 *
 * @param text - the text
 * @returns the shard, or `undefined` when the text is not one
 */
export function parseShard(text: string): SweepShard | undefined {
  const match = SHARD.exec(text);
  if (match === null) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count && count <= MAX_SHARD_COUNT ? { index, count } : undefined;
}
