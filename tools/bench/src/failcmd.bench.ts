import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './harness';

/**
 * A process sweep of the socketpair example (`failcmd --sweep -- node examples/dist/socketpair/once.js`:
 * 14 runs with every function armed as it is marked, n = 1..13 each failing one fault point and
 * n = 14 none) with `-j 2` against `-j 1`. Each run is a whole Node.js process, so on two cores two runs
 * at once should take about half the time; what keeps the ratio under 2 is failcmd's own start-up,
 * which goes alone, and the contention of two Node.js start-ups at once (14 bare runs of the program,
 * 7 on each core, take about 1/1.8 of the time of 14 in a row here). The two settings alternate; the medians of wall time are compared, and the
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

/** The socketpair example's error-injectable functions, in the order it marks them. */
const FUNCTIONS = ['Slab.kmalloc', 'Fd.getUnused', 'Sock.create', 'Sock.connectPair', 'SockFile.alloc'];

function sweep(jobs: number): Sweep {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ERRINJECT', 'ERRINJECT_SEED', 'ERRINJECT_REPORT', 'ERRINJECT_CONTROL', 'FAILCMD_TYPE', 'NODE_V8_COVERAGE']) delete env[name];
  const start = performance.now();
  const run = spawnSync(process.execPath, [FAILCMD, '--sweep', '--json', '-j', String(jobs), '--', process.execPath, ONCE], { encoding: 'utf8', env });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`failcmd -j ${jobs} exited ${run.status ?? run.signal}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { functions: string[]; faultPoints: number; runs: Array<{ n: number; function: string | null; exitCode: number | null }> };
  if (report.functions.join() !== FUNCTIONS.join()) throw new Error(`failcmd -j ${jobs} armed ${report.functions.join(', ')}, not ${FUNCTIONS.join(', ')}`);
  return { ms, faultPoints: report.faultPoints, shape: JSON.stringify(report.runs.map((r) => [r.n, r.function, r.exitCode])) };
}

/** Alternates -j 1 and -j 2 and compares the medians. */
function measureJobs(): { one: number; two: number; oneBest: number; twoBest: number; complete: boolean; same: boolean } {
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const shapes = new Set<string>();
  let complete = true;
  for (let round = 0; round < ROUNDS; round++) {
    for (const jobs of round % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
      const result = sweep(jobs);
      times[jobs].push(result.ms);
      shapes.add(result.shape);
      complete &&= result.faultPoints === FAULT_POINTS;
    }
  }
  return { one: median(times[1]), two: median(times[2]), oneBest: Math.min(...times[1]), twoBest: Math.min(...times[2]), complete, same: shapes.size === 1 };
}

/** One bare run of the program, without failcmd or faults. */
function bareRun(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ONCE], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`node once.js exited ${code}`))));
  });
}

/**
 * What two cores can give here: 14 bare runs of the program one after another against two at a time,
 * alternating, medians. The sweep's ratio cannot be above it.
 */
async function bareBound(): Promise<number> {
  const runs = FAULT_POINTS + 1;
  const times: Record<1 | 2, number[]> = { 1: [], 2: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const jobs of round % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
      let next = 0;
      const start = performance.now();
      const worker = async (): Promise<void> => {
        while (next++ < runs) await bareRun();
      };
      await Promise.all(Array.from({ length: jobs }, worker));
      times[jobs].push(performance.now() - start);
    }
  }
  return median(times[1]) / median(times[2]);
}

/**
 * Runs the comparison, and the bound on it.
 *
 * @returns whether every sweep found the 13 fault points and the ratio met its bar
 */
export async function benchFailcmd(): Promise<boolean> {
  console.log('\n# failcmd --sweep of the socketpair example: -j 2 against -j 1');
  if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'cli', 'failcmd.js')) || !existsSync(ONCE)) {
    console.log('FAIL  failcmd or examples/dist/socketpair/once.js is not built (npx tsc -b)');
    return false;
  }
  sweep(2); // warms the file cache
  const found = measureJobs();
  const ratio = found.one / found.two;
  const ok = found.complete && found.same && ratio >= BAR;
  console.log(
    `${ok ? 'PASS' : 'FAIL'}  process sweep, -j 1 time / -j 2 time: ${ratio.toFixed(3)}x (bar >= ${BAR}x)  ` +
      `[medians of ${ROUNDS}: -j 1 ${found.one.toFixed(0)} ms, -j 2 ${found.two.toFixed(0)} ms; best ${(found.oneBest / found.twoBest).toFixed(3)}x; ` +
      `${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(2)}]`,
  );
  console.log(`info  ${FAULT_POINTS + 1} bare runs of node once.js, in a row / two at a time: ${(await bareBound()).toFixed(3)}x (what two cores give here)`);
  if (!found.complete) console.log(`FAIL  a sweep did not find the ${FAULT_POINTS} fault points`);
  if (!found.same) console.log('FAIL  -j 1 and -j 2 gave different reports');
  return ok;
}
