import { MAX_SHARD_COUNT, parseShard, type SweepShard } from '@errinject/core';
import { MochaSweepError } from './MochaSweepError';

/** The environment variable {@link describeSweep} reads its shard from: `ERRINJECT_SHARD=2/4`. */
export const SHARD_VARIABLE = 'ERRINJECT_SHARD';

/**
 * Reads the shard a CI matrix job sets for the sweeps of its process: `ERRINJECT_SHARD=INDEX/COUNT`
 * (`2/4`, as `failcmd --shard` takes it), two decimal integers with 1 ≤ INDEX ≤ COUNT. Unset or empty
 * means the whole sweep, so that a matrix can leave it empty in a job that does not shard.
 *
 * @param env - the environment to read; default `process.env`
 * @returns the shard, or `undefined` when the variable is unset or empty
 * @throws MochaSweepError ERR_INVALID_ARG_VALUE naming the value when it is not INDEX/COUNT with
 * 1 ≤ INDEX ≤ COUNT ≤ 4294967295
 */
export function environmentShard(env: NodeJS.ProcessEnv = process.env): SweepShard | undefined {
  const value = env[SHARD_VARIABLE];
  if (value === undefined || value === '') return undefined;
  const shard = parseShard(value);
  if (shard === undefined) {
    throw new MochaSweepError(
      'ERR_INVALID_ARG_VALUE',
      `describeSweep: ${SHARD_VARIABLE} must be INDEX/COUNT, two integers with 1 ≤ INDEX ≤ COUNT ≤ ${MAX_SHARD_COUNT} ` +
        `(${SHARD_VARIABLE}=2/4 makes the runs with n ≡ 2 mod 4), or empty for the whole sweep; got ${JSON.stringify(value)}`,
    );
  }
  return shard;
}
