import { expect } from 'chai';
import { runArmedScript } from '../support/armedScript';
import { NET_HELPERS } from '../support/netSnippets';
import { scriptResults } from '../support/scriptResults';

/** `write ECONNRESET`, as Node's ErrnoException makes it. */
const RESET = { class: 'Error', message: 'write ECONNRESET', fields: [['errno', -104], ['code', 'ECONNRESET'], ['syscall', 'write']] };

/** A TCP server that collects what it receives, and a client connected to it. */
const CONNECTED = `
const received = [];
const server = net.createServer((socket) => socket.on('data', (data) => received.push(String(data))));
const connected = async () => {
  const port = await listening(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  await once(client, 'connect');
  return client;
};
/** Writes and waits for the callback: resolves with the error, or 'ok'. */
const written = (socket, data) => new Promise((resolve) => socket.write(data, (error) => resolve(error ? shape(error) : 'ok')));
`;

describe('fail_net', () => {
  describe('when a write on an established TCP connection fails (ops=write)', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}${CONNECTED}
main(async () => {
  const client = await connected();
  const seen = [];
  client.on('error', (error) => seen.push(['error', shape(error)]));
  const closed = new Promise((resolve) => client.once('close', (hadError) => resolve(seen.push(['close', hadError]))));
  arm({ ...ARMED, 'fail_net/ops': 'write' });
  process.stdout.write(JSON.stringify({ stdout: 'written while armed' }) + '\\n');
  const callback = await written(client, 'x');
  await closed;
  arm({ 'fail_net/probability': 0 });
  out({ callback, seen, destroyed: client.destroyed });
  server.close();
});
`,
          { capabilities: 'fail_net' },
        ),
      );
    });

    it('should call the write callback with write ECONNRESET, then emit it as error and close', () => {
      // Assert
      expect(result['callback']).to.deep.equal(RESET);
      expect(result['seen']).to.deep.equal([
        ['error', RESET],
        ['close', true],
      ]);
      expect(result['destroyed']).to.equal(true);
    });

    it('should not fail standard output, a pipe', () => {
      expect(result['stdout']).to.equal('written while armed');
    });
  });

  describe('when a fetch writes while writes fail', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}
main(async () => {
  let requests = 0;
  const server = http.createServer((request, response) => { requests++; response.end('ok'); });
  const port = await listening(server, 0, '127.0.0.1');
  const fetched = (url) => fetch(url).then((response) => response.text(), (error) => ({ class: error.constructor.name, message: error.message, cause: error.cause === undefined ? null : error.cause.message }));
  arm({ ...ARMED, 'fail_net/ops': 'write' });
  out({ requestWrite: await fetched('http://127.0.0.1:' + port + '/'), requestsAfterRequestWrite: requests });
  // Only the server's side: its peer is 127.0.0.1 at the client's port; the client's own socket
  // was opened to the name localhost.
  arm({ 'fail_net/path-filter': '127.0.0.1:*' });
  out({ responseWrite: await fetched('http://localhost:' + port + '/'), requestsAfterResponseWrite: requests });
  arm({ 'fail_net/probability': 0 });
  server.close();
  server.closeAllConnections();
});
`,
          { capabilities: 'fail_net' },
        ),
      );
    });

    it('should reject when the request cannot be written, the server seeing no request', () => {
      // Assert
      expect(result['requestWrite']).to.deep.equal({ class: 'TypeError', message: 'fetch failed', cause: 'write ECONNRESET' });
      expect(result['requestsAfterRequestWrite']).to.equal(0);
    });

    it('should reject when the response cannot be written', () => {
      expect(result['responseWrite']).to.deep.equal({ class: 'TypeError', message: 'fetch failed', cause: 'other side closed' });
      expect(result['requestsAfterResponseWrite']).to.equal(1);
    });
  });

  describe('when writes on a Unix domain socket are made while connects and writes fail', () => {
    it('should fail neither the connect nor the writes', () => {
      // Act
      const result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}
main(async () => {
  let received = '';
  const server = net.createServer((socket) => socket.on('data', (data) => { received += data; }));
  await listening(server, require('node:path').join(process.cwd(), 'socket'));
  arm(ARMED);
  const client = net.connect(require('node:path').join(process.cwd(), 'socket'));
  const events = socketEvents(client);
  await once(client, 'connect');
  const callback = await new Promise((resolve) => client.write('over a unix socket', (error) => resolve(error ? shape(error) : 'ok')));
  client.end();
  out({ callback, events: await events });
  arm({ 'fail_net/probability': 0 });
  await new Promise((resolve) => server.close(resolve));
  out({ received });
});
`,
          { capabilities: 'fail_net' },
        ),
      );

      // Assert
      expect(result['callback']).to.equal('ok');
      expect(result['events']).to.deep.equal([['connect'], ['close', false]]);
      expect(result['received']).to.equal('over a unix socket');
    });
  });

  describe('when space=10 with writes of 4 bytes', () => {
    it('should let writes use space while it is over their size (10, then 6), then fail the third', () => {
      // Act
      const result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}${CONNECTED}
main(async () => {
  const client = await connected();
  client.on('error', () => {});
  arm({ ...ARMED, 'fail_net/ops': 'write', 'fail_net/space': 10 });
  const results = [];
  for (let index = 1; index <= 4 && !client.destroyed; index++) results.push([index, await written(client, 'abcd'), core.debugfs.read('fail_net/space')]);
  arm({ 'fail_net/probability': 0 });
  out({ results });
  server.close();
});
`,
          { capabilities: 'fail_net' },
        ),
      );

      // Assert: kernel-semantics.md §2.1 step 6, space is used only while space > size.
      expect(result['results']).to.deep.equal([
        [1, 'ok', '6\n'],
        [2, 'ok', '2\n'],
        [3, RESET, '2\n'],
      ]);
    });
  });
});
