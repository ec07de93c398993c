import { expect } from 'chai';
import { userInfo } from 'node:os';
import { debugfs, declareFaultAttr, procfs, runTask } from '../../src/index';
import { serveControlRequest } from '../../src/remote/serveControlRequest';
import { uniqueNames } from '../support/names';

const uniqueName = uniqueNames('remote-serve');

function serve(request: unknown): unknown {
  return serveControlRequest(JSON.stringify(request));
}

describe('serveControlRequest', () => {
  describe('when the request is hello', () => {
    it('should answer with the pid, argv, the version of the core, and what tells the process apart from others', () => {
      // Act
      const response = serve({ id: 1, op: 'hello' });

      // Assert
      const { version } = require('../../../package.json') as { version: string };
      expect(response).to.deep.equal({
        id: 1,
        ok: true,
        pid: process.pid,
        argv: process.argv,
        version,
        execArgv: process.execArgv,
        ppid: process.ppid,
        cwd: process.cwd(),
        startTime: Math.round(performance.timeOrigin),
        uid: process.geteuid?.() ?? null,
        user: userInfo().username,
      });
      expect(Date.now() - (response as { startTime: number }).startTime).to.be.within(0, process.uptime() * 1000 + 1000);
    });

    it('should answer null for what the system cannot tell: the working directory, the user id, the user\'s name', () => {
      // Arrange: as a process whose directory cannot be read, on a system without user ids, with a user
      // without a passwd entry would see them
      const osModule = require('node:os') as { userInfo: typeof userInfo };
      const saved = { cwd: process.cwd, geteuid: Object.getOwnPropertyDescriptor(process, 'geteuid') as PropertyDescriptor, userInfo: osModule.userInfo };
      const fail = (): never => {
        throw Object.assign(new Error('ENOENT: no such file or directory, uv_cwd'), { code: 'ENOENT' });
      };
      process.cwd = fail;
      osModule.userInfo = fail;
      Object.defineProperty(process, 'geteuid', { value: undefined, configurable: true, writable: true });
      let response: unknown;
      try {
        // Act
        response = serve({ id: 2, op: 'hello' });
      } finally {
        process.cwd = saved.cwd;
        osModule.userInfo = saved.userInfo;
        Object.defineProperty(process, 'geteuid', saved.geteuid);
      }

      // Assert
      expect(response).to.include({ cwd: null, uid: null, user: null, pid: process.pid });
    });
  });

  describe('when the request reads, writes or lists the control tree', () => {
    it('should read a file as cat does', () => {
      // Arrange
      const attr = declareFaultAttr(uniqueName('read'), { times: 7 });

      // Act
      const response = serve({ id: 2, op: 'read', tree: 'debugfs', path: `${attr.name}/times` });

      // Assert
      expect(response).to.deep.equal({ id: 2, ok: true, value: '7\n' });
    });

    it('should write a file as echo does, values that begin with - included', () => {
      // Arrange
      const attr = declareFaultAttr(uniqueName('write'));

      // Act
      const response = serve({ id: 'w', op: 'write', tree: 'debugfs', path: `${attr.name}/times`, value: '-1' });

      // Assert
      expect(response).to.deep.equal({ id: 'w', ok: true });
      expect(debugfs.read(`${attr.name}/times`)).to.equal('-1\n');
    });

    it('should list a directory, and the root without a path', () => {
      // Act
      const dir = serve({ id: 4, op: 'list', tree: 'debugfs', path: 'fail_function' }) as { entries: string[] };
      const root = serve({ id: 5, op: 'list', tree: 'procfs' });

      // Assert
      expect(dir.entries.slice(0, 3)).to.deep.equal(['probability', 'interval', 'times']);
      expect(dir.entries).to.include.members(['inject', 'injectable']);
      expect(root).to.deep.equal({ id: 5, ok: true, entries: ['self'] });
    });

    it("should act on the root task's self/, even when served inside a task", async () => {
      // Act
      const inside = await runTask(
        async () => {
          await Promise.resolve();
          return [serve({ id: 6, op: 'read', tree: 'procfs', path: 'self/fail-nth' }), procfs.read('self/fail-nth')];
        },
        { failNth: 9 },
      );

      // Assert
      expect(inside).to.deep.equal([{ id: 6, ok: true, value: '0\n' }, '9\n']);
    });
  });

  describe('when the control tree refuses the request', () => {
    it("should answer with the tree's errno name and message", () => {
      // Arrange
      const attr = declareFaultAttr(uniqueName('refused'));
      let message = '';
      try {
        debugfs.write(`${attr.name}/probability`, '-1');
      } catch (error) {
        message = (error as Error).message;
      }

      // Act
      const responses = [
        serve({ id: 7, op: 'write', tree: 'debugfs', path: `${attr.name}/probability`, value: '-1' }),
        serve({ id: 8, op: 'read', tree: 'debugfs', path: 'nope' }),
        serve({ id: 9, op: 'write', tree: 'debugfs', path: 'fail_function/injectable', value: 'x' }),
        serve({ id: 10, op: 'list', tree: 'debugfs', path: 'fail_function/times' }),
      ];

      // Assert
      expect(responses[0]).to.deep.equal({ id: 7, ok: false, code: 'EINVAL', message });
      expect(responses.slice(1).map((response) => (response as { code: string }).code)).to.deep.equal(['ENOENT', 'EACCES', 'ENOTDIR']);
    });

    it('should answer EIO with the text of anything else that is thrown', () => {
      // Arrange
      const read = debugfs.read;
      debugfs.read = () => {
        throw new Error('broken');
      };

      // Act
      let response: unknown;
      try {
        response = serve({ id: 11, op: 'read', tree: 'debugfs', path: 'fail_function/times' });
      } finally {
        debugfs.read = read;
      }

      // Assert
      expect(response).to.deep.equal({ id: 11, ok: false, code: 'EIO', message: 'Error: broken' });
    });
  });

  describe('when the request is not one', () => {
    const cases: ReadonlyArray<readonly [string, string, unknown]> = [
      ['it is not JSON', '{"id":1,', null],
      ['it is not an object', '[1,2]', null],
      ['it is null', 'null', null],
      ['its op is unknown', '{"id":1,"op":"exec"}', 1],
      ['it has no op', '{"id":"a"}', 'a'],
      ['its tree is unknown', '{"id":2,"op":"read","tree":"sysfs","path":"x"}', 2],
      ['its tree is missing', '{"id":2,"op":"read","path":"x"}', 2],
      ['its path is missing', '{"id":3,"op":"read","tree":"debugfs"}', 3],
      ['its path is no string', '{"id":3,"op":"list","tree":"debugfs","path":1}', 3],
      ['its value is missing', '{"id":[4],"op":"write","tree":"debugfs","path":"fail_function/times"}', null],
    ];
    for (const [when, line, id] of cases) {
      it(`should answer EPROTO when ${when}`, () => {
        // Act
        const response = serveControlRequest(line) as { id: unknown; ok: boolean; code: string; message: string };

        // Assert
        expect(response).to.include({ ok: false, code: 'EPROTO' });
        expect(response.id).to.equal(id);
        expect(response.message).to.be.a('string').and.not.equal('');
      });
    }

    it('should say what is accepted', () => {
      // Act
      const responses = [
        serveControlRequest('{"id":1,"op":"exec"}'),
        serveControlRequest('{"id":2,"op":"read","tree":"sysfs","path":"x"}'),
        serveControlRequest('{"id":3,"op":"write","tree":"debugfs","path":"fail_function/times"}'),
        serveControlRequest('[]'),
      ];

      // Assert
      expect(responses.map((response) => (response as { message: string }).message)).to.deep.equal([
        'unknown op "exec"; accepted: hello, read, write, list',
        '"tree" must be "debugfs" or "procfs", got "sysfs"',
        '"value" must be a string, got nothing',
        'the request must be a JSON object with "id" and "op" (hello, read, write, list), got "[]"',
      ]);
    });

    it('should quote what it refuses cut to a readable length, whatever the client sent (regression: a 1 MB field came back whole)', () => {
      // Arrange
      const huge = 'q'.repeat(1_000_000);

      // Act
      const responses = [
        serveControlRequest(JSON.stringify({ id: 1, op: huge })),
        serveControlRequest(JSON.stringify({ id: 2, op: 'read', tree: huge, path: 'x' })),
        serveControlRequest(JSON.stringify({ id: 3, op: 'read', tree: 'debugfs', path: `fail_function/${huge}` })),
        serveControlRequest(JSON.stringify({ id: 4, op: 'write', tree: 'debugfs', path: 'fail_function/times', value: huge })),
        serveControlRequest(JSON.stringify([huge])),
        serveControlRequest(`{"id":5,"op":"read",${huge}`),
      ];

      // Assert
      for (const response of responses) {
        expect(response.ok).to.equal(false);
        expect((response as { message: string }).message.length).to.be.below(1000);
      }
    });
  });
});
