/**
 * `@errinject/mocha`: fault sweeps as mocha test cases.
 *
 * @packageDocumentation
 */
export { describeSweep } from './describeSweep';
export type { DescribeSweepOptions } from './describeSweep';
export { caseTitle } from './caseTitle';
export { environmentShard, SHARD_VARIABLE } from './environmentShard';
export { MochaSweepError } from './MochaSweepError';
export type { MochaSweepErrorCode } from './MochaSweepError';
