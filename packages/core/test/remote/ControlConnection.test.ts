import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ControlResponse, debugfs, declareFaultAttr } from '../../src/index';
import { type ControlServer, LINES_PER_TURN, MAX_REQUEST_BYTES, startControlServer } from '../../src/remote/startControlServer';
import { uniqueNames } from '../support/names';
import { sleep } from '../support/timers';
import { collect, connectSilent, hellos } from './client';

/**
 * One connection of the control socket under clients that misbehave: backpressure, turns, line
 * limits and the idle timeout, through a server in this process.
 */

const uniqueName = uniqueNames('remote-connection');

/** What one connection may hold at most: a request line, a read of input, and the answers' high-water mark and one answer. */
const CONNECTION_BOUND = 256 * 1024;

/** Waits until `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(5);
  }
}

/** Waits until `value()` has not changed for `quietMs` (at most `ms`). */
async function settled(value: () => number, quietMs = 100, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  let last = value();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await sleep(10);
    if (value() !== last) {
      last = value();
      since = Date.now();
    }
  }
}

function ids(responses: readonly ControlResponse[]): unknown[] {
  return responses.map((response) => response.id);
}

/**
 * `count` reads of a file that holds a 4000-byte pattern, one a line, with ids from 1: answers of 4 KB,
 * so that a few hundred of them fill what the kernel holds for a client that does not read.
 */
function bigReads(count: number): string {
  const attr = declareFaultAttr(uniqueName('big'));
  debugfs.write(`${attr.name}/require-stack`, 'x'.repeat(4000));
  let text = '';
  for (let id = 1; id <= count; id++) text += `${JSON.stringify({ id, op: 'read', tree: 'debugfs', path: `${attr.name}/require-stack` })}\n`;
  return text;
}

function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

describe('ControlConnection', () => {
  let runtime = '';
  let server: ControlServer | undefined;
  let accepted: Socket[] = [];
  const saved = process.env['XDG_RUNTIME_DIR'];

  async function start(options: Parameters<typeof startControlServer>[0] = {}): Promise<ControlServer> {
    server = await startControlServer(options);
    server.server.on('connection', (socket: Socket) => accepted.push(socket));
    return server;
  }

  beforeEach(() => {
    runtime = mkdtempSync(join(tmpdir(), 'errinject-connection-'));
    process.env['XDG_RUNTIME_DIR'] = runtime;
    accepted = [];
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (saved === undefined) delete process.env['XDG_RUNTIME_DIR'];
    else process.env['XDG_RUNTIME_DIR'] = saved;
    rmSync(runtime, { recursive: true, force: true });
  });

  describe('when a client pipelines requests and never reads (regression: its answers grew the heap to 1.5 GB)', () => {
    it('should stop reading it while its answers are not drained, hold a bounded number of bytes, and answer another client meanwhile', async () => {
      // Arrange
      const { path } = await start();
      const other = await collect(path);
      other.socket.write(hellos(1));
      await other.until(1);
      let baselineMs = 0;
      for (let i = 0; i < 5; i++) {
        const begin = performance.now();
        other.socket.write(hellos(1, 2 + i));
        await other.until(2 + i);
        baselineMs = Math.max(baselineMs, performance.now() - begin);
      }
      const silent = await connectSilent(path);
      await until(() => accepted.length === 2);
      const serverSide = accepted[1] as Socket;
      const requests = hellos(100_000);

      // Act
      silent.write(requests);
      await settled(() => serverSide.bytesRead);
      const begin = performance.now();
      other.socket.write(hellos(1, 7));
      await other.until(7);
      const loadedMs = performance.now() - begin;

      // Assert
      const answerBytes = JSON.stringify(other.responses[0]).length + 16;
      expect(serverSide.bytesRead, 'bytes read of the requests').to.be.below(requests.length / 4);
      expect(serverSide.writableLength, 'answers not taken').to.be.at.most(serverSide.writableHighWaterMark + answerBytes);
      expect(server?.bufferedBytes).to.be.at.most(CONNECTION_BOUND);
      expect(loadedMs, `another client's answer took ${loadedMs.toFixed(1)} ms, ${baselineMs.toFixed(1)} ms before`).to.be.below(50 * baselineMs);
      expect(ids(other.responses)).to.deep.equal(range(1, 7));
      silent.destroy();
    });
  });

  describe('when a client reads slowly', () => {
    it('should wait for its answers to drain, then answer every request in order, holding a bounded number of bytes meanwhile', async () => {
      // Arrange: a client that reads nothing until the server waits for a drain, then rests after each read
      const { path } = await start();
      const client = await collect(path);
      await until(() => accepted.length === 1);
      const serverSide = accepted[0] as Socket;
      client.socket.pause();
      let peak = 0;
      client.socket.on('data', () => {
        peak = Math.max(peak, server?.bufferedBytes ?? 0);
        client.socket.pause();
        setTimeout(() => client.socket.resume(), 1);
      });

      // Act
      client.socket.write(bigReads(500));
      await until(() => serverSide.writableNeedDrain);
      const held = server?.bufferedBytes ?? 0;
      client.socket.resume();
      await client.until(500);

      // Assert
      expect(held).to.be.above(0).and.at.most(CONNECTION_BOUND);
      expect(peak).to.be.at.most(CONNECTION_BOUND);
      expect(ids(client.responses)).to.deep.equal(range(1, 500));
      expect(client.responses.every((response) => response.ok)).to.equal(true);
    });
  });

  describe('when one read holds many pipelined lines', () => {
    it(`should serve at most ${LINES_PER_TURN} of them before the event loop turns, and all of them in order`, async () => {
      // Arrange
      const { path } = await start();
      const client = await collect(path);
      await until(() => accepted.length === 1);
      const serverSide = accepted[0] as Socket;
      const write = serverSide.write.bind(serverSide) as (chunk: string) => boolean;
      let writes = 0;
      let atFirstTurn = -1;
      serverSide.write = ((chunk: string) => {
        if (writes++ === 0) setImmediate(() => (atFirstTurn = writes));
        return write(chunk);
      }) as typeof serverSide.write;

      // Act
      client.socket.write(hellos(2000));
      await client.until(2000);

      // Assert
      expect(atFirstTurn).to.be.within(1, LINES_PER_TURN);
      expect(writes).to.equal(2000);
      expect(ids(client.responses)).to.deep.equal(range(1, 2000));
    });
  });

  describe('when a line is longer than the limit', () => {
    it('should count its bytes, not its characters', async () => {
      // Arrange: fewer characters than the limit, more bytes
      const { path } = await start();
      const client = await collect(path);
      const head = '{"id":1,"op":"hello","pad":"';
      const line = `${head}${'é'.repeat((MAX_REQUEST_BYTES - head.length) / 2)}"}`;

      // Act
      client.socket.write(`${line}\n`);
      const responses = await client.closed;

      // Assert
      expect(line.length).to.be.below(MAX_REQUEST_BYTES);
      expect(responses).to.deep.equal([{ id: null, ok: false, code: 'EPROTO', message: `a request line is longer than ${MAX_REQUEST_BYTES} bytes` }]);
    });

    it('should refuse it as it arrives, before its newline, and serve the lines before it and other clients', async () => {
      // Arrange
      const { path } = await start();
      const client = await collect(path);
      const other = await collect(path);

      // Act: a request, then a line that never ends, a piece at a time
      client.socket.write(hellos(1));
      for (let sent = 0; sent <= MAX_REQUEST_BYTES && !client.socket.destroyed; sent += 8192) {
        client.socket.write('x'.repeat(8192));
        await sleep(1);
      }
      const responses = await client.closed;
      other.socket.write(hellos(1));
      await other.until(1);

      // Assert
      expect(responses.map((response) => [response.id, response.ok])).to.deep.equal([
        [1, true],
        [null, false],
      ]);
      expect(responses[1]).to.include({ code: 'EPROTO' });
      expect(other.responses[0]).to.include({ id: 1, ok: true });
      expect(server?.connections).to.equal(1);
    });

    it('should serve a line of exactly the limit, sent with its characters split between writes, and decode it whole', async () => {
      // Arrange: a write of a non-ASCII pattern, padded to the limit
      const attr = declareFaultAttr(uniqueName('utf8'));
      const { path } = await start();
      const client = await collect(path);
      const value = 'é'.repeat(2000);
      const head = JSON.stringify({ id: 1, op: 'write', tree: 'debugfs', path: `${attr.name}/require-stack`, value, pad: '' }).slice(0, -2);
      const room = MAX_REQUEST_BYTES - Buffer.byteLength(head) - 2;
      const bytes = Buffer.from(`${head}${'x'.repeat(room % 2)}${'é'.repeat(Math.floor(room / 2))}"}\n`);

      // Act: odd-sized pieces, so that characters (two bytes each) are split between two reads
      for (let at = 0; at < bytes.length; at += 4095) {
        client.socket.write(bytes.subarray(at, at + 4095));
        await sleep(1);
      }
      await client.until(1);

      // Assert
      expect(bytes.length).to.equal(MAX_REQUEST_BYTES + 1);
      expect(client.responses[0]).to.deep.equal({ id: 1, ok: true });
      expect(debugfs.read(`${attr.name}/require-stack`)).to.equal(`${value}\n`);
    });
  });

  describe('when a connection is idle for the idle timeout', () => {
    it('should close it with one ETIMEDOUT line, and keep a connection that sends', async () => {
      // Arrange
      const { path } = await start({ idleTimeoutMs: 100 });
      const begin = performance.now();
      const idle = await collect(path);
      const busy = await collect(path);

      // Act
      for (let id = 1; id <= 10; id++) {
        busy.socket.write(hellos(1, id));
        await sleep(30);
      }
      const responses = await idle.closed;
      const elapsed = performance.now() - begin;

      // Assert
      expect(responses).to.deep.equal([{ id: null, ok: false, code: 'ETIMEDOUT', message: 'nothing received or read for 100 ms; the connection is closed' }]);
      expect(elapsed).to.be.at.least(95);
      expect(ids(busy.responses)).to.deep.equal(range(1, 10));
      expect(busy.socket.destroyed).to.equal(false);
      expect(server?.connections).to.equal(1);
    });

  });

  describe('when a client takes none of its answers for the answer timeout', () => {
    it('should cut it, freeing its place, and keep a client that takes some within each timeout', async () => {
      // Arrange: a client that reads nothing until the server waits for a drain, then one read every 30 ms for a while
      const { path } = await start({ answerTimeoutMs: 100 });
      const silent = await connectSilent(path);
      const slow = await collect(path);
      await until(() => accepted.length === 2);
      const serverSide = accepted[1] as Socket;
      slow.socket.pause();
      let reads = 0;
      slow.socket.on('data', () => {
        if (++reads > 8) return;
        slow.socket.pause();
        setTimeout(() => slow.socket.resume(), 30);
      });

      // Act
      silent.write(hellos(100_000));
      slow.socket.write(bigReads(500));
      await until(() => serverSide.writableNeedDrain);
      slow.socket.resume();
      await slow.until(500);
      await until(() => server?.connections === 1);

      // Assert
      expect(ids(slow.responses)).to.deep.equal(range(1, 500));
      expect(slow.socket.destroyed).to.equal(false);
      expect(server?.bufferedBytes).to.equal(0);
      silent.destroy();
    });

    it('should not count a stall of the program against the client (regression: a timer late after a stall fired before the loop saw the client read)', async () => {
      // Arrange
      const { path } = await start({ answerTimeoutMs: 100 });
      const client = await collect(path);
      await until(() => accepted.length === 1);
      const serverSide = accepted[0] as Socket;
      client.socket.pause();
      client.socket.write(bigReads(500));
      await until(() => serverSide.writableNeedDrain);

      // Act: the program blocks its event loop for three answer timeouts
      client.socket.resume();
      const begin = Date.now();
      while (Date.now() - begin < 300);
      await client.until(500);

      // Assert
      expect(ids(client.responses)).to.deep.equal(range(1, 500));
      expect(client.socket.destroyed).to.equal(false);
    });
  });
});
