import { expect } from 'chai';
import { CliError } from '../../src/errors/CliError';
import type { CommandSweepReport, CommandSweepRun } from '../../src/sweep/CommandSweepReport';
import { mergeSweepReports, type ShardReport } from '../../src/sweep/mergeSweepReports';

function run(n: number, fields: Partial<CommandSweepRun> = {}): CommandSweepRun {
  return {
    n, injected: true, function: 'open', capability: 'fail_function', site: `/app/db.js:${n}:5`, faults: [], exitCode: 0, signal: null, crashed: false,
    timedOut: false, crashes: [], loaded: true, durationMs: 10, stderr: '', check: null, badState: false, marked: n === 1 ? ['open', 'alloc'] : [], ...fields,
  };
}

const NONE = { injected: false, function: null, capability: null, site: null } as const;

/** Shard i/N of a sweep whose runs 1 to 4 inject (run 2 crashes) and run 5 injects nothing. */
function shard(index: number, count: number, fields: Partial<CommandSweepReport> = {}): ShardReport {
  const runs: CommandSweepRun[] = [];
  for (let n = index; ; n += count) {
    runs.push(n >= 5 ? run(n, NONE) : run(n, n === 2 ? { crashed: true, exitCode: 1 } : {}));
    if (n >= 5) break;
  }
  const report: CommandSweepReport = {
    command: ['node', 'app.js'], capabilities: ['fail_function'], functions: ['open', 'alloc'], runs, faultPoints: 0, crashed: 0, timedOut: 0, check: null,
    badState: 0, complete: true, noFaultReason: null,
    settings: { entries: ['fail_function/verbose=0'], inject: [], userEntries: null, seed: null, control: false, max: null, timeoutMs: null },
    shard: { index, count }, missingShards: [], ...fields,
  };
  return { file: `shard-${index}.json`, report };
}

function refusal(shards: ShardReport[]): CliError {
  try {
    mergeSweepReports(shards);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected the merge to be refused');
}

describe('mergeSweepReports', () => {
  describe('when every shard is given', () => {
    it('should keep the runs by n up to the first that injected nothing, and count them again', () => {
      // Act: shard 1/3 ran 1, 4, 7 (7 injects nothing); 2/3 ran 2, 5; 3/3 ran 3, 6
      const merged = mergeSweepReports([shard(3, 3), shard(1, 3), shard(2, 3)]);

      // Assert: 6 and 7 are dropped, made only because each shard stops on its own
      expect(merged.runs.map((one) => [one.n, one.injected])).to.deep.equal([[1, true], [2, true], [3, true], [4, true], [5, false]]);
      expect(merged).to.deep.include({ faultPoints: 4, crashed: 1, timedOut: 0, badState: 0, complete: true, noFaultReason: null, shard: null, missingShards: [] });
      expect(merged.functions).to.deep.equal(['open', 'alloc']);
    });

    it('should end at a run that timed out before any fault, and say the sweep is not complete', () => {
      // Arrange: run 3 hung before any fault
      const third = shard(3, 3);
      const hung = { ...third, report: { ...third.report, complete: false, runs: [run(3, { ...NONE, timedOut: true, signal: 'SIGKILL', exitCode: null })] } };

      // Act
      const merged = mergeSweepReports([shard(1, 3), shard(2, 3), hung]);

      // Assert
      expect(merged.runs.map((one) => one.n)).to.deep.equal([1, 2, 3]);
      expect(merged).to.deep.include({ timedOut: 1, complete: false });
    });
  });

  describe('when a shard is missing', () => {
    it('should name it, keep the others\' runs and say the sweep is not complete', () => {
      const merged = mergeSweepReports([shard(1, 3), shard(3, 3)]);
      expect(merged.missingShards).to.deep.equal([{ index: 2, count: 3 }]);
      expect(merged.runs.map((one) => one.n)).to.deep.equal([1, 3, 4, 6]);
      expect(merged.complete).to.equal(false);
      expect(merged.noFaultReason).to.equal(null);
    });
  });

  describe('when the reports are not of one sweep', () => {
    it('should refuse a different command, capabilities, seed or settings, naming what differs and the file', () => {
      const other = shard(2, 2);
      const cases: Array<[Partial<CommandSweepReport>, string]> = [
        [{ command: ['node', 'other.js'] }, 'its command is ["node","other.js"], not ["node","app.js"]'],
        [{ capabilities: ['fail_fs'] }, 'its capabilities is ["fail_fs"], not ["fail_function"]'],
        [{ settings: { ...other.report.settings, seed: '7' } }, 'its seed is "7", not null'],
        [{ settings: { ...other.report.settings, max: 9 } }, 'its --max is 9, not null'],
        [{ check: 'true' }, 'its check is "true", not null'],
      ];
      for (const [fields, text] of cases) {
        const error = refusal([shard(1, 2), shard(2, 2, fields)]);
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message, text).to.equal(`shard-2.json is not of the same sweep as shard-1.json: ${text}`);
      }
    });

    it('should refuse a shard given twice, shards of different N, and a whole sweep\'s report', () => {
      expect(refusal([shard(1, 2), { ...shard(1, 2), file: 'again.json' }]).message).to.equal('again.json and shard-1.json are both of shard 1/2: give each shard once');
      expect(refusal([shard(1, 2), shard(2, 3)]).message).to.equal('shard-2.json is of shard 2/3, but shard-1.json is of shard 1/2: the shards of one sweep have the same N');
      expect(refusal([shard(1, 2), shard(2, 2, { shard: null })]).message).to.contain('shard-2.json is the report of a whole sweep, not of a shard');
      expect(refusal([]).code).to.equal('ERR_USAGE');
    });

    it('should refuse a shard that lacks one of its runs', () => {
      const first = shard(1, 2);
      const gap = { ...first, report: { ...first.report, runs: first.report.runs.filter((one) => one.n !== 3) } };
      expect(refusal([gap, shard(2, 2)]).message).to.equal('shard-1.json (shard 1/2) has no run 3, though it has runs after it: is it a report failcmd wrote?');
    });
  });
});
