import { expect } from 'chai';
import { environmentShard, MochaSweepError, SHARD_VARIABLE } from '../src/index';

describe('environmentShard', () => {
  describe('when ERRINJECT_SHARD is INDEX/COUNT', () => {
    const cases: ReadonlyArray<readonly [string, { index: number; count: number }]> = [
      ['1/1', { index: 1, count: 1 }],
      ['2/4', { index: 2, count: 4 }],
      ['4/4', { index: 4, count: 4 }],
      ['02/4', { index: 2, count: 4 }],
      ['1/4294967295', { index: 1, count: 4294967295 }],
    ];
    for (const [value, shard] of cases) {
      it(`should read ${value} as shard ${shard.index} of ${shard.count}`, () => {
        // Act
        const read = environmentShard({ [SHARD_VARIABLE]: value });

        // Assert
        expect(read).to.deep.equal(shard);
      });
    }
  });

  describe('when ERRINJECT_SHARD is unset or empty', () => {
    it('should give undefined: the whole sweep', () => {
      // Act
      const unset = environmentShard({});
      const empty = environmentShard({ ERRINJECT_SHARD: '' });

      // Assert
      expect(SHARD_VARIABLE).to.equal('ERRINJECT_SHARD');
      expect(unset).to.equal(undefined);
      expect(empty).to.equal(undefined);
    });
  });

  describe('when ERRINJECT_SHARD is malformed', () => {
    for (const value of ['0/2', '3/2', '1/0', '0/0', 'a/b', '2', '1.5/2', '1/2.0', '1/2 ', '-1/2', '1/4294967296', '2 of 4', '1/2/3']) {
      it(`should refuse ${JSON.stringify(value)} with ERR_INVALID_ARG_VALUE, naming it`, () => {
        // Act
        let error: unknown;
        try {
          environmentShard({ ERRINJECT_SHARD: value });
        } catch (caught) {
          error = caught;
        }

        // Assert
        expect(error).to.be.an.instanceOf(MochaSweepError);
        expect(error).to.include({
          code: 'ERR_INVALID_ARG_VALUE',
          message:
            'describeSweep: ERRINJECT_SHARD must be INDEX/COUNT, two integers with 1 ≤ INDEX ≤ COUNT ≤ 4294967295 ' +
            `(ERRINJECT_SHARD=2/4 makes the runs with n ≡ 2 mod 4), or empty for the whole sweep; got ${JSON.stringify(value)}`,
        });
      });
    }
  });
});
