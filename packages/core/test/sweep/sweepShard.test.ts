import { expect } from 'chai';
import { debugfs, ErrInjectError, sweep, sweepSync, type SweepReport, type SweepRun, type SweepShard } from '../../src/index';
import { catchErrInject } from '../support/errors';
import { sleep } from '../support/timers';
import { makeStore, type Store } from './fixtures';

/** Seven fault points, each on a line of its own, each checked: a failure throws, naming its step. */
function sevenSteps(store: Store): number {
  const steps: Array<number | Buffer | null> = [];
  steps.push(store.open('/a'));
  steps.push(store.alloc(1));
  steps.push(store.open('/bb'));
  steps.push(store.alloc(2));
  steps.push(store.open('/ccc'));
  steps.push(store.alloc(3));
  steps.push(store.open('/dddd'));
  const failed = steps.findIndex((step) => step === null || (typeof step === 'number' && step < 0));
  if (failed >= 0) throw new Error(`step ${failed + 1} failed`);
  return steps.length;
}

/** What a faulted run is, for comparing shards with the whole sweep: n, function, capability, site and outcome. */
function faulted(runs: readonly SweepRun<unknown>[]): string[] {
  return runs
    .filter((run) => run.injected)
    .map((run) => {
      const outcome = run.outcome;
      const what = outcome.kind === 'returned' ? String(outcome.value) : (outcome.error as Error).message;
      return `${run.n} ${run.capability} ${run.function} ${run.site} ${outcome.kind} ${what}`;
    });
}

function shape(report: SweepReport<unknown>): Array<[number, boolean]> {
  return report.runs.map((run) => [run.n, run.injected]);
}

async function catchRejection(promise: Promise<unknown>): Promise<ErrInjectError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.an.instanceOf(ErrInjectError);
    return error as ErrInjectError;
  }
  throw new Error('expected the promise to reject');
}

/** The runs each shard of three makes of seven fault points: n ≡ index (mod 3), to the first that injects nothing. */
const SHARDS_OF_THREE: ReadonlyArray<readonly [SweepShard, Array<[number, boolean]>]> = [
  [{ index: 1, count: 3 }, [[1, true], [4, true], [7, true], [10, false]]],
  [{ index: 2, count: 3 }, [[2, true], [5, true], [8, false]]],
  [{ index: 3, count: 3 }, [[3, true], [6, true], [9, false]]],
];

describe('sweep with a shard', () => {
  afterEach(() => {
    // Nothing a sweep armed stays armed.
    expect(debugfs.read('fail_function/inject')).to.equal('');
  });

  describe('when the function is synchronous', () => {
    for (const [shard, runs] of SHARDS_OF_THREE) {
      it(`should make shard ${shard.index}/${shard.count}'s runs only, under their real n, and stop at its first run that injects nothing`, () => {
        // Arrange
        const store = makeStore(`shard-${shard.index}`);

        // Act
        const report = sweepSync(() => sevenSteps(store), { inject: [store.names.open, store.names.alloc], shard });

        // Assert
        expect(report.shard).to.deep.equal(shard);
        expect(shape(report)).to.deep.equal(runs);
        expect(report.faultPoints).to.equal(runs.length - 1);
        expect(report.complete).to.equal(true);
        for (const run of report.runs.filter((each) => each.injected)) {
          expect(run.outcome).to.have.property('kind', 'threw');
          expect(run.function).to.equal(run.n % 2 === 1 ? store.names.open : store.names.alloc);
        }
      });
    }

    it('should make, across its shards, the faulted runs of the whole sweep: the same n, function, capability, site and outcome', () => {
      // Arrange
      const store = makeStore('shard-union');
      const options = { inject: [store.names.open, store.names.alloc] };

      // Act
      const whole = sweepSync(() => sevenSteps(store), options);
      const shards = SHARDS_OF_THREE.map(([shard]) => sweepSync(() => sevenSteps(store), { ...options, shard }));

      // Assert
      expect(whole.shard).to.equal(undefined);
      expect(whole.faultPoints).to.equal(7);
      const union = shards.flatMap((report) => faulted(report.runs)).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
      expect(union).to.deep.equal(faulted(whole.runs));
      expect(shards.reduce((sum, report) => sum + report.faultPoints, 0)).to.equal(whole.faultPoints);
    });

    it('should check each of its runs only', () => {
      // Arrange
      const store = makeStore('shard-check');
      const checked: number[] = [];

      // Act
      const report = sweepSync(() => sevenSteps(store), {
        inject: [store.names.open, store.names.alloc],
        shard: { index: 2, count: 3 },
        check: (run) => {
          checked.push(run.n);
          if (run.n === 5) throw new Error('left a file behind');
        },
      });

      // Assert
      expect(checked).to.deep.equal([2, 5, 8]);
      expect(report.runs.map((run) => run.outcome.kind)).to.deep.equal(['threw', 'check-failed', 'returned']);
    });

    it('should take max as the bound on n, not on the runs of the shard, and say that it is not complete', () => {
      // Arrange
      const store = makeStore('shard-max');

      // Act
      const report = sweepSync(() => sevenSteps(store), { inject: [store.names.open, store.names.alloc], shard: { index: 2, count: 3 }, max: 7 });

      // Assert
      expect(shape(report)).to.deep.equal([
        [2, true],
        [5, true],
      ]);
      expect(report.complete).to.equal(false);
    });

    it('should make no run when its first n is past max, and say that it is not complete', () => {
      // Arrange
      const store = makeStore('shard-past-max');

      // Act
      const report = sweepSync(() => sevenSteps(store), { inject: [store.names.open], shard: { index: 4, count: 4 }, max: 3 });

      // Assert
      expect(report.runs).to.deep.equal([]);
      expect(report.faultPoints).to.equal(0);
      expect(report.complete).to.equal(false);
    });

    it('should make the whole sweep, saying so, as shard 1/1', () => {
      // Arrange
      const store = makeStore('shard-one');

      // Act
      const report = sweepSync(() => sevenSteps(store), { inject: [store.names.open, store.names.alloc], shard: { index: 1, count: 1 } });

      // Assert
      expect(report.shard).to.deep.equal({ index: 1, count: 1 });
      expect(report.runs.map((run) => run.n)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    });
  });

  describe('when the function is async', () => {
    for (const [shard, runs] of SHARDS_OF_THREE) {
      it(`should make shard ${shard.index}/${shard.count}'s runs only, awaiting each`, async () => {
        // Arrange
        const store = makeStore(`async-shard-${shard.index}`);

        // Act
        const report = await sweep(
          async () => {
            await sleep(0);
            return sevenSteps(store);
          },
          { inject: [store.names.open, store.names.alloc], shard },
        );

        // Assert
        expect(report.shard).to.deep.equal(shard);
        expect(shape(report)).to.deep.equal(runs);
        expect(report.complete).to.equal(true);
      });
    }

    it('should make, across its shards, the faulted runs of the whole sweep', async () => {
      // Arrange
      const store = makeStore('async-shard-union');
      const fn = async (): Promise<number> => {
        await sleep(0);
        return sevenSteps(store);
      };
      const options = { inject: [store.names.open, store.names.alloc] };

      // Act
      const whole = await sweep(fn, options);
      const shards: SweepReport<number>[] = [];
      for (const [shard] of SHARDS_OF_THREE) shards.push(await sweep(fn, { ...options, shard }));

      // Assert
      const union = shards.flatMap((report) => faulted(report.runs)).sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
      expect(union).to.deep.equal(faulted(whole.runs));
      expect(union).to.have.length(7);
    });

    it('should stop at max, bounding n, when the runs are async', async () => {
      // Arrange
      const store = makeStore('async-shard-max');

      // Act
      const report = await sweep(async () => sevenSteps(store), { inject: [store.names.open, store.names.alloc], shard: { index: 1, count: 3 }, max: 9 });

      // Assert
      expect(shape(report)).to.deep.equal([
        [1, true],
        [4, true],
        [7, true],
      ]);
      expect(report.complete).to.equal(false);
    });
  });

  describe('when the shard is bad', () => {
    const FORM = '{ index, count } with integers 1 ≤ index ≤ count';
    const cases: ReadonlyArray<readonly [string, unknown, string, string]> = [
      ['it is a string', '2/4', 'ERR_INVALID_ARG_TYPE', `options.shard must be an object ${FORM}, got "2/4"`],
      ['it is null', null, 'ERR_INVALID_ARG_TYPE', `options.shard must be an object ${FORM}, got null`],
      ['it is an array', [1, 2], 'ERR_INVALID_ARG_TYPE', `options.shard must be an object ${FORM}, got an array`],
      ['it is 0/2', { index: 0, count: 2 }, 'ERR_INVALID_ARG_VALUE', 'options.shard.index must be an integer from 1 to options.shard.count (2), got number 0'],
      ['it is 3/2', { index: 3, count: 2 }, 'ERR_INVALID_ARG_VALUE', 'options.shard.index must be an integer from 1 to options.shard.count (2), got number 3'],
      ['it is 1/0', { index: 1, count: 0 }, 'ERR_INVALID_ARG_VALUE', 'options.shard.count must be an integer from 1 to 4294967295, got number 0'],
      ['its index is no integer', { index: 1.5, count: 2 }, 'ERR_INVALID_ARG_VALUE', 'options.shard.index must be an integer from 1 to options.shard.count (2), got number 1.5'],
      ['its index is NaN', { index: Number.NaN, count: 2 }, 'ERR_INVALID_ARG_VALUE', 'options.shard.index must be an integer from 1 to options.shard.count (2), got number NaN'],
      ['its count is no integer', { index: 1, count: 2.5 }, 'ERR_INVALID_ARG_VALUE', 'options.shard.count must be an integer from 1 to 4294967295, got number 2.5'],
      ['its count is past fail-nth', { index: 1, count: 2 ** 32 }, 'ERR_INVALID_ARG_VALUE', 'options.shard.count must be an integer from 1 to 4294967295, got number 4294967296'],
      ['its index is a string', { index: '1', count: 2 }, 'ERR_INVALID_ARG_TYPE', 'options.shard.index must be a number, an integer from 1 to options.shard.count, got "1"'],
      ['its count is a string', { index: 1, count: '2' }, 'ERR_INVALID_ARG_TYPE', 'options.shard.count must be a number, an integer from 1 to 4294967295, got "2"'],
      ['its count is missing', { index: 1 }, 'ERR_INVALID_ARG_TYPE', `options.shard.count is missing: options.shard must be ${FORM}`],
      ['it has an unknown key', { index: 1, count: 2, total: 2 }, 'ERR_INVALID_ARG_VALUE', 'unknown key total in options.shard; accepted: index, count'],
    ];
    for (const [when, shard, code, message] of cases) {
      it(`should refuse it from sweepSync when ${when}, before any run`, () => {
        // Arrange
        let calls = 0;

        // Act
        const error = catchErrInject(() => sweepSync(() => calls++, { shard: shard as SweepShard }));

        // Assert
        expect(error.code).to.equal(code);
        expect(error.message).to.equal(`sweepSync: ${message}`);
        expect(calls).to.equal(0);
      });

      it(`should reject from sweep when ${when}, before any run`, async () => {
        // Arrange
        let calls = 0;

        // Act
        const error = await catchRejection(sweep(() => calls++, { shard: shard as SweepShard }));

        // Assert
        expect(error.code).to.equal(code);
        expect(error.message).to.equal(`sweep: ${message}`);
        expect(calls).to.equal(0);
      });
    }
  });
});
