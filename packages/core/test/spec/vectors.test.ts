import { expect } from 'chai';
import {
  debugfs,
  declareFaultAttr,
  decideFault,
  FAULT_NOWARN,
  procfs,
  runTask,
  setVerboseSink,
  shouldFail,
  shouldFailEx,
  type FaultAttr,
  type FaultRecord,
  type VerboseRecord,
} from '../../src/index';
import { uniqueName } from '../support/names';
import { silenceVerbose } from '../support/sink';

/**
 * The test vectors of kernel-semantics.md §8 A–E, one `it` per vector, each on a capability of its
 * own. The vector tables give the results and the state afterwards; both are asserted. Where
 * API.md differs from the kernel (an invalid boolean is EINVAL, the ratelimit window is in real
 * milliseconds), API.md wins.
 *
 * Vectors that do not apply in Node.js:
 * - 29 and 35 need interrupt context, which Node.js does not have: every call is process context.
 * - 48 reads the address-range knobs require-start/require-end, which this port replaces with the
 *   require-stack/reject-stack patterns of API.md.
 */

/** A fresh capability with the kernel's defaults (count 0), under a name no other test uses. */
function capability(tag: string): FaultAttr {
  return declareFaultAttr(uniqueName(`spec-vectors-${tag}`));
}

/** Writes knobs through debugfs, in the order given. */
function configure(attr: FaultAttr, knobs: Record<string, string>): void {
  for (const [knob, value] of Object.entries(knobs)) debugfs.write(`${attr.name}/${knob}`, value);
}

function read(attr: FaultAttr, knob: string): string {
  return debugfs.read(`${attr.name}/${knob}`);
}

/** Calls shouldFail once per size and writes the results as the tables do: `T F T`. */
function calls(attr: FaultAttr, sizes: readonly number[]): string {
  return sizes.map((size) => (shouldFail(attr, size) ? 'T' : 'F')).join(' ');
}

function ones(n: number): number[] {
  return new Array<number>(n).fill(1);
}

/** fn(N) of the tables: a write of N to this task's fail-nth. */
function fn(value: string): void {
  procfs.write('self/fail-nth', value);
}

function failNth(): string {
  return procfs.read('self/fail-nth');
}

/** Runs a vector in a task of its own: fail-nth 0 and the make-it-fail given (0 by default). */
function inTask<R>(body: () => R, makeItFail = false): R {
  return runTask(body, { makeItFail });
}

/**
 * The internal `count` has no file; it shows through interval. With interval M, probability 100 and
 * times -1, the k-th call from now fails first when (count + k) % M == 0, so count % M == (M - k) % M.
 * Rewrites knobs, so it comes last in a vector.
 */
function countOf(attr: FaultAttr): number {
  const probe = 1000;
  configure(attr, { probability: '100', times: '-1', space: '0', 'task-filter': 'N', interval: String(probe) });
  for (let k = 1; k <= probe; k++) {
    if (shouldFailEx(attr, 1, FAULT_NOWARN)) return (probe - k) % probe;
  }
  throw new Error(`the interval probe of ${attr.name} never failed`);
}

function errorCodeOf(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code ?? `not an errno error: ${String(error)}`;
  }
  return undefined;
}

/** Runs the body with a sink that keeps the fault records of one capability. */
function faultRecords(attr: FaultAttr, body: () => void): FaultRecord[] {
  const records: VerboseRecord[] = [];
  const previous = setVerboseSink((record) => {
    records.push(record);
  });
  try {
    body();
  } finally {
    setVerboseSink(previous);
  }
  return records.filter((record): record is FaultRecord => record.kind === 'fault' && record.capability === attr.name);
}

function recordLines(record: FaultRecord): string[] {
  return record.text.split('\n');
}

describe('fault-injection test vectors (kernel-semantics.md §8)', () => {
  silenceVerbose('all');

  describe('when probability, interval and times are set (A)', () => {
    it('should fail every call with interval 1 and leave times -1 and count 0 (vector 1)', () => {
      // Arrange
      const attr = capability('v1');
      configure(attr, { probability: '100', interval: '1', times: '-1' });

      // Act
      const results = inTask(() => calls(attr, ones(4)));

      // Assert
      expect(results).to.equal('T T T T');
      expect(read(attr, 'times')).to.equal('-1\n');
      expect(inTask(() => countOf(attr))).to.equal(0);
    });

    it('should fail F T F T F T with interval 2 (vector 2)', () => {
      const attr = capability('v2');
      configure(attr, { probability: '100', interval: '2', times: '-1' });

      const results = inTask(() => calls(attr, ones(6)));

      expect(results).to.equal('F T F T F T');
      expect(read(attr, 'times')).to.equal('-1\n');
      expect(inTask(() => countOf(attr))).to.equal(6);
    });

    it('should fail F F T F F T F with interval 3 (vector 3)', () => {
      const attr = capability('v3');
      configure(attr, { probability: '100', interval: '3', times: '-1' });

      const results = inTask(() => calls(attr, ones(7)));

      expect(results).to.equal('F F T F F T F');
      expect(inTask(() => countOf(attr))).to.equal(7);
    });

    it('should not gate with interval 0 and leave count 0 (vector 4)', () => {
      const attr = capability('v4');
      configure(attr, { probability: '100', interval: '0', times: '-1' });

      const results = inTask(() => calls(attr, ones(3)));

      expect(results).to.equal('T T T');
      expect(read(attr, 'interval')).to.equal('0\n');
      expect(inTask(() => countOf(attr))).to.equal(0);
    });

    it('should fail nothing with times 0 (vector 5)', () => {
      const attr = capability('v5');
      configure(attr, { probability: '100', interval: '1', times: '0' });

      const results = inTask(() => calls(attr, ones(3)));

      expect(results).to.equal('F F F');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should fail once with times left at its default 1 (vector 6)', () => {
      const attr = capability('v6');
      configure(attr, { probability: '100' });

      const results = inTask(() => calls(attr, ones(3)));

      expect(results).to.equal('T F F');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should fail three times with times 3 (vector 7)', () => {
      const attr = capability('v7');
      configure(attr, { probability: '100', times: '3' });

      const results = inTask(() => calls(attr, ones(5)));

      expect(results).to.equal('T T T F F');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should stop counting interval calls once times is 0 (vector 8)', () => {
      const attr = capability('v8');
      configure(attr, { probability: '100', interval: '2', times: '2' });

      const decisions = inTask(() => ones(8).map(() => decideFault(attr, 1)));

      expect(decisions.map((d) => (d === 'fail' ? 'T' : 'F')).join(' ')).to.equal('F T F T F F F F');
      // Calls 5–8 stop at the times==0 check, before the interval step.
      expect(decisions.slice(4)).to.deep.equal(['times-exhausted', 'times-exhausted', 'times-exhausted', 'times-exhausted']);
      expect(read(attr, 'times')).to.equal('0\n');
      expect(inTask(() => countOf(attr))).to.equal(4);
    });

    it('should keep count across a rewrite of interval (vector 9)', () => {
      const attr = capability('v9');
      configure(attr, { probability: '100', times: '-1', interval: '2' });

      const results = inTask(() => {
        const before = calls(attr, ones(3));
        configure(attr, { interval: '3' });
        return `${before}, ${calls(attr, ones(3))}`;
      });

      // count 4 F, 5 F, 6 T: changing interval does not reset count.
      expect(results).to.equal('F T F, F F T');
      expect(inTask(() => countOf(attr))).to.equal(6);
    });

    it('should keep decrementing a negative times other than -1 (vector 10)', () => {
      const attr = capability('v10');
      configure(attr, { probability: '100', times: '-2' });

      const results = inTask(() => calls(attr, ones(3)));

      expect(results).to.equal('T T T');
      expect(read(attr, 'times')).to.equal('-5\n');
    });

    it('should fail nothing and consume nothing with probability 0 (vector 11)', () => {
      const attr = capability('v11');
      configure(attr, { probability: '0', times: '-1', interval: '1' });

      const decisions = inTask(() => ones(3).map(() => decideFault(attr, 1)));

      expect(decisions).to.deep.equal(['probability-zero', 'probability-zero', 'probability-zero']);
      expect(read(attr, 'times')).to.equal('-1\n');
      expect(read(attr, 'space')).to.equal('0\n');
      expect(inTask(() => countOf(attr))).to.equal(0);
    });

    it('should accept probability 150 and always fail (vector 12)', () => {
      const attr = capability('v12');
      configure(attr, { probability: '150', times: '-1' });

      const results = inTask(() => calls(attr, ones(3)));

      expect(results).to.equal('T T T');
      expect(read(attr, 'probability')).to.equal('150\n');
    });
  });

  describe('when space is set (B)', () => {
    it('should use space while it is strictly larger than the size (vector 13)', () => {
      const attr = capability('v13');
      configure(attr, { probability: '100', times: '-1', space: '10' });

      const results = inTask(() => calls(attr, [4, 4, 4, 4]));

      // 10 → 6 → 2, then 2 > 4 is false, so space stays 2.
      expect(results).to.equal('F F T T');
      expect(read(attr, 'space')).to.equal('2\n');
    });

    it('should be blocked again by space after a larger call (vector 14)', () => {
      const attr = capability('v14');
      configure(attr, { probability: '100', times: '-1', space: '10' });

      const results = inTask(() => calls(attr, [3, 1, 6, 1, 1, 1]));

      // 10 → 7 → 6; 6 > 6 false → T; 6 → 5 → 4 → 3.
      expect(results).to.equal('F F T F F F');
      expect(read(attr, 'space')).to.equal('3\n');
    });

    it('should not block a call whose size equals space (vector 15)', () => {
      const attr = capability('v15');
      configure(attr, { probability: '100', times: '1', space: '5' });

      const results = inTask(() => calls(attr, [5]));

      expect(results).to.equal('T');
      expect(read(attr, 'space')).to.equal('5\n');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should not use space when probability is 0 (vector 16)', () => {
      const attr = capability('v16');
      configure(attr, { probability: '0', times: '-1', space: '10' });

      const results = inTask(() => calls(attr, [4, 4]));

      expect(results).to.equal('F F');
      expect(read(attr, 'space')).to.equal('10\n');
    });

    it('should not use space when times is 0 (vector 17)', () => {
      const attr = capability('v17');
      configure(attr, { probability: '100', times: '0', space: '10' });

      const results = inTask(() => calls(attr, [4]));

      expect(results).to.equal('F');
      expect(read(attr, 'space')).to.equal('10\n');
    });

    it('should count interval only for calls past space (vector 18)', () => {
      const attr = capability('v18');
      configure(attr, { probability: '100', times: '-1', space: '2', interval: '2' });

      const results = inTask(() => calls(attr, ones(5)));

      // Call 1 uses space (2 → 1); calls 2–5 count 1..4.
      expect(results).to.equal('F F T F T');
      expect(read(attr, 'space')).to.equal('1\n');
      expect(inTask(() => countOf(attr))).to.equal(4);
    });

    it('should fail once after space and then stop at times 0 (vector 19)', () => {
      const attr = capability('v19');
      configure(attr, { probability: '100', times: '1', space: '3' });

      const results = inTask(() => calls(attr, ones(4)));

      expect(results).to.equal('F F T F');
      expect(read(attr, 'space')).to.equal('1\n');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should never block with a negative space (vector 20)', () => {
      const attr = capability('v20');
      configure(attr, { probability: '100', times: '-1', space: '-1' });

      const results = inTask(() => calls(attr, [1]));

      expect(results).to.equal('T');
      expect(read(attr, 'space')).to.equal('-1\n');
    });
  });

  describe('when fail-nth is written (C)', () => {
    it('should fail the third call and decrement times (vector 21)', () => {
      const attr = capability('v21');
      configure(attr, { probability: '0', times: '1' });

      const [results, after] = inTask(() => {
        fn('3');
        return [calls(attr, ones(5)), failNth()];
      });

      expect(results).to.equal('F F T F F');
      expect(after).to.equal('0\n');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should ignore times 0 and leave it 0 (vector 22)', () => {
      const attr = capability('v22');
      configure(attr, { probability: '0', times: '0' });

      const [results, after] = inTask(() => {
        fn('2');
        return [calls(attr, ones(3)), failNth()];
      });

      expect(results).to.equal('F T F');
      expect(after).to.equal('0\n');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should read the remaining countdown and disarm on fn(0) (vector 23)', () => {
      const attr = capability('v23');
      configure(attr, { probability: '0' });

      const [first, during, afterDisarm, later] = inTask(() => {
        fn('5');
        const before = calls(attr, ones(2));
        const remaining = failNth();
        fn('0');
        const disarmed = failNth();
        return [before, remaining, disarmed, calls(attr, ones(6))];
      });

      expect(first).to.equal('F F');
      expect(during).to.equal('3\n');
      expect(afterDisarm).to.equal('0\n');
      expect(later).to.equal('F F F F F F');
      expect(read(attr, 'times')).to.equal('1\n');
    });

    it('should fail the very next call with fn(1) (vector 24)', () => {
      const attr = capability('v24');
      configure(attr, { probability: '0' });

      const [results, after] = inTask(() => {
        fn('1');
        return [calls(attr, ones(2)), failNth()];
      });

      expect(results).to.equal('T F');
      expect(after).to.equal('0\n');
    });

    it('should suppress probability-100 failures during the countdown (vector 25)', () => {
      const attr = capability('v25');
      configure(attr, { probability: '100', times: '-1' });

      const [decisions, after] = inTask(() => {
        fn('3');
        return [ones(5).map(() => decideFault(attr, 1)), failNth()];
      });

      expect(decisions).to.deep.equal(['nth-countdown', 'nth-countdown', 'fail-nth', 'fail', 'fail']);
      expect(after).to.equal('0\n');
      expect(read(attr, 'times')).to.equal('-1\n');
    });

    it('should not count interval during the countdown (vector 26)', () => {
      const attr = capability('v26');
      configure(attr, { probability: '100', interval: '2', times: '-1' });

      const [results, after] = inTask(() => {
        fn('2');
        return [calls(attr, ones(4)), failNth()];
      });

      expect(results).to.equal('F T F T');
      expect(after).to.equal('0\n');
      expect(inTask(() => countOf(attr))).to.equal(2);
    });

    it('should not use space during the countdown (vector 27)', () => {
      const attr = capability('v27');
      configure(attr, { probability: '100', times: '-1', space: '10' });

      const [results, after] = inTask(() => {
        fn('2');
        return [calls(attr, [4, 4, 4, 4, 4]), failNth()];
      });

      expect(results).to.equal('F T F F T');
      expect(after).to.equal('0\n');
      expect(read(attr, 'space')).to.equal('2\n');
    });

    it('should share one countdown across capabilities (vector 28)', () => {
      const a = capability('v28a');
      const b = capability('v28b');
      configure(a, { probability: '0' });
      configure(b, { probability: '0' });

      const [results, after] = inTask(() => {
        fn('2');
        const first = shouldFail(a, 1);
        const second = shouldFail(b, 1);
        const third = shouldFail(a, 1);
        return [[first, second, third].map((r) => (r ? 'T' : 'F')).join(' '), failNth()];
      });

      expect(results).to.equal('F T F');
      expect(after).to.equal('0\n');
      expect(read(a, 'times')).to.equal('1\n');
      expect(read(b, 'times')).to.equal('0\n');
    });

    it('should not count calls a capability pre-filter skips (vector 30)', () => {
      // failslab with ignore-gfp-wait=Y: a sleeping allocation never reaches should_fail.
      const GFP_DIRECT_RECLAIM = 0x400;
      const GFP_KERNEL = GFP_DIRECT_RECLAIM | 0x40 | 0x80 | 0x800;
      const GFP_ATOMIC = 0x20 | 0x800;
      const failslab = capability('v30-failslab');
      configure(failslab, { probability: '0' });
      const ignoreGfpWait = true;
      const slabAlloc = (gfp: number): object | null => {
        if (ignoreGfpWait && (gfp & GFP_DIRECT_RECLAIM) !== 0) return {};
        return shouldFail(failslab, 64) ? null : {};
      };

      const [first, between, second, after] = inTask(() => {
        fn('1');
        const sleeping = slabAlloc(GFP_KERNEL);
        const remaining = failNth();
        const atomic = slabAlloc(GFP_ATOMIC);
        return [sleeping, remaining, atomic, failNth()];
      });

      expect(first).to.not.equal(null);
      expect(between).to.equal('1\n');
      expect(second).to.equal(null);
      expect(after).to.equal('0\n');
    });

    it('should refuse bad fail-nth writes and parse 0x10 and 010 (vector 31)', () => {
      inTask(() => {
        expect(errorCodeOf(() => fn('abc'))).to.equal('EINVAL');
        expect(failNth()).to.equal('0\n');
        expect(errorCodeOf(() => fn('-1'))).to.equal('EINVAL');
        expect(failNth()).to.equal('0\n');
        expect(errorCodeOf(() => fn('4294967296'))).to.equal('ERANGE');
        expect(failNth()).to.equal('0\n');
        expect(errorCodeOf(() => fn('0x10'))).to.equal(undefined);
        expect(failNth()).to.equal('16\n');
        expect(errorCodeOf(() => fn('010'))).to.equal(undefined);
        expect(failNth()).to.equal('8\n');
        expect(errorCodeOf(() => fn('08'))).to.equal('EINVAL');
        // A refused write leaves the countdown as it was.
        expect(failNth()).to.equal('8\n');
        fn('0');
      });
    });
  });

  describe('when task-filter and make-it-fail are set (D)', () => {
    it('should fail nothing in a task whose make-it-fail is 0 (vector 32)', () => {
      const attr = capability('v32');
      configure(attr, { probability: '100', times: '-1', 'task-filter': 'Y' });

      const decisions = inTask(() => ones(3).map(() => decideFault(attr, 1)), false);

      expect(decisions).to.deep.equal(['task-filter', 'task-filter', 'task-filter']);
      expect(read(attr, 'times')).to.equal('-1\n');
    });

    it('should fail every call in a task whose make-it-fail is 1 (vector 33)', () => {
      const attr = capability('v33');
      configure(attr, { probability: '100', times: '-1', 'task-filter': 'Y' });

      const results = inTask(() => calls(attr, ones(3)), true);

      expect(results).to.equal('T T T');
    });

    it('should fail every call when task-filter is N whatever make-it-fail says (vector 34)', () => {
      const attr = capability('v34');
      configure(attr, { probability: '100', times: '-1', 'task-filter': 'N' });

      const results = inTask(() => calls(attr, ones(3)), false);

      expect(results).to.equal('T T T');
    });

    it('should let fail-nth bypass task-filter (vector 36)', () => {
      const attr = capability('v36');
      configure(attr, { probability: '100', times: '-1', 'task-filter': 'Y' });

      const [results, after] = inTask(() => {
        fn('2');
        return [calls(attr, ones(3)), failNth()];
      }, false);

      expect(results).to.equal('F T F');
      expect(after).to.equal('0\n');
    });

    it('should spend times only in the task with make-it-fail (vector 37)', () => {
      const attr = capability('v37');
      configure(attr, { probability: '100', times: '2', 'task-filter': 'Y' });

      const resultsA = inTask(() => calls(attr, ones(2)), false);
      const timesAfterA = read(attr, 'times');
      const resultsB = inTask(() => calls(attr, ones(3)), true);

      expect(resultsA).to.equal('F F');
      expect(timesAfterA).to.equal('2\n');
      expect(resultsB).to.equal('T T F');
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should use space only in the task with make-it-fail (vector 38)', () => {
      const attr = capability('v38');
      configure(attr, { probability: '100', times: '-1', space: '5', 'task-filter': 'Y' });

      const resultA = inTask(() => calls(attr, [4]), false);
      const spaceAfterA = read(attr, 'space');
      const resultB1 = inTask(() => calls(attr, [4]), true);
      const spaceAfterB1 = read(attr, 'space');
      const resultB2 = inTask(() => calls(attr, [4]), true);

      expect(resultA).to.equal('F');
      expect(spaceAfterA).to.equal('5\n');
      expect(resultB1).to.equal('F');
      expect(spaceAfterB1).to.equal('1\n');
      expect(resultB2).to.equal('T');
      expect(read(attr, 'space')).to.equal('1\n');
    });

    it('should accept 1, 0x1 and " 1 \\n" and refuse 2, -1 and abc as make-it-fail (vector 39)', () => {
      // The EPERM case (no CAP_SYS_RESOURCE) corresponds to the production switch ERRINJECT=off,
      // which cannot be turned on inside this process; it is not tested here.
      inTask(() => {
        const write = (value: string) => errorCodeOf(() => procfs.write('self/make-it-fail', value));
        const value = () => procfs.read('self/make-it-fail');

        expect(value()).to.equal('0\n');
        expect(write('2')).to.equal('EINVAL');
        expect(value()).to.equal('0\n');
        expect(write('1')).to.equal(undefined);
        expect(value()).to.equal('1\n');
        procfs.write('self/make-it-fail', '0');
        expect(write('0x1')).to.equal(undefined);
        expect(value()).to.equal('1\n');
        procfs.write('self/make-it-fail', '0');
        expect(write(' 1 \n')).to.equal(undefined);
        expect(value()).to.equal('1\n');
        expect(write('2')).to.equal('EINVAL');
        expect(value()).to.equal('1\n');
        expect(write('-1')).to.equal('EINVAL');
        expect(value()).to.equal('1\n');
        expect(write('abc')).to.equal('EINVAL');
        expect(value()).to.equal('1\n');
      }, false);
    });
  });

  describe('when verbose, the rate limit and the knob parsers are exercised (E)', () => {
    it('should log one record per failure with the pre-decrement times and no stack at verbose 1 (vector 40)', () => {
      const attr = capability('v40');
      configure(attr, { probability: '100', times: '3', verbose: '1', verbose_ratelimit_interval_ms: '0' });
      let results = '';

      const records = faultRecords(attr, () => {
        results = inTask(() => calls(attr, ones(3)));
      });

      expect(results).to.equal('T T T');
      expect(records).to.have.length(3);
      expect(records.map((record) => record.times)).to.deep.equal([3, 2, 1]);
      records.forEach((record, i) => {
        expect(record.stack).to.equal(undefined);
        expect(recordLines(record)).to.deep.equal([
          'FAULT_INJECTION: forcing a failure.',
          `name ${attr.name}, interval 1, probability 100, space 0, times ${3 - i}`,
          '',
        ]);
      });
      expect(read(attr, 'times')).to.equal('0\n');
    });

    it('should add a stack at verbose 2 and log nothing at verbose 0 or with FAULT_NOWARN (vector 41)', () => {
      const verbose2 = capability('v41-verbose2');
      const verbose0 = capability('v41-verbose0');
      const nowarn = capability('v41-nowarn');
      for (const [attr, verbose] of [
        [verbose2, '2'],
        [verbose0, '0'],
        [nowarn, '2'],
      ] as const) {
        configure(attr, { probability: '100', times: '3', verbose, verbose_ratelimit_interval_ms: '0' });
      }
      const results: string[] = [];

      const records2 = faultRecords(verbose2, () => results.push(inTask(() => calls(verbose2, ones(3)))));
      const records0 = faultRecords(verbose0, () => results.push(inTask(() => calls(verbose0, ones(3)))));
      const recordsNowarn = faultRecords(nowarn, () =>
        results.push(inTask(() => ones(3).map(() => (shouldFailEx(nowarn, 1, FAULT_NOWARN) ? 'T' : 'F')).join(' '))),
      );

      expect(results).to.deep.equal(['T T T', 'T T T', 'T T T']);
      expect(records2).to.have.length(3);
      expect(records2.map((record) => record.times)).to.deep.equal([3, 2, 1]);
      for (const record of records2) {
        expect(record.stack).to.be.a('string').and.not.equal('');
        expect(recordLines(record).slice(0, 2)).to.deep.equal([
          'FAULT_INJECTION: forcing a failure.',
          `name ${verbose2.name}, interval 1, probability 100, space 0, times ${record.times}`,
        ]);
      }
      expect(records0).to.deep.equal([]);
      expect(recordsNowarn).to.deep.equal([]);
      // FAULT_NOWARN silences the record, not the injection: times is spent as usual.
      expect(read(nowarn, 'times')).to.equal('0\n');
    });

    it('should log only burst records inside a rate-limit window (vector 42)', () => {
      const attr = capability('v42');
      configure(attr, {
        verbose: '1',
        verbose_ratelimit_interval_ms: '1000',
        verbose_ratelimit_burst: '2',
        probability: '100',
        times: '-1',
      });
      let results = '';

      const records = faultRecords(attr, () => {
        results = inTask(() => calls(attr, ones(5)));
      });

      expect(results).to.equal('T T T T T');
      expect(records).to.have.length(2);
      expect(records.map((record) => record.times)).to.deep.equal([-1, -1]);
    });

    it('should log nothing with burst 0 inside a window, and everything with window 0 (vector 43)', () => {
      const limited = capability('v43-window');
      const unlimited = capability('v43-nowindow');
      configure(limited, { verbose: '1', verbose_ratelimit_interval_ms: '1000', verbose_ratelimit_burst: '0', probability: '100', times: '-1' });
      configure(unlimited, { verbose: '1', verbose_ratelimit_interval_ms: '0', verbose_ratelimit_burst: '0', probability: '100', times: '-1' });
      const results: string[] = [];

      const limitedRecords = faultRecords(limited, () => results.push(inTask(() => calls(limited, ones(4)))));
      const unlimitedRecords = faultRecords(unlimited, () => results.push(inTask(() => calls(unlimited, ones(4)))));

      expect(results).to.deep.equal(['T T T T', 'T T T T']);
      expect(limitedRecords).to.deep.equal([]);
      expect(unlimitedRecords).to.have.length(4);
    });

    it('should parse probability writes as an unsigned 64-bit integer (vector 44)', () => {
      const attr = capability('v44');
      const write = (value: string) => errorCodeOf(() => debugfs.write(`${attr.name}/probability`, value));

      expect(write('100\n')).to.equal(undefined);
      expect(read(attr, 'probability')).to.equal('100\n');
      configure(attr, { probability: '0' });
      expect(write('0x64')).to.equal(undefined);
      expect(read(attr, 'probability')).to.equal('100\n');
      expect(write('+5')).to.equal(undefined);
      expect(read(attr, 'probability')).to.equal('5\n');
      for (const refused of ['-1', '1e2', ' 5', '']) {
        expect(write(refused), JSON.stringify(refused)).to.equal('EINVAL');
        expect(read(attr, 'probability'), `after ${JSON.stringify(refused)}`).to.equal('5\n');
      }
    });

    it('should parse times writes as signed 64-bit and store 32 bits (vector 45)', () => {
      const attr = capability('v45');
      const write = (value: string) => errorCodeOf(() => debugfs.write(`${attr.name}/times`, value));

      expect(write('-1')).to.equal(undefined);
      expect(read(attr, 'times')).to.equal('-1\n');
      configure(attr, { times: '7' });
      expect(write('4294967295')).to.equal(undefined);
      expect(read(attr, 'times')).to.equal('-1\n');
      expect(write('2147483648')).to.equal(undefined);
      expect(read(attr, 'times')).to.equal('-2147483648\n');
      expect(write('9223372036854775808')).to.equal('ERANGE');
      expect(read(attr, 'times')).to.equal('-2147483648\n');
    });

    it('should parse task-filter writes and refuse anything else with EINVAL (vector 46)', () => {
      const attr = capability('v46');
      const write = (value: string) => errorCodeOf(() => debugfs.write(`${attr.name}/task-filter`, value));

      for (const yes of ['Y', 'y', '1', 'on']) {
        configure(attr, { 'task-filter': 'N' });
        expect(write(yes), yes).to.equal(undefined);
        expect(read(attr, 'task-filter'), yes).to.equal('Y\n');
      }
      for (const no of ['N', 'n', '0', 'off']) {
        configure(attr, { 'task-filter': 'Y' });
        expect(write(no), no).to.equal(undefined);
        expect(read(attr, 'task-filter'), no).to.equal('N\n');
      }
      // API.md: an invalid boolean is refused with EINVAL (the kernel ignores it), and nothing changes.
      expect(write('maybe')).to.equal('EINVAL');
      expect(read(attr, 'task-filter')).to.equal('N\n');
      configure(attr, { 'task-filter': 'Y' });
      expect(write('maybe')).to.equal('EINVAL');
      expect(read(attr, 'task-filter')).to.equal('Y\n');
    });

    it('should clamp stacktrace-depth to 32 (vector 47)', () => {
      const attr = capability('v47');

      configure(attr, { 'stacktrace-depth': '100' });
      const clamped = read(attr, 'stacktrace-depth');
      configure(attr, { 'stacktrace-depth': '5' });

      expect(clamped).to.equal('32\n');
      expect(read(attr, 'stacktrace-depth')).to.equal('5\n');
    });
  });
});
