import { expect } from 'chai';
import { ControlClient, unreachableCode } from '../../src/ctl/ControlClient';
import { CliError } from '../../src/errors/CliError';
import { fakeServer, type FakeServer } from '../support/fakeServer';

async function rejection(promise: Promise<unknown>): Promise<CliError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(CliError);
  return error as CliError;
}

describe('ControlClient', () => {
  let server: FakeServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  describe('when the process answers', () => {
    it('should send one request a line with a new id, and give each answer', async () => {
      // Arrange
      const seen: Array<Record<string, unknown>> = [];
      server = await fakeServer((request) => {
        seen.push(request);
        const { id, op } = request;
        if (op === 'hello') return JSON.stringify({ id, ok: true, pid: 42, argv: ['node', 'app.js'], version: '0.1.0' });
        if (op === 'read') return JSON.stringify({ id, ok: true, value: '1\n' });
        if (op === 'list') return JSON.stringify({ id, ok: true, entries: ['probability', 'times'] });
        return JSON.stringify({ id, ok: true });
      });
      const client = await ControlClient.connect(server.path);

      // Act
      const [hello, value, , entries] = await Promise.all([
        client.hello(),
        client.read('debugfs', 'fail_function/times'),
        client.write('procfs', 'self/fail-nth', '-1'),
        client.list('debugfs', 'fail_function'),
      ]);
      client.close();

      // Assert
      expect(hello).to.deep.equal({ pid: 42, argv: ['node', 'app.js'], version: '0.1.0' });
      expect(value).to.equal('1\n');
      expect(entries).to.deep.equal(['probability', 'times']);
      expect(seen).to.deep.equal([
        { id: 1, op: 'hello' },
        { id: 2, op: 'read', tree: 'debugfs', path: 'fail_function/times' },
        { id: 3, op: 'write', tree: 'procfs', path: 'self/fail-nth', value: '-1' },
        { id: 4, op: 'list', tree: 'debugfs', path: 'fail_function' },
      ]);
    });

    it('should take a hello without a version', async () => {
      server = await fakeServer(({ id }) => JSON.stringify({ id, ok: true, pid: 1, argv: [] }));
      const client = await ControlClient.connect(server.path);
      expect((await client.hello()).version).to.equal('unknown');
      client.close();
    });

    it('should take what a newer core says besides, null included, and leave out what has the wrong type', async () => {
      // Arrange
      const more = { execArgv: ['-e', '1'], ppid: 7, cwd: null, startTime: 1767258000000, uid: null, user: 'me' };
      server = await fakeServer(({ id }) => JSON.stringify({ id, ok: true, pid: 1, argv: ['node'], version: '0.2.0', ...more }));
      const client = await ControlClient.connect(server.path);
      const other = await fakeServer(({ id }) => JSON.stringify({ id, ok: true, pid: 2, argv: ['node'], version: '0.2.0', execArgv: [1], ppid: '7', cwd: 3, startTime: null, uid: '0', user: {} }));
      const odd = await ControlClient.connect(other.path);

      // Act
      const [hello, oddHello] = await Promise.all([client.hello(), odd.hello()]);
      client.close();
      odd.close();
      await other.close();

      // Assert
      expect(hello).to.deep.equal({ pid: 1, argv: ['node'], version: '0.2.0', ...more });
      expect(oddHello).to.deep.equal({ pid: 2, argv: ['node'], version: '0.2.0' });
    });
  });

  describe('when the control tree refuses', () => {
    it('should reject with the tree\'s errno name and message', async () => {
      // Arrange
      server = await fakeServer(({ id }) => JSON.stringify({ id, ok: false, code: 'ERANGE', message: 'debugfs fail_function/times: cannot write "9e99"' }));
      const client = await ControlClient.connect(server.path);

      // Act
      const error = await rejection(client.write('debugfs', 'fail_function/times', '9e99'));
      client.close();

      // Assert
      expect(error).to.include({ code: 'ERANGE', message: 'debugfs fail_function/times: cannot write "9e99"' });
    });
  });

  describe('when the process refuses the connection itself (too many, idle, too much held)', () => {
    it("should reject every request waiting with the refusal's errno name and message", async () => {
      // Arrange: the core's server sends one line with id null, then closes the connection.
      server = await fakeServer((_request, socket) => {
        if (!socket.writableEnded) socket.end(`${JSON.stringify({ id: null, ok: false, code: 'EMFILE', message: 'too many connections (64 at most)' })}\n`);
        return undefined;
      });
      const client = await ControlClient.connect(server.path);

      // Act
      const [first, second] = await Promise.all([rejection(client.hello()), rejection(client.read('debugfs', 'x'))]);
      const later = await rejection(client.read('debugfs', 'y'));

      // Assert
      expect(first).to.include({ code: 'EMFILE' });
      expect(first.message).to.contain('too many connections (64 at most)');
      expect(second).to.equal(first);
      expect(later).to.equal(first);
    });
  });

  describe('when the process answers something else', () => {
    const cases: Array<[string, (id: unknown) => string, (client: ControlClient) => Promise<unknown>, string]> = [
      ['an unknown code', (id) => JSON.stringify({ id, ok: false, code: 'EWEIRD', message: 'odd' }), (c) => c.read('debugfs', 'x'), 'odd'],
      ['a refusal without a message', (id) => JSON.stringify({ id, ok: false, code: 'ENOENT' }), (c) => c.read('debugfs', 'x'), 'refused without a message'],
      ['another id', () => JSON.stringify({ id: 99, ok: true }), (c) => c.read('debugfs', 'x'), 'expected the answer to request 1'],
      ['no JSON', () => 'hello?', (c) => c.read('debugfs', 'x'), 'expected the answer to request 1, got "hello?"'],
      ['a hello without pid', (id) => JSON.stringify({ id, ok: true, argv: [] }), (c) => c.hello(), 'the answer to hello has no pid'],
      ['a read without value', (id) => JSON.stringify({ id, ok: true }), (c) => c.read('debugfs', 'x'), 'the answer to read has no value'],
      ['a list without entries', (id) => JSON.stringify({ id, ok: true }), (c) => c.list('debugfs', ''), 'the answer to list has no entries'],
    ];
    for (const [what, reply, call, message] of cases) {
      it(`should reject ${what} with ERR_PROTOCOL, or its own errno name`, async () => {
        // Arrange
        server = await fakeServer(({ id }) => reply(id));
        const client = await ControlClient.connect(server.path);

        // Act
        const error = await rejection(call(client));
        client.close();

        // Assert
        expect(error.code).to.equal(what === 'a refusal without a message' ? 'ENOENT' : 'ERR_PROTOCOL');
        expect(error.message).to.contain(message);
      });
    }

    it('should ignore a line nobody asked for', async () => {
      // Arrange: every answer comes with an extra line after it
      server = await fakeServer(({ id }) => `${JSON.stringify({ id, ok: true, value: 'v' })}\n{"id":0}`);
      const client = await ControlClient.connect(server.path);

      // Act, Assert
      expect(await client.read('debugfs', 'x')).to.equal('v');
      expect(await client.read('debugfs', 'x')).to.equal('v');
      client.close();
    });
  });

  describe('when the process goes away or stays silent', () => {
    it('should reject every request with ERR_UNREACHABLE once the connection closed', async () => {
      // Arrange
      server = await fakeServer((_request, socket) => {
        socket.destroy();
        return undefined;
      });
      const client = await ControlClient.connect(server.path);

      // Act
      const first = await rejection(client.read('debugfs', 'x'));
      const second = await rejection(client.read('debugfs', 'y'));

      // Assert
      expect(first.code).to.equal('ERR_UNREACHABLE');
      expect(first.message).to.contain('closed the connection');
      expect(second).to.equal(first);
    });

    it('should give up on a request after the timeout', async () => {
      // Arrange
      server = await fakeServer(() => undefined);
      const client = await ControlClient.connect(server.path, { timeoutMs: 50 });

      // Act
      const error = await rejection(client.hello());

      // Assert
      expect(error.code).to.equal('ERR_UNREACHABLE');
      expect(error.message).to.contain('no answer within 50 ms');
    });
  });

  describe('when nothing listens', () => {
    it('should reject with ERR_UNREACHABLE, the system error as its cause', async () => {
      // Act
      const error = await rejection(ControlClient.connect('/nonexistent/errinject/1.sock'));

      // Assert
      expect(error.code).to.equal('ERR_UNREACHABLE');
      expect(unreachableCode(error)).to.equal('ENOENT');
      expect(unreachableCode(new CliError('ERR_USAGE', 'x'))).to.equal(undefined);
      expect(unreachableCode(new CliError('ERR_UNREACHABLE', 'x'))).to.equal(undefined);
    });
  });
});
