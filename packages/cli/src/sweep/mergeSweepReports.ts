import { isDeepStrictEqual } from 'node:util';
import { CliError } from '../errors/CliError';
import type { CommandSweepReport, CommandSweepRun, SweepShard } from './CommandSweepReport';
import { noFaultReason } from './noFaultReason';

/** A shard's report and where it came from, for messages. */
export interface ShardReport {
  /** The file the report was read from (or any name that tells it apart). */
  readonly file: string;
  /** The report, as `failcmd --sweep --shard i/N --json` wrote it. */
  readonly report: CommandSweepReport;
}

function mismatch(message: string): CliError {
  return new CliError('ERR_INVALID_ARG_VALUE', message);
}

/** The parts of a report its shards must agree on, each with its name for messages. */
function sameSweep(report: CommandSweepReport): ReadonlyArray<readonly [string, unknown]> {
  return [
    ['command', report.command],
    ['capabilities', report.capabilities],
    ['check', report.check],
    ['seed', report.settings.seed],
    ['entries (the knobs)', report.settings.entries],
    ['functions named with --inject', report.settings.inject],
    ['ERRINJECT of the user', report.settings.userEntries],
    ['--control', report.settings.control],
    ['--max', report.settings.max],
    ['--timeout', report.settings.timeoutMs],
  ];
}

/**
 * Merges the reports of the shards of one sweep (`failcmd --sweep --shard i/N --json`) into the report
 * the whole sweep would have made: the runs by n, up to the first n that injected nothing over all the
 * shards (a deterministic command injects nothing at any later n; the runs after it were made only
 * because each shard stops on its own), with the counts, the functions, `noFaultReason` and `complete`
 * made again from them. Shards not given are named in `missingShards`, and the sweep is then not
 * complete.
 *
 * Only what the reports hold can be checked: that they are of one sweep (the same command,
 * capabilities, check, seed and settings, each shard of one count once) and that each holds every one
 * of its runs up to that n. A nondeterministic command may reach other fault points in other shards,
 * which no merge can see.
 *
 * @param shards - the shards' reports, in any order
 * @returns the whole sweep's report (`shard` null)
 * @throws CliError `ERR_USAGE` for no report; `ERR_INVALID_ARG_VALUE` for a report that is not of a
 *   shard, reports of different sweeps (naming what differs and the file), a shard given twice, or a
 *   shard that lacks one of its runs
 */
export function mergeSweepReports(shards: readonly ShardReport[]): CommandSweepReport {
  const base = shards[0];
  if (base === undefined) throw new CliError('ERR_USAGE', 'no report to merge: failcmd --merge REPORT.json...');
  const byIndex = new Map<number, ShardReport>();
  for (const one of shards) {
    const { shard } = one.report;
    if (shard === null) throw mismatch(`${one.file} is the report of a whole sweep, not of a shard (made without --shard i/N): there is nothing to merge it with`);
    const count = (base.report.shard as SweepShard).count;
    if (shard.count !== count) {
      throw mismatch(`${one.file} is of shard ${shard.index}/${shard.count}, but ${base.file} is of shard ${(base.report.shard as SweepShard).index}/${count}: the shards of one sweep have the same N`);
    }
    const twice = byIndex.get(shard.index);
    if (twice !== undefined) throw mismatch(`${one.file} and ${twice.file} are both of shard ${shard.index}/${count}: give each shard once`);
    byIndex.set(shard.index, one);
    const expected = sameSweep(base.report);
    sameSweep(one.report).forEach(([name, value], k) => {
      const wanted = (expected[k] as readonly [string, unknown])[1];
      if (!isDeepStrictEqual(value, wanted)) {
        throw mismatch(`${one.file} is not of the same sweep as ${base.file}: its ${name} is ${JSON.stringify(value)}, not ${JSON.stringify(wanted)}`);
      }
    });
  }
  const count = (base.report.shard as SweepShard).count;
  const missingShards: SweepShard[] = [];
  for (let index = 1; index <= count; index++) if (!byIndex.has(index)) missingShards.push({ index, count });

  const all = shards.flatMap((one) => one.report.runs.map((run) => ({ run, file: one.file })));
  // The first n that injected nothing, over every shard: the whole sweep stops there.
  const stop = Math.min(...all.filter(({ run }) => !run.injected).map(({ run }) => run.n));
  const kept = all.filter(({ run }) => run.n <= stop).sort((a, b) => a.run.n - b.run.n);
  for (const [index, one] of byIndex) {
    // A shard holds every one of its runs up to the stop (or up to its own last, when every run it made injected a fault).
    const own = new Set(one.report.runs.map((run) => run.n));
    const through = Math.min(stop, Math.max(0, ...own));
    for (let n = index; n <= through; n += count) {
      if (!own.has(n)) throw mismatch(`${one.file} (shard ${index}/${count}) has no run ${n}, though it has runs after it: is it a report failcmd wrote?`);
    }
  }
  const runs: CommandSweepRun[] = kept.map(({ run }) => run);
  const lastRun = runs.at(-1);
  const complete = missingShards.length === 0 && lastRun !== undefined && !lastRun.injected && !lastRun.timedOut;
  const { capabilities, settings } = base.report;
  const functionsArmed = capabilities.includes('fail_function');
  const named = settings.inject.map((spec) => spec.name);
  const everyFunction = named.length === 0 || named.includes('*');
  const marked = [...new Set(runs.flatMap((run) => run.marked))];
  return {
    command: base.report.command,
    capabilities,
    functions: !functionsArmed ? [] : everyFunction ? marked : named,
    runs,
    faultPoints: runs.filter((run) => run.injected).length,
    crashed: runs.filter((run) => run.crashed).length,
    timedOut: runs.filter((run) => run.timedOut).length,
    check: base.report.check,
    badState: runs.filter((run) => run.badState).length,
    complete,
    noFaultReason: complete ? noFaultReason({ capabilities, named: everyFunction ? [] : named.filter((name) => name !== '*'), marked, runs }) : null,
    settings,
    shard: null,
    missingShards,
  };
}
