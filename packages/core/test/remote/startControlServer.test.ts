import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlSocketDir, debugfs, declareFaultAttr } from '../../src/index';
import { type ControlServer, MAX_CONNECTIONS, MAX_REQUEST_BYTES, removeStaleSockets, startControlServer } from '../../src/remote/startControlServer';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { sleep } from '../support/timers';
import { collect, connectSilent, exchange, hellos } from './client';

const uniqueName = uniqueNames('remote-server');

/** Waits until `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(5);
  }
}

/** The pid of a process that has exited (and, pids being reused slowly, is not running again). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('startControlServer', () => {
  let runtime = '';
  let server: ControlServer | undefined;
  const saved = process.env['XDG_RUNTIME_DIR'];

  beforeEach(() => {
    runtime = mkdtempSync(join(tmpdir(), 'errinject-server-'));
    process.env['XDG_RUNTIME_DIR'] = runtime;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (saved === undefined) delete process.env['XDG_RUNTIME_DIR'];
    else process.env['XDG_RUNTIME_DIR'] = saved;
    rmSync(runtime, { recursive: true, force: true });
  });

  describe('when it starts', () => {
    it('should listen on <dir>/<pid>.sock with mode 0600 in a directory of mode 0700', async () => {
      // Act
      server = await startControlServer();

      // Assert
      expect(server.path).to.equal(join(runtime, 'errinject', `${process.pid}.sock`));
      expect(statSync(server.path).isSocket()).to.equal(true);
      expect(statSync(server.path).mode & 0o777).to.equal(0o600);
      expect(statSync(join(runtime, 'errinject')).mode & 0o777).to.equal(0o700);
    });

    it('should remove the sockets of dead processes, and one left under its own pid, and keep those of live ones', async () => {
      // Arrange
      const dir = controlSocketDir();
      const dead = deadPid();
      const live = createServer();
      const livePath = join(dir, `${process.ppid}.sock`);
      await new Promise<void>((resolve) => live.listen(livePath, resolve));
      writeFileSync(join(dir, `${dead}.sock`), '');
      writeFileSync(join(dir, `${process.pid}.sock`), '');
      writeFileSync(join(dir, 'notes.txt'), '');

      // Act
      server = await startControlServer();

      // Assert
      expect(existsSync(join(dir, `${dead}.sock`))).to.equal(false);
      expect(existsSync(livePath)).to.equal(true);
      expect(existsSync(join(dir, 'notes.txt'))).to.equal(true);
      expect(statSync(server.path).isSocket()).to.equal(true);
      await new Promise((resolve) => live.close(resolve));
    });

    it('should reject when it cannot listen (a directory under its name)', async () => {
      // Arrange
      mkdirSync(join(controlSocketDir(), `${process.pid}.sock`));

      // Act
      let error: unknown;
      try {
        server = await startControlServer();
      } catch (caught) {
        error = caught;
      }

      // Assert
      expect((error as NodeJS.ErrnoException | undefined)?.code).to.equal('EADDRINUSE');
    });

    it('should refuse a socket path longer than Unix domain sockets take, with ENAMETOOLONG', () => {
      // Arrange
      const long = join(runtime, 'x'.repeat(100));
      mkdirSync(long);
      process.env['XDG_RUNTIME_DIR'] = long;

      // Act
      const error = catchErrInject(() => startControlServer());

      // Assert
      expect(error.code).to.equal('ENAMETOOLONG');
      expect(error.message).to.match(/: a Unix domain socket path has at most 107 bytes; set XDG_RUNTIME_DIR \(or TMPDIR\) to a shorter directory$/);
    });
  });

  describe('when a client sends requests', () => {
    it('should answer each line in order, several lines in one write included', async () => {
      // Arrange
      const attr = declareFaultAttr(uniqueName('order'));
      server = await startControlServer();

      // Act
      const responses = await exchange(
        server.path,
        [
          JSON.stringify({ id: 1, op: 'write', tree: 'debugfs', path: `${attr.name}/times`, value: '-1' }),
          JSON.stringify({ id: 2, op: 'read', tree: 'debugfs', path: `${attr.name}/times` }),
          '',
          JSON.stringify({ id: 3, op: 'write', tree: 'debugfs', path: `${attr.name}/times`, value: 'x' }),
          'not json\r',
          '',
        ].join('\n'),
        4,
      );

      // Assert
      expect(responses.map((response) => [response.id, response.ok])).to.deep.equal([
        [1, true],
        [2, true],
        [3, false],
        [null, false],
      ]);
      expect(responses[1]).to.deep.equal({ id: 2, ok: true, value: '-1\n' });
      expect(responses.slice(2).map((response) => (response as { code: string }).code)).to.deep.equal(['EINVAL', 'EPROTO']);
      expect(debugfs.read(`${attr.name}/times`)).to.equal('-1\n');
    });

    it('should put a request split over several writes back together', async () => {
      // Arrange
      server = await startControlServer();
      const { connect } = await import('node:net');
      const socket = connect(server.path);
      socket.setEncoding('utf8');
      let received = '';
      socket.on('data', (chunk: string) => {
        received += chunk;
      });

      // Act
      socket.write('{"id":1,');
      await new Promise((resolve) => setTimeout(resolve, 20));
      socket.write('"op":"hello"}\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.end();

      // Assert
      expect(JSON.parse(received)).to.include({ id: 1, ok: true, pid: process.pid });
    });

    it('should refuse a line longer than the limit and close the connection', async () => {
      // Arrange
      server = await startControlServer();

      // Act
      const responses = await exchange(server.path, 'x'.repeat(MAX_REQUEST_BYTES + 1), 1);

      // Assert
      expect(responses).to.deep.equal([{ id: null, ok: false, code: 'EPROTO', message: `a request line is longer than ${MAX_REQUEST_BYTES} bytes` }]);
    });
  });

  describe('when its options are not accepted', () => {
    for (const [name, value] of [
      ['idleTimeoutMs', 0],
      ['idleTimeoutMs', 1.5],
      ['idleTimeoutMs', 2 ** 31],
      ['answerTimeoutMs', null],
      ['maxConnections', -1],
      ['maxConnections', Number.NaN],
      ['maxBufferedBytes', '1024'],
    ] as const) {
      it(`should throw ERR_INVALID_ARG_VALUE for ${name} ${String(value)}, naming it`, () => {
        // Act
        const error = catchErrInject(() => startControlServer({ [name]: value }));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.message).to.match(new RegExp(`^startControlServer: ${name} must be an integer from 1 to \\d+, got `));
        expect(existsSync(join(runtime, 'errinject')), 'nothing was created').to.equal(false);
      });
    }
  });

  describe(`when more than ${MAX_CONNECTIONS} clients connect`, () => {
    it('should refuse the one past the limit with one EMFILE line naming it, serve the others, and take a new one once one has gone', async () => {
      // Arrange
      server = await startControlServer();
      const { path } = server;
      const clients = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => collect(path)));
      await Promise.all(clients.map((client) => (client.socket.write(hellos(1)), client.until(1))));

      // Act
      const refused = await (await collect(path)).closed;
      (clients[0] as Awaited<ReturnType<typeof collect>>).socket.end();
      await until(() => server?.connections === MAX_CONNECTIONS - 1);
      const late = await exchange(path, hellos(1), 1);
      const last = clients[MAX_CONNECTIONS - 1] as Awaited<ReturnType<typeof collect>>;
      last.socket.write(hellos(1, 2));
      await last.until(2);

      // Assert
      expect(refused).to.deep.equal([
        { id: null, ok: false, code: 'EMFILE', message: `the control socket serves at most ${MAX_CONNECTIONS} connections at once; try again when one has closed` },
      ]);
      expect(late[0]).to.include({ id: 1, ok: true });
      expect(last.responses.map((response) => response.ok)).to.deep.equal([true, true]);
      for (const client of clients) client.socket.destroy();
    });
  });

  describe('when the connections together hold more than maxBufferedBytes', () => {
    it('should refuse the one that holds the most with ENOBUFS, and serve the others', async () => {
      // Arrange: two requests left unfinished, the second one much longer
      server = await startControlServer({ maxBufferedBytes: 48 * 1024 });
      const small = await collect(server.path);
      const large = await collect(server.path);
      small.socket.write(`{"id":1,"op":"hello","pad":"${'s'.repeat(8 * 1024)}`);
      await until(() => server?.bufferedBytes !== 0);

      // Act
      large.socket.write(`{"id":2,"op":"hello","pad":"${'l'.repeat(48 * 1024)}`);
      const refused = await large.closed;
      small.socket.write('"}\n');
      await small.until(1);

      // Assert
      expect(refused).to.have.length(1);
      expect(refused[0]).to.include({ id: null, ok: false, code: 'ENOBUFS' });
      expect((refused[0] as { message: string }).message).to.match(/^the control socket's connections hold \d+ bytes, more than 49152, and this one held the most \(\d+\); the connection is closed$/);
      expect(small.responses[0]).to.include({ id: 1, ok: true });
    });
  });

  describe('when it is closed', () => {
    it('should remove its socket', async () => {
      // Arrange
      const started = await startControlServer();

      // Act
      await started.close();

      // Assert
      expect(existsSync(started.path)).to.equal(false);
    });

    it('should close the connections it serves, and resolve', async () => {
      // Arrange
      const started = await startControlServer();
      const client = await collect(started.path);
      const silent = await connectSilent(started.path);
      silent.write(hellos(10_000));

      // Act
      await started.close();
      await client.closed;

      // Assert
      expect(started.connections).to.equal(0);
      silent.destroy();
    });
  });
});

describe('removeStaleSockets', () => {
  describe('when a stale name cannot be removed', () => {
    it('should go on without it', () => {
      // Arrange
      const dir = mkdtempSync(join(tmpdir(), 'errinject-stale-'));
      mkdirSync(join(dir, `${process.pid}.sock`));
      writeFileSync(join(dir, `${deadPid()}.sock`), '');

      // Act
      const removed = removeStaleSockets(dir);
      rmSync(dir, { recursive: true, force: true });

      // Assert
      expect(removed).to.have.length(1);
      expect(removed[0]).to.not.equal(`${process.pid}.sock`);
    });
  });
});
