import { expect } from 'chai';
import { runArmedScript } from '../support/armedScript';
import { NET_HELPERS } from '../support/netSnippets';
import { scriptResults } from '../support/scriptResults';

/** Two local servers, and what a connect to each gives under each path-filter. */
const FILTERED = `${NET_HELPERS}
const outcome = async (port, host) => (await socketEvents(net.connect(port, host))).map(([event, detail]) => event === 'error' ? 'error ' + detail.message : event).join(' ');
main(async () => {
  const one = net.createServer((socket) => socket.destroy());
  const two = net.createServer((socket) => socket.destroy());
  const portOne = await listening(one, 0, '127.0.0.1');
  const portTwo = await listening(two, 0, '127.0.0.1');
  out({ portOne, portTwo });
  arm(ARMED);
  const connects = async () => [await outcome(portOne, '127.0.0.1'), await outcome(portTwo, '127.0.0.1'), await outcome(portOne, 'localhost'), await outcome(portTwo, 'localhost')];
  arm({ 'fail_net/path-filter': '127.0.0.1:' + portOne });
  out({ exact: await connects() });
  arm({ 'fail_net/path-filter': '*:' + portTwo });
  out({ anyHost: await connects() });
  arm({ 'fail_net/path-filter': 'localhost', 'fail_net/ops': 'lookup' });
  out({ lookupByName: await connects() });
  one.close();
  two.close();
});
`;

describe('fail_net', () => {
  describe('when path-filter names host:port patterns', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(runArmedScript(FILTERED, { capabilities: 'fail_net' }));
    });

    it('should fail connects to 127.0.0.1:PORT only, for 127.0.0.1:PORT', () => {
      // Assert: the order of connects is [one by IP, two by IP, one by name, two by name].
      const portOne = result['portOne'] as number;
      expect(result['exact']).to.deep.equal([`error connect ECONNREFUSED 127.0.0.1:${portOne} close`, 'connect close', 'lookup connect close', 'lookup connect close']);
    });

    it('should fail connects to the port by any host, for *:PORT', () => {
      const portTwo = result['portTwo'] as number;
      expect(result['anyHost']).to.deep.equal(['connect close', `error connect ECONNREFUSED 127.0.0.1:${portTwo} close`, 'lookup connect close', `lookup error connect ECONNREFUSED 127.0.0.1:${portTwo} close`]);
    });

    it('should fail the lookup stage of connects to the name, for localhost', () => {
      const lookupFailed = 'lookup error getaddrinfo ENOTFOUND localhost close';
      expect(result['lookupByName']).to.deep.equal(['connect close', 'connect close', lookupFailed, lookupFailed]);
    });
  });

  describe('when fail-nth sweeps an http.get to a server in the same process', () => {
    // Each run: a server and a client in one new process, fail-nth N written once the server listens.
    const sweep = (nth: number): Record<string, unknown> =>
      scriptResults(
        runArmedScript(
          `${NET_HELPERS}
main(async () => {
  const server = http.createServer((request, response) => response.end('ok'));
  const port = await listening(server, 0, '127.0.0.1');
  arm({ 'fail_net/verbose': 0 });
  core.procfs.write('self/fail-nth', '${nth}');
  const outcome = await new Promise((resolve) => {
    http.get('http://127.0.0.1:' + port + '/', { agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve(body));
      response.on('error', (error) => resolve(error.message));
    }).on('error', (error) => resolve(error.message));
  });
  out({ port, outcome, left: core.procfs.read('self/fail-nth') });
  core.procfs.write('self/fail-nth', '0');
  server.close();
});
`,
            { capabilities: 'fail_net' },
          ),
        );

    it('should count exactly 3 fault points: the connect, the request write, the response write', () => {
      // Act
      const runs = [1, 2, 3, 4].map(sweep).map(({ port, ...rest }) => ({ ...rest, outcome: String(rest['outcome']).replace(`:${String(port)}`, ':PORT') }));

      // Assert: fail-nth N fails the N-th point and leaves 0; past the last point nothing fails and
      // the countdown is left at N minus the points counted (4 - 3 = 1). The client's connect to an
      // IP address makes no lookup; the request goes in one write (agent: false, no body), and so
      // does the response (headers and 'ok' together); the server's accept and the sockets' ends
      // are no fault points. The third point failing is the server's write, which the client sees
      // as the connection closed with no response.
      expect(runs).to.deep.equal([
        { outcome: 'connect ECONNREFUSED 127.0.0.1:PORT', left: '0\n' },
        { outcome: 'write ECONNRESET', left: '0\n' },
        { outcome: 'socket hang up', left: '0\n' },
        { outcome: 'ok', left: '1\n' },
      ]);
    });
  });

  describe('when ERRINJECT_NODE names fail_fs only', () => {
    it('should neither declare fail_net nor fail connects, even with a boot configuration for it', () => {
      // Act
      const run = runArmedScript(
        `${NET_HELPERS}
main(async () => {
  const server = net.createServer((socket) => socket.destroy());
  const port = await listening(server, 0, '127.0.0.1');
  out({ root: core.debugfs.list(''), events: await socketEvents(net.connect(port, '127.0.0.1')) });
  server.close();
});
`,
        { capabilities: 'fail_fs', env: { ERRINJECT: 'fail_net/probability=100 fail_net/times=-1 fail_net/verbose=0' } },
      );

      // Assert: the boot configuration says, at exit, that its entries never applied.
      expect(run.status).to.equal(0);
      const [result] = run.lines as [{ root: string[]; events: unknown }];
      expect(result.root).to.include('fail_fs').and.not.include('fail_net');
      expect(result.events).to.deep.equal([['connect'], ['close', false]]);
      expect(run.stderr.split('\n')).to.deep.equal([
        'errinject: ERRINJECT entry 1 at column 1 ("fail_net/probability=100"): never applied: debugfs fail_net/probability never appeared; nothing of this entry was applied',
        'errinject: ERRINJECT entry 2 at column 26 ("fail_net/times=-1"): never applied: debugfs fail_net/times never appeared; nothing of this entry was applied',
        'errinject: ERRINJECT entry 3 at column 44 ("fail_net/verbose=0"): never applied: debugfs fail_net/verbose never appeared; nothing of this entry was applied',
        '',
      ]);
    });
  });
});
