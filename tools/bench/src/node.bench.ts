import { spawnSync } from 'node:child_process';
import dns = require('node:dns');
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import fs = require('node:fs');
import Module = require('node:module');
import net = require('node:net');
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { debugfs, faultArmed, getFaultAttr } from '@errinject/core';
import { MAIN, median, report, type Comparison } from './harness';

/**
 * `@errinject/node` registered and never configured (probability 0, no fail-nth: every interceptor
 * reads its gate and calls Node's function) against not loaded, in one process. Node's functions are
 * taken before the register loads, and each baseline round puts them back in place of the
 * interceptors (all of them: `fs`, `fs.promises`, the streams' operations, `net`, `dns`,
 * `child_process`, the module loader), so both sides run the same code. A call the program makes
 * (`fs.statSync`, `fs.promises.readFile`) has the same loop written twice, one for each side, so that
 * each call site sees one function as a program's does; the calls Node's code makes (`net.connect`
 * calling `socket.connect`, a `ReadStream` calling `this[kFs].read`, which is the public `fs`) share
 * one loop. Rounds alternate; the verdict is the median of the ratios of neighbouring rounds' CPU
 * time (this machine's load drifts by more than the few percent measured), and wall time is printed
 * beside it. That part runs in a child process, since the register patches Node for good. Then a
 * process sweep of every fs call of a program making 200 of them (`failcmd --type fail_fs --sweep`),
 * against plain runs of it: printed, no bar (Node's start-up is most of each run).
 */

const BAR = 1.03;
const ROOT = join(__dirname, '..', '..', '..');
const REGISTER = join(ROOT, 'packages', 'node', 'dist', 'register.js');
const FAILCMD = join(ROOT, 'packages', 'cli', 'bin', 'failcmd.js');

/** What the register may replace: every object whose own functions an interceptor stands in for. */
function patchableOwners(): object[] {
  const owners: object[] = [
    fs,
    fs.promises,
    fs.realpath,
    fs.realpathSync,
    fs.ReadStream.prototype,
    fs.WriteStream.prototype,
    net.Socket.prototype,
    net.Server.prototype,
    dns,
    dns.promises,
    dns.Resolver.prototype,
    dns.promises.Resolver.prototype,
    require('node:child_process') as object,
    Module,
    Module.prototype,
  ];
  return owners;
}

type Snapshot = Map<object, Map<string | symbol, PropertyDescriptor>>;

function snapshot(owners: readonly object[]): Snapshot {
  const taken: Snapshot = new Map();
  for (const owner of owners) {
    const descriptors = new Map<string | symbol, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(owner)) descriptors.set(key, Reflect.getOwnPropertyDescriptor(owner, key) as PropertyDescriptor);
    taken.set(owner, descriptors);
  }
  return taken;
}

/** Node's functions and the interceptors that replaced them, to put either set in place. */
interface Swap {
  /** Puts Node's own functions back (the baseline) or the interceptors (the candidate). */
  use(side: 'node' | 'errinject'): void;
  /** How many functions differ. */
  readonly replaced: number;
}

function swapBetween(before: Snapshot, after: Snapshot): Swap {
  const changes: Array<{ owner: object; key: string | symbol; node: PropertyDescriptor; errinject: PropertyDescriptor }> = [];
  for (const [owner, descriptors] of after) {
    const old = before.get(owner) as Map<string | symbol, PropertyDescriptor>;
    for (const [key, descriptor] of descriptors) {
      const previous = old.get(key);
      if (previous !== undefined && previous.value !== descriptor.value && typeof previous.value === 'function') changes.push({ owner, key, node: previous, errinject: descriptor });
    }
  }
  return {
    use: (side) => {
      for (const change of changes) Reflect.defineProperty(change.owner, change.key, change[side]);
    },
    replaced: changes.length,
  };
}

/** A loop of `n` operations, awaited. */
type AsyncLoop = (n: number) => Promise<number> | number;

let sink = 0;

/** One round's cost per operation: wall time, and the process's CPU time (every thread). */
interface Round {
  readonly wallNs: number;
  readonly cpuNs: number;
}

async function timeRound(loop: AsyncLoop, n: number): Promise<Round> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  sink ^= await loop(n);
  const wallNs = ((performance.now() - start) * 1e6) / n;
  const used = process.cpuUsage(cpu);
  return { wallNs, cpuNs: ((used.user + used.system) * 1e3) / n };
}

/** The comparison of CPU times (the verdict), and of wall times. */
interface SwappedComparison {
  readonly cpu: Comparison;
  readonly wall: Comparison;
}

/**
 * The medians of each side, and as the ratio the median of the rounds' pairs (each candidate round
 * against the baseline round beside it): the load of this machine drifts by more than the few
 * percent measured, and a pair of rounds a few milliseconds apart sees the same load.
 */
function compared(base: readonly number[], cand: readonly number[]): Comparison {
  return { baselineNs: median(base), candidateNs: median(cand), ratio: median(cand.map((ns, i) => ns / (base[i] as number))) };
}

/**
 * What one measurement runs: a loop on each side. A call the program makes has a loop of its own on
 * each side, the same code in two function literals, so that each call site sees one function, as a
 * program's does; a call Node's own code makes (`net.connect` calling `socket.connect`, a stream's
 * `_read` calling `fs.read`) has one loop for both, since the call sites are Node's.
 */
interface Measurement {
  readonly label: string;
  readonly loops: Readonly<Record<'node' | 'errinject', AsyncLoop>>;
  readonly n: number;
  readonly rounds: number;
}

/**
 * A measurement's loops, in alternating rounds after a warm-up of each; medians compared. `check`
 * runs after each candidate round.
 */
async function compareSides(swap: Swap, measurement: Measurement, check: () => void): Promise<SwappedComparison> {
  const { loops, n, rounds } = measurement;
  const base: Round[] = [];
  const cand: Round[] = [];
  const side = async (which: 'node' | 'errinject', into: Round[] | undefined): Promise<void> => {
    swap.use(which);
    const round = await timeRound(loops[which], n);
    if (which === 'errinject') check();
    into?.push(round);
  };
  for (let i = 0; i < 3; i++) {
    await side('node', undefined);
    await side('errinject', undefined);
  }
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      await side('node', base);
      await side('errinject', cand);
    } else {
      await side('errinject', cand);
      await side('node', base);
    }
  }
  swap.use('errinject');
  return {
    cpu: compared(
      base.map((round) => round.cpuNs),
      cand.map((round) => round.cpuNs),
    ),
    wall: compared(
      base.map((round) => round.wallNs),
      cand.map((round) => round.wallNs),
    ),
  };
}

// The same code twice: each call site sees one function, Node's or the interceptor.
function statLoops(file: string): Measurement['loops'] {
  return {
    node: (n) => {
      let size = 0;
      for (let i = 0; i < n; i++) size += fs.statSync(file).size;
      return size;
    },
    errinject: (n) => {
      let size = 0;
      for (let i = 0; i < n; i++) size += fs.statSync(file).size;
      return size;
    },
  };
}

function readFileLoops(file: string): Measurement['loops'] {
  return {
    node: async (n) => {
      let length = 0;
      for (let i = 0; i < n; i++) length += (await fs.promises.readFile(file)).length;
      return length;
    },
    errinject: async (n) => {
      let length = 0;
      for (let i = 0; i < n; i++) length += (await fs.promises.readFile(file)).length;
      return length;
    },
  };
}

function connectOnce(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('error', reject);
    socket.once('connect', () => socket.destroy());
    socket.once('close', () => resolve());
  });
}

function connectLoop(port: number): AsyncLoop {
  return async (n) => {
    for (let i = 0; i < n; i++) await connectOnce(port);
    return n;
  };
}

function streamOnce(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let length = 0;
    const stream = fs.createReadStream(file);
    stream.on('data', (chunk) => (length += chunk.length));
    stream.once('error', reject);
    stream.once('close', () => resolve(length));
  });
}

function streamLoop(file: string): AsyncLoop {
  return async (n) => {
    let length = 0;
    for (let i = 0; i < n; i++) length += await streamOnce(file);
    return length;
  };
}

/**
 * The child's side: captures Node's functions, loads `@errinject/node/register`, and compares.
 *
 * @returns whether every ratio met its bar
 */
export async function nodeInProcessChild(): Promise<boolean> {
  const owners = patchableOwners();
  const before = snapshot(owners);
  const originalStatSync = fs.statSync;
  const originalReadFile = fs.promises.readFile;
  const originalConnect = net.Socket.prototype.connect;
  const originalRead = fs.read;
  delete process.env.ERRINJECT;
  delete process.env.ERRINJECT_NODE;
  require(REGISTER);
  // The same objects again: fs.realpath's own `native` is left alone (its interceptor gets its own).
  const swap = swapBetween(before, snapshot(owners));

  const failFs = getFaultAttr('fail_fs');
  const failNet = getFaultAttr('fail_net');
  if (failFs === undefined || failNet === undefined || !debugfs.list('fail_fs').includes('ops') || !debugfs.list('fail_net').includes('ops')) {
    console.log('FAIL  the register did not declare fail_fs and fail_net');
    return false;
  }
  // Each candidate round must run the interceptors, registered and not armed.
  const replacedNow = (): boolean =>
    fs.statSync !== originalStatSync &&
    fs.promises.readFile !== originalReadFile &&
    net.Socket.prototype.connect !== originalConnect &&
    // A stream's reads are fs.read's: the stream itself is Node's, untouched.
    fs.read !== originalRead;
  let guardFailed = false;
  const check = (): void => {
    if (!replacedNow() || faultArmed(failFs) || faultArmed(failNet)) guardFailed = true;
  };
  swap.use('node');
  const restored = !replacedNow() && fs.statSync === originalStatSync;
  swap.use('errinject');
  console.log(`info  the register replaced ${swap.replaced} functions of node:fs, net, dns, child_process and the module loader; each baseline round puts Node's back`);
  if (!restored || !replacedNow()) {
    console.log('FAIL  the interceptors could not be swapped for Node’s functions');
    return false;
  }

  const dir = mkdtempSync(join(tmpdir(), 'errinject-node-bench-'));
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.destroy();
  });
  let ok = true;
  try {
    const small = join(dir, 'small');
    const large = join(dir, 'large');
    writeFileSync(small, Buffer.alloc(4096, 'a'));
    writeFileSync(large, Buffer.alloc(1024 * 1024, 'b'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;

    const connect = connectLoop(port);
    const stream = streamLoop(large);
    const measurements: Measurement[] = [
      { label: 'fs.statSync of an existing file', loops: statLoops(small), n: 1000, rounds: 301 },
      { label: 'fs.promises.readFile of a 4 KB file', loops: readFileLoops(small), n: 100, rounds: 201 },
      { label: 'loopback TCP connect to 127.0.0.1 and close', loops: { node: connect, errinject: connect }, n: 20, rounds: 301 },
      { label: 'fs.createReadStream of 1 MB, read to the end', loops: { node: stream, errinject: stream }, n: 4, rounds: 301 },
    ];
    for (const measurement of measurements) {
      const result = await compareSides(swap, measurement, check);
      const { label, n, rounds } = measurement;
      ok = report(`${label}, registered never configured vs not loaded, CPU time (${rounds} rounds of ${n})`, result.cpu, BAR) && ok;
      console.log(`info    wall time: ${result.wall.ratio.toFixed(3)}x  [${result.wall.candidateNs.toFixed(0)} ns vs ${result.wall.baselineNs.toFixed(0)} ns]`);
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (guardFailed) {
    console.log('FAIL  a candidate round ran without the interceptors, or with fail_fs or fail_net armed');
    ok = false;
  }
  if (sink === Number.MIN_VALUE) console.log('');
  return ok;
}

/** The program the sweep runs: `pairs` writeFileSync + readFileSync of small files in `dir`. */
const PROGRAM = `'use strict';
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[2];
const pairs = Number(process.argv[3]);
for (let i = 0; i < pairs; i++) {
  const file = path.join(dir, 'f' + i);
  fs.writeFileSync(file, 'data ' + i);
  if (fs.readFileSync(file, 'utf8') !== 'data ' + i) process.exit(3);
}
`;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['ERRINJECT', 'ERRINJECT_SEED', 'ERRINJECT_REPORT', 'ERRINJECT_CONTROL', 'ERRINJECT_NODE', 'FAILCMD_TYPE', 'NODE_OPTIONS', 'NODE_V8_COVERAGE']) delete env[name];
  return env;
}

function timedRun(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', env });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr}`);
  return ms;
}

/**
 * A sweep of every fs call of a program that makes `2 * pairs` of them, against plain runs of the
 * program (without errinject, and under `--require` of the register with nothing configured),
 * taken before, between and after.
 */
function benchSweep(pairs: number): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'errinject-node-sweep-'));
  try {
    const script = join(dir, 'program.js');
    const data = join(dir, 'data');
    fs.mkdirSync(data);
    writeFileSync(script, PROGRAM);
    const env = cleanEnv();
    const plainArgs = [script, data, String(pairs)];
    const registerArgs = ['--require', REGISTER, script, data, String(pairs)];
    const empty: number[] = [];
    const plain: number[] = [];
    const registered: number[] = [];
    const plainRounds = (count: number): void => {
      for (let i = 0; i < count; i++) {
        empty.push(timedRun(['-e', '0'], env));
        plain.push(timedRun(plainArgs, env));
        registered.push(timedRun(registerArgs, env));
      }
    };
    plainRounds(2); // warms the file cache
    empty.length = 0;
    plain.length = 0;
    registered.length = 0;
    plainRounds(5);
    const start = performance.now();
    const sweep = spawnSync(process.execPath, [FAILCMD, '--type', 'fail_fs', '--sweep', '--json', '--', process.execPath, ...plainArgs], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
    const sweepMs = performance.now() - start;
    plainRounds(5);
    // Every run but the last ends in the uncaught error of its failed call: a sweep that crashed exits 1.
    if (sweep.status !== 0 && sweep.status !== 1) throw new Error(`failcmd --sweep exited ${sweep.status ?? sweep.signal}: ${sweep.stderr}`);
    const result = JSON.parse(sweep.stdout) as { faultPoints: number; runs: Array<{ durationMs: number }> };
    const runs = result.runs.length;
    const perRun = sweepMs / runs;
    const ownMs = result.runs.reduce((sum, run) => sum + run.durationMs, 0) / runs;
    const plainMs = median(plain);
    const registeredMs = median(registered);
    const emptyMs = median(empty);
    const calls = 2 * pairs;
    console.log(
      `info  failcmd --type fail_fs --sweep of a program making ${calls} fs calls: ${runs} runs, ${result.faultPoints} fault points, ${(sweepMs / 1000).toFixed(1)} s, ` +
        `${perRun.toFixed(1)} ms a run (failcmd's own start-up included; ${ownMs.toFixed(1)} ms a run as the report times them)`,
    );
    console.log(`info  mean sweep run / one plain run (node program.js, no errinject, median of 10 ${plainMs.toFixed(1)} ms): ${(perRun / plainMs).toFixed(3)}x`);
    console.log(`info  mean sweep run / one run under --require register, nothing configured (median of 10 ${registeredMs.toFixed(1)} ms): ${(perRun / registeredMs).toFixed(3)}x`);
    console.log(`info  --require register, nothing configured / plain: ${(registeredMs / plainMs).toFixed(3)}x (loading @errinject/core and the interceptors at start-up; load average ${loadavg()[0]?.toFixed(2)})`);
    console.log(`info  node -e 0 (median of 10): ${emptyMs.toFixed(1)} ms: the program's ${calls} calls take ${(plainMs - emptyMs).toFixed(1)} ms of its ${plainMs.toFixed(1)} ms, the rest is Node's start-up`);
    if (result.faultPoints === calls) return true;
    console.log(`FAIL  the sweep found ${result.faultPoints} fault points, not ${calls}`);
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value after an option of the command line, as a positive integer. */
function intOption(option: string, fallback: number): number {
  const at = process.argv.indexOf(option);
  const value = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/**
 * The node benchmark: the in-process ratios (in a child process), then the sweep.
 * `--calls N` sets the swept program's fs calls (200; even).
 *
 * @returns whether every ratio met its bar and the sweep found every call
 */
export function benchNode(): boolean {
  console.log('\n# @errinject/node registered and never configured, against not loaded');
  if (!existsSync(REGISTER) || !existsSync(join(ROOT, 'packages', 'cli', 'dist', 'cli', 'failcmd.js'))) {
    console.log('FAIL  @errinject/node or failcmd is not built (npx tsc -b)');
    return false;
  }
  const child = spawnSync(process.execPath, [MAIN, '--child', 'node-in-process'], { encoding: 'utf8', env: cleanEnv() });
  process.stdout.write(child.stdout);
  process.stderr.write(child.stderr);
  const ok = child.status === 0;
  return benchSweep(Math.max(1, Math.round(intOption('--calls', 200) / 2))) && ok;
}
