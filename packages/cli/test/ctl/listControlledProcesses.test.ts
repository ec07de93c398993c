import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { listControlledProcesses } from '../../src/ctl/listControlledProcesses';
import { fakeServer, type FakeServer } from '../support/fakeServer';

describe('listControlledProcesses', () => {
  let dir: string;
  const servers: FakeServer[] = [];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ei-ctl-list-'));
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the directory holds live, stale and silent sockets', () => {
    it('should list the live by pid, with what each said (an older core less), remove the stale and leave the silent alone', async () => {
      // Arrange: 300 answers as a newer core does, 20 as an older one
      const more = { execArgv: ['-e', 'x'], ppid: 1, cwd: '/app', startTime: 1767258000000, uid: 1000, user: 'me' };
      for (const pid of [300, 20]) {
        servers.push(
          await fakeServer(({ id }) => JSON.stringify({ id, ok: true, pid, argv: ['node', `app${pid}.js`], version: '0.1.0', ...(pid === 300 ? more : {}) }), {
            dir,
            name: `${pid}.sock`,
          }),
        );
      }
      servers.push(await fakeServer(() => undefined, { dir, name: '7.sock' }));
      // A socket whose process is gone: bound in a child that exits without closing it.
      const stale = path.join(dir, '55.sock');
      spawnSync(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`]);
      writeFileSync(path.join(dir, 'notes.txt'), '');
      expect(existsSync(stale)).to.equal(true);

      // Act
      const found = await listControlledProcesses({ dir, timeoutMs: 200 });

      // Assert
      expect(found.processes).to.deep.equal([
        { pid: 20, argv: ['node', 'app20.js'], version: '0.1.0', socket: path.join(dir, '20.sock') },
        { pid: 300, argv: ['node', 'app300.js'], version: '0.1.0', ...more, socket: path.join(dir, '300.sock') },
      ]);
      expect(found.removed).to.deep.equal([55]);
      expect(found.unresponsive).to.deep.equal([7]);
      expect(existsSync(stale)).to.equal(false);
      expect(existsSync(path.join(dir, 'notes.txt'))).to.equal(true);
    });
  });

  describe('when the directory is empty', () => {
    it('should find nothing', async () => {
      expect(await listControlledProcesses({ dir })).to.deep.equal({ processes: [], removed: [], unresponsive: [] });
    });
  });

  describe('when no directory is given', () => {
    it('should look in controlSocketDir() and find at least a process of its own that listens there', async () => {
      // Arrange: this process listens where its own control socket would be
      const { controlSocketPath } = await import('@errinject/core');
      const socket = controlSocketPath(process.pid);
      const server = createServer((connection) => {
        connection.on('data', (chunk) => connection.write(`${JSON.stringify({ id: JSON.parse(String(chunk)).id, ok: true, pid: process.pid, argv: process.argv, version: 'test' })}\n`));
      });
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      try {
        // Act
        const found = await listControlledProcesses();

        // Assert
        expect(found.processes.map((p) => p.pid)).to.include(process.pid);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
