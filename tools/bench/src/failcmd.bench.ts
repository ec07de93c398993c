import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './harness';

/**
 * A process sweep of the socketpair example (`failcmd --sweep -- node examples/dist/socketpair/once.js`:
 * a run without faults that finds the five error-injectable functions, then 14 runs, n = 1..13 each
 * failing one fault point and n = 14 none) with `-j 2` against `-j 1`. Each run is a whole Node.js
 * process, so on two cores two runs at once should take about half the time; what keeps the ratio
 * under 2 is the discovery run, which goes alone, failcmd's own start-up, and the contention of two
 * Node.js start-ups at once (14 bare runs of the program, 7 on each core, take about 1/1.8 of the time
 * of 14 in a row here). The two settings alternate; the medians of wall time are compared, and the
 * best times are printed too (other work on the machine can only slow a run down, and -j 2 needs both
 * cores free for the whole sweep). Every report must hold the 13 fault points, the same either way.
 */

const BAR = 1.7;
const ROUNDS = 7;
const ROOT = join(__dirname, '..', '..', '..');
const FAILCMD = join(ROOT, 'packages', 'cli', 'bin', 'failcmd.js');
const ONCE = join(ROOT, 'examples', 'dist', 'socketpair', 'once.js');
const FAULT_POINTS = 13;

interface Sweep {
  readonly ms: number;
  readonly shape: string;
  readonly faultPoints: number;
}

/** The socketpair example's error-injectable functions, to sweep without the discovery run. */
const FUNCTIONS = ['Slab.kmalloc', 'Fd.getUnused', 'Sock.create', 'Sock.connectPair', 'SockFile.alloc'];

function sweep(jobs: number, named = false): Sweep {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ERRINJECT', 'ERRINJECT_SEED', 'ERRINJECT_REPORT', 'ERRINJECT_CONTROL', 'FAILCMD_TYPE', 'NODE_V8_COVERAGE']) delete env[name];
  const start = performance.now();
  const inject = named ? FUNCTIONS.flatMap((name) => ['--inject', name]) : [];
  const run = spawnSync(process.execPath, [FAILCMD, '--sweep', '--json', '-j', String(jobs), ...inject, '--', process.execPath, ONCE], { encoding: 'utf8', env });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`failcmd -j ${jobs} exited ${run.status ?? run.signal}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { faultPoints: number; runs: Array<{ n: number; function: string | null; exitCode: number | null }> };
  return { ms, faultPoints: report.faultPoints, shape: JSON.stringify(report.runs.map((r) => [r.n, r.function, r.exitCode])) };
}

/** Alternates -j 1 and -j 2 and compares the medians. */
function measureJobs(named: boolean): { one: number; two: number; oneBest: number; twoBest: number; complete: boolean; same: boolean } {
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const shapes = new Set<string>();
  let complete = true;
  for (let round = 0; round < ROUNDS; round++) {
    for (const jobs of round % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
      const result = sweep(jobs, named);
      times[jobs].push(result.ms);
      shapes.add(result.shape);
      complete &&= result.faultPoints === FAULT_POINTS;
    }
  }
  return { one: median(times[1]), two: median(times[2]), oneBest: Math.min(...times[1]), twoBest: Math.min(...times[2]), complete, same: shapes.size === 1 };
}

/**
 * Runs the comparison, then the same without the discovery run (the functions named with --inject),
 * for information.
 *
 * @returns whether every sweep found the 13 fault points and the ratio met its bar
 */
export function benchFailcmd(): boolean {
  console.log('\n# failcmd --sweep of the socketpair example: -j 2 against -j 1');
  if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'cli', 'failcmd.js')) || !existsSync(ONCE)) {
    console.log('FAIL  failcmd or examples/dist/socketpair/once.js is not built (npx tsc -b)');
    return false;
  }
  sweep(2); // warms the file cache
  const found = measureJobs(false);
  const ratio = found.one / found.two;
  const ok = found.complete && found.same && ratio >= BAR;
  console.log(
    `${ok ? 'PASS' : 'FAIL'}  process sweep, -j 1 time / -j 2 time: ${ratio.toFixed(3)}x (bar >= ${BAR}x)  ` +
      `[medians of ${ROUNDS}: -j 1 ${found.one.toFixed(0)} ms, -j 2 ${found.two.toFixed(0)} ms; best ${(found.oneBest / found.twoBest).toFixed(3)}x; ` +
      `${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(2)}]`,
  );
  const named = measureJobs(true);
  console.log(
    `info  the same with the 5 functions named (no discovery run): ${(named.one / named.two).toFixed(3)}x  ` +
      `[medians of ${ROUNDS}: -j 1 ${named.one.toFixed(0)} ms, -j 2 ${named.two.toFixed(0)} ms; best ${(named.oneBest / named.twoBest).toFixed(3)}x]`,
  );
  if (!found.complete || !named.complete) console.log(`FAIL  a sweep did not find the ${FAULT_POINTS} fault points`);
  if (!found.same || !named.same) console.log('FAIL  -j 1 and -j 2 gave different reports');
  return ok && named.complete && named.same;
}
