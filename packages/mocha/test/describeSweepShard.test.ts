import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMocha } from './runMocha';

/** Two error-injectable functions, and a suite over seven fault points, each on a line of its own (spec.js lines 6 to 12). */
const SEVEN = [
  "const open = core.allowErrorInjection(core.EI_TYPE_ERRNO, function open(path) { return path.length; }, { name: 'Store.open' });",
  "const alloc = core.allowErrorInjection(core.EI_TYPE_NULL, function alloc(size) { return Buffer.alloc(size); }, { name: 'Store.alloc' });",
  'function seven() {',
  "  if (open('/a') < 0) return -1;",
  '  if (alloc(1) === null) return -12;',
  "  if (open('/bb') < 0) return -1;",
  '  if (alloc(2) === null) return -12;',
  "  if (open('/ccc') < 0) return -1;",
  '  if (alloc(3) === null) return -12;',
  "  if (open('/dddd') < 0) return -1;",
  '  return 0;',
  '}',
];

/** Each run's case title in the whole sweep of `seven`. */
const CASE = {
  1: 'n=1: Store.open fails at spec.js:6:7',
  2: 'n=2: Store.alloc fails at spec.js:7:7',
  3: 'n=3: Store.open fails at spec.js:8:7',
  4: 'n=4: Store.alloc fails at spec.js:9:7',
  5: 'n=5: Store.open fails at spec.js:10:7',
  6: 'n=6: Store.alloc fails at spec.js:11:7',
  7: 'n=7: Store.open fails at spec.js:12:7',
} as const;
const NO_FAULT = 'no fault injected (every fault point was reached)';

describe('describeSweep with a shard', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errinject-mocha-shard-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when no shard is given', () => {
    it('should make the whole sweep', () => {
      // Act
      const { status, report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven);"]);

      // Assert
      expect(status).to.equal(0);
      expect(report.tests.map((test) => test.fullTitle)).to.deep.equal([
        'Store.seven sweeps every fault point: 7 found in 8 runs',
        ...Object.values(CASE).map((title) => `Store.seven ${title}`),
        `Store.seven n=8: ${NO_FAULT}`,
      ]);
    });
  });

  describe('when options.shard is given', () => {
    it("should make that shard's runs only, under their real n, and name the shard in the first case", () => {
      // Act
      const { status, report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven, { shard: { index: 2, count: 3 } });"]);

      // Assert
      expect(status).to.equal(0);
      expect(report.tests.map((test) => test.fullTitle)).to.deep.equal([
        'Store.seven sweeps every fault point of shard 2/3: 2 found in 3 runs',
        `Store.seven ${CASE[2]}`,
        `Store.seven ${CASE[5]}`,
        `Store.seven n=8: ${NO_FAULT}`,
      ]);
      expect(report.stats).to.include({ tests: 4, passes: 4, failures: 0 });
    });

    it('should take it over ERRINJECT_SHARD', () => {
      // Act
      const { status, report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven, { shard: { index: 3, count: 3 } });"], [], { ERRINJECT_SHARD: '1/2' });

      // Assert
      expect(status).to.equal(0);
      expect(report.tests.map((test) => test.title)).to.deep.equal([
        'sweeps every fault point of shard 3/3: 2 found in 3 runs',
        CASE[3],
        CASE[6],
        `n=9: ${NO_FAULT}`,
      ]);
    });

    it("should fail the before hook with the core's message when it is bad", () => {
      // Act
      const { status, report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven, { shard: { index: 3, count: 2 } });"]);

      // Assert
      expect(status).to.equal(1);
      expect(report.failures.map((test) => [test.title, test.err.message])).to.deep.equal([
        ['"before all" hook for "sweeps every fault point"', 'sweep: options.shard.index must be an integer from 1 to options.shard.count (2), got number 3'],
      ]);
      expect(report.passes).to.deep.equal([]);
    });
  });

  describe('when ERRINJECT_SHARD is set, as a CI matrix sets it', () => {
    for (const [value, titles] of [
      ['1/3', ['sweeps every fault point of shard 1/3: 3 found in 4 runs', CASE[1], CASE[4], CASE[7], `n=10: ${NO_FAULT}`]],
      ['2/3', ['sweeps every fault point of shard 2/3: 2 found in 3 runs', CASE[2], CASE[5], `n=8: ${NO_FAULT}`]],
      ['3/3', ['sweeps every fault point of shard 3/3: 2 found in 3 runs', CASE[3], CASE[6], `n=9: ${NO_FAULT}`]],
    ] as const) {
      it(`should make shard ${value} only, under the real n of each run`, () => {
        // Act
        const { status, report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven);"], [], { ERRINJECT_SHARD: value });

        // Assert
        expect(status).to.equal(0);
        expect(report.tests.map((test) => test.title)).to.deep.equal(titles);
      });
    }

    it('should make the whole sweep when it is empty', () => {
      // Act
      const { report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven);"], [], { ERRINJECT_SHARD: '' });

      // Assert
      expect(report.tests[0]?.title).to.equal('sweeps every fault point: 7 found in 8 runs');
    });

    it('should fail the first case when max stops the shard, saying so', () => {
      // Act
      const { status, report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven, { max: 7 });"], [], { ERRINJECT_SHARD: '1/3' });

      // Assert
      expect(status).to.equal(1);
      expect(report.tests.map((test) => test.title)).to.deep.equal(['sweeps every fault point of shard 1/3: 3 found in 3 runs (stopped at max)', CASE[1], CASE[4], CASE[7]]);
      expect(report.failures.map((test) => test.err.message)).to.deep.equal([
        'shard 1/3 stopped at max (which bounds n) with a fault injected in each of its 3 runs (n = 1 to 7): more fault points may lie beyond; raise options.max',
      ]);
    });

    for (const value of ['0/2', '3/2', '1/0', 'a/b', '2', '1.5/2', ' 1/2', '-1/2']) {
      it(`should fail the suite, naming the value, when it is ${JSON.stringify(value)}`, () => {
        // Act
        const { status, report } = runMocha(dir, [...SEVEN, "describeSweep('Store.seven', seven);"], [], { ERRINJECT_SHARD: value });

        // Assert
        expect(status).to.equal(1);
        expect(report.failures.map((test) => [test.title, test.err.message])).to.deep.equal([
          [
            '"before all" hook for "sweeps every fault point"',
            'describeSweep: ERRINJECT_SHARD must be INDEX/COUNT, two integers with 1 ≤ INDEX ≤ COUNT ≤ 4294967295 ' +
              `(ERRINJECT_SHARD=2/4 makes the runs with n ≡ 2 mod 4), or empty for the whole sweep; got ${JSON.stringify(value)}`,
          ],
        ]);
        expect(report.passes).to.deep.equal([]);
      });
    }
  });
});
