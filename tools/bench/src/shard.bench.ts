import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './harness';

/**
 * A sweep split into shards (`failcmd --sweep --shard i/N`), as a CI matrix of N machines runs it:
 * the wall time of the whole sweep against the longest of its N shards, run one after the other
 * here (each would have a machine of its own), for N = 2 and 4, on the socketpair example (13 fault
 * points: the whole sweep makes 14 runs). A shard makes the runs n ≡ i (mod N) up to its first run
 * without a fault, so the longest shard of N makes ceil(13 / N) + 1 runs: the bar is that share of
 * the whole sweep's runs, plus 0.1 for failcmd's own start-up, which every shard pays. Each set of
 * shards must merge (`failcmd --merge`) into the whole sweep's 13 fault points.
 */

const ROUNDS = 3;
const ROOT = join(__dirname, '..', '..', '..');
const FAILCMD = join(ROOT, 'packages', 'cli', 'bin', 'failcmd.js');
const ONCE = join(ROOT, 'examples', 'dist', 'socketpair', 'once.js');
const FAULT_POINTS = 13;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ERRINJECT', 'ERRINJECT_SEED', 'ERRINJECT_REPORT', 'ERRINJECT_CONTROL', 'FAILCMD_TYPE', 'NODE_V8_COVERAGE']) delete env[name];
  return env;
}

/** One failcmd sweep (whole, or a shard) with its JSON report written to `out`; its wall time in ms. */
function timedSweep(out: string, shard: string | undefined): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, [FAILCMD, '--sweep', '--json', ...(shard === undefined ? [] : ['--shard', shard]), '--', process.execPath, ONCE], {
    encoding: 'utf8',
    env: cleanEnv(),
  });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`failcmd --sweep ${shard ?? ''} exited ${run.status ?? run.signal}: ${run.stderr}`);
  writeFileSync(out, run.stdout);
  return ms;
}

/** The fault points of a report, or of the merge of several. */
function faultPointsOf(files: readonly string[]): number {
  const args = files.length === 1 ? null : ['--merge', '--json', ...files];
  const text = args === null ? undefined : spawnSync(process.execPath, [FAILCMD, ...args], { encoding: 'utf8', env: cleanEnv() });
  if (text !== undefined && text.status !== 0) throw new Error(`failcmd --merge exited ${text.status ?? text.signal}: ${text.stderr}`);
  const json = JSON.parse(text === undefined ? readFileSync(files[0] as string, 'utf8') : text.stdout) as { faultPoints: number };
  return json.faultPoints;
}

/**
 * Runs the comparison.
 *
 * @returns whether every longest shard met its bar and every set of shards merged into the whole sweep
 */
export function benchShard(): boolean {
  console.log('\n# failcmd --sweep --shard i/N of the socketpair example: the longest of N shards against the whole sweep');
  if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'cli', 'failcmd.js')) || !existsSync(ONCE)) {
    console.log('FAIL  failcmd or examples/dist/socketpair/once.js is not built (npx tsc -b)');
    return false;
  }
  const dir = mkdtempSync(join(tmpdir(), 'errinject-shard-bench-'));
  try {
    timedSweep(join(dir, 'warm.json'), undefined); // warms the file cache
    const whole: number[] = [];
    const longest: Record<2 | 4, number[]> = { 2: [], 4: [] };
    let merged = true;
    for (let round = 0; round < ROUNDS; round++) {
      whole.push(timedSweep(join(dir, 'whole.json'), undefined));
      merged &&= faultPointsOf([join(dir, 'whole.json')]) === FAULT_POINTS;
      for (const count of [2, 4] as const) {
        const files: string[] = [];
        let slowest = 0;
        for (let index = 1; index <= count; index++) {
          const file = join(dir, `shard-${index}-of-${count}.json`);
          slowest = Math.max(slowest, timedSweep(file, `${index}/${count}`));
          files.push(file);
        }
        longest[count].push(slowest);
        merged &&= faultPointsOf(files) === FAULT_POINTS;
      }
    }
    let ok = merged;
    for (const count of [2, 4] as const) {
      const ratio = median(longest[count]) / median(whole);
      const bar = (Math.ceil(FAULT_POINTS / count) + 1) / (FAULT_POINTS + 1) + 0.1;
      ok &&= ratio <= bar;
      console.log(
        `${ratio <= bar ? 'PASS' : 'FAIL'}  longest of ${count} shards / whole sweep: ${ratio.toFixed(3)}x (bar <= ${bar.toFixed(3)}x; 1/${count} = ${(1 / count).toFixed(3)})  ` +
          `[medians of ${ROUNDS}: whole ${median(whole).toFixed(0)} ms, longest shard ${median(longest[count]).toFixed(0)} ms; load average ${loadavg()[0]?.toFixed(2)}]`,
      );
    }
    if (!merged) console.log(`FAIL  a set of shards did not merge into the whole sweep's ${FAULT_POINTS} fault points`);
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
