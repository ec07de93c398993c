import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { median } from './harness';

/**
 * The control socket under a client that never reads: a target process started with
 * `ERRINJECT_CONTROL=1` that loads the core and this file, one client that pipelines
 * `hello` requests as fast as the target takes them and never reads an answer, for 30 s (`--seconds N`
 * to run it shorter), and beside it a well-behaved client that sends one `hello` every 50 ms and times
 * its answer. The target reports its RSS and the longest event-loop stall it saw
 * (`monitorEventLoopDelay`), first over 5 idle seconds with only the well-behaved client, then over
 * the run.
 *
 * Bars: the target's peak RSS during the run against its RSS just before the client started, at most
 * {@link RSS_BAR}x (a Node.js process that loaded the core holds about 50 MB; what the server may hold
 * for one connection is well under 1 MB, and the rest of the margin is V8's young generation, which
 * grows under the allocation rate of serving answers); and the longest stall at most
 * {@link STALL_BAR_MS} ms above the idle one (a turn of the server serves a bounded number of lines,
 * each in microseconds, so nothing the client does should show; the margin is for the stalls that
 * the other work of a busy two-core machine causes, 20 to 45 ms over 30 s here, against 0.8 s that
 * the unbounded server caused).
 */

const RSS_BAR = 1.5;
const STALL_BAR_MS = 50;
const DEFAULT_SECONDS = 30;
const PROBE_EVERY_MS = 50;
/**
 * How long the idle baseline lasts: long enough that the stalls this busy machine causes by itself
 * (the longest of a window grows with the window) show in it too.
 */
const IDLE_MS = 5000;

/** What the target reports when asked. */
interface TargetSample {
  /** The current RSS, in bytes. */
  readonly rss: number;
  /** The peak RSS of the process's life, in bytes. */
  readonly maxRss: number;
  readonly heapUsed: number;
  /** The longest event-loop delay since the last sample, in ms. */
  readonly maxDelayMs: number;
}

/**
 * The target's side: stays alive, watches its event loop, and answers `sample` messages on its IPC
 * channel with a {@link TargetSample} (then starts a new stall window). The control socket is the
 * core's own, started by `ERRINJECT_CONTROL=1` when the target loaded the core.
 */
export function controlSocketTarget(): void {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  process.on('message', (message) => {
    if (message !== 'sample') return;
    const sample: TargetSample = {
      rss: process.memoryUsage.rss(),
      maxRss: process.resourceUsage().maxRSS * 1024,
      heapUsed: process.memoryUsage().heapUsed,
      maxDelayMs: delay.max / 1e6,
    };
    delay.reset();
    process.send?.(sample);
  });
}

function sample(target: ChildProcess): Promise<TargetSample> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null): void => reject(new Error(`the target exited (${signal ?? code}) before it answered`));
    target.once('exit', onExit);
    target.once('message', (message) => {
      target.off('exit', onExit);
      resolve(message as TargetSample);
    });
    target.send('sample');
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A client that sends one hello every 50 ms and times each answer. */
class Probe {
  private readonly socket: Socket;
  private buffered = '';
  private readonly sentAt: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  latencies: number[] = [];
  /** Requests sent that were never answered when the probe stopped. */
  unanswered = 0;

  constructor(path: string) {
    this.socket = connect(path);
    this.socket.setEncoding('utf8');
    this.socket.on('error', () => {});
    this.socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      for (let newline = this.buffered.indexOf('\n'); newline !== -1; newline = this.buffered.indexOf('\n')) {
        this.buffered = this.buffered.slice(newline + 1);
        const sent = this.sentAt.shift();
        if (sent !== undefined) this.latencies.push(performance.now() - sent);
      }
    });
    this.timer = setInterval(() => {
      this.sentAt.push(performance.now());
      this.socket.write('{"id":0,"op":"hello"}\n');
    }, PROBE_EVERY_MS);
  }

  /** @returns the latencies so far, and starts a new window */
  take(): number[] {
    const taken = this.latencies;
    this.latencies = [];
    return taken;
  }

  stop(): void {
    clearInterval(this.timer);
    this.unanswered = this.sentAt.length;
    this.socket.destroy();
  }
}

/** The client that pipelines hello and never reads; it reconnects when the target closes it. */
class Flooder {
  private socket: Socket | undefined;
  private running = true;
  sent = 0;
  closedByTarget = 0;
  private readonly batch: Buffer;
  private readonly perBatch = 1000;

  constructor(private readonly path: string) {
    this.batch = Buffer.from(Array.from({ length: this.perBatch }, (_, i) => `{"id":${i},"op":"hello"}\n`).join(''));
    this.open();
  }

  private open(): void {
    const socket = connect(this.path);
    this.socket = socket;
    // It never reads: paused, and no 'data' listener.
    socket.pause();
    socket.on('error', () => {});
    socket.on('close', () => {
      if (!this.running) return;
      this.closedByTarget++;
      this.open();
    });
    socket.on('connect', () => this.write(socket));
  }

  private write(socket: Socket): void {
    // Its own backpressure is respected, so that only the target can hold what it sends.
    while (this.running && !socket.destroyed) {
      this.sent += this.perBatch;
      if (!socket.write(this.batch)) {
        socket.once('drain', () => this.write(socket));
        return;
      }
    }
  }

  stop(): void {
    this.running = false;
    this.socket?.destroy();
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the target\'s control socket');
    await sleep(20);
  }
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

function secondsOption(args: readonly string[]): number {
  const at = args.indexOf('--seconds');
  if (at === -1) return DEFAULT_SECONDS;
  const seconds = Number(args[at + 1]);
  if (!(seconds > 0)) throw new Error(`--seconds takes a positive number of seconds, got ${JSON.stringify(args[at + 1] ?? '')}`);
  return seconds;
}

/**
 * Runs the target, the non-reading client and the probe.
 *
 * @param args - the command line; `--seconds N` sets how long the non-reading client sends (30 s)
 * @returns whether the target's peak RSS and longest stall met their bars
 */
export async function benchControlSocket(args: readonly string[] = process.argv.slice(2)): Promise<boolean> {
  const seconds = secondsOption(args);
  console.log(`\n# control socket: one client pipelining hello for ${seconds} s without reading, another sending one every ${PROBE_EVERY_MS} ms`);
  const runtime = mkdtempSync(join(tmpdir(), 'errinject-bench-ctl-'));
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: runtime, ERRINJECT_CONTROL: '1' };
  for (const name of ['ERRINJECT', 'ERRINJECT_REPORT', 'NODE_OPTIONS', 'NODE_V8_COVERAGE']) delete env[name];
  // A plain process that loaded the core (and with it the control socket) and this file, nothing else.
  const program = `require(${JSON.stringify(require.resolve('@errinject/core'))}); require(${JSON.stringify(__filename)}).controlSocketTarget();`;
  const target = spawn(process.execPath, ['-e', program], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exit: string | undefined;
  target.once('exit', (code, signal) => {
    exit = signal ?? `exit ${code}`;
  });
  let probe: Probe | undefined;
  let flooder: Flooder | undefined;
  try {
    const path = join(runtime, 'errinject', `${target.pid}.sock`);
    await waitFor(() => existsSync(path) || exit !== undefined, 10_000);
    probe = new Probe(path);
    await sleep(1000);
    await sample(target);
    await sleep(IDLE_MS);
    const idle = await sample(target);
    const idleLatencies = probe.take();

    flooder = new Flooder(path);
    const start = performance.now();
    let peakHeap = 0;
    let maxStall = 0;
    while (performance.now() - start < seconds * 1000 && exit === undefined) {
      await sleep(250);
      // Each sample starts a new stall window: the longest is the largest of them all.
      const during = await sample(target).catch(() => idle);
      peakHeap = Math.max(peakHeap, during.heapUsed);
      maxStall = Math.max(maxStall, during.maxDelayMs);
    }
    flooder.stop();
    if (exit !== undefined) {
      console.log(`FAIL  the target died after ${((performance.now() - start) / 1000).toFixed(1)} s (${exit}), the non-reading client having sent ${flooder.sent} requests`);
      return false;
    }
    await sleep(200);
    const after = await sample(target);
    const loadedLatencies = probe.take();
    probe.stop();
    maxStall = Math.max(maxStall, after.maxDelayMs);
    const ratio = after.maxRss / idle.rss;
    const rssOk = ratio <= RSS_BAR;
    const stallOk = maxStall <= idle.maxDelayMs + STALL_BAR_MS;
    console.log(
      `${rssOk ? 'PASS' : 'FAIL'}  target peak RSS / RSS before the client: ${ratio.toFixed(3)}x (bar ${RSS_BAR}x)  ` +
        `[peak ${mb(after.maxRss)}, before ${mb(idle.rss)}, +${mb(after.maxRss - idle.rss)}; peak heap used ${mb(peakHeap)}, ${mb(idle.heapUsed)} before]`,
    );
    console.log(`${stallOk ? 'PASS' : 'FAIL'}  longest event-loop stall: ${maxStall.toFixed(1)} ms against ${idle.maxDelayMs.toFixed(1)} ms idle (bar idle + ${STALL_BAR_MS} ms)`);
    const show = (values: number[]): string => (values.length === 0 ? 'none' : `median ${median(values).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`);
    console.log(
      `info  the other client's hello: ${show(loadedLatencies)} (${loadedLatencies.length} answers; ${probe.unanswered} unanswered at the end), idle ${show(idleLatencies)}; ` +
        `the non-reading client wrote ${flooder.sent} requests, and the target closed it ${flooder.closedByTarget} times`,
    );
    return rssOk && stallOk;
  } finally {
    probe?.stop();
    flooder?.stop();
    target.kill('SIGKILL');
    rmSync(runtime, { recursive: true, force: true });
  }
}
