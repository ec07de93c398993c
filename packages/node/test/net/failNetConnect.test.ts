import { expect } from 'chai';
import { runArmedScript } from '../support/armedScript';
import { NET_HELPERS } from '../support/netSnippets';
import { scriptResults } from '../support/scriptResults';

/** The fields of a refused connect to 127.0.0.1:port, in Node's order. */
function refused(port: number): { class: string; message: string; fields: [string, unknown][] } {
  return {
    class: 'Error',
    message: `connect ECONNREFUSED 127.0.0.1:${port}`,
    fields: [
      ['errno', -111],
      ['code', 'ECONNREFUSED'],
      ['syscall', 'connect'],
      ['address', '127.0.0.1'],
      ['port', port],
    ],
  };
}

describe('fail_net', () => {
  describe('when a connect fails', () => {
    let result: Record<string, unknown>;
    before(() => {
      // Each client is made once real (to a port nothing listens on) and once faulted (to a listening server).
      result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}
const tls = require('node:tls');
main(async () => {
  let accepted = 0;
  const server = net.createServer((socket) => { accepted++; socket.destroy(); });
  const port = await listening(server, 0, '127.0.0.1');
  const closed = await closedPort();
  out({ port, closed });
  const httpError = async (port) => { const request = http.get('http://127.0.0.1:' + port + '/'); const [error] = await once(request, 'error'); return shape(error); };
  const fetchError = (port) => fetch('http://127.0.0.1:' + port + '/').then(() => 'resolved', shape);
  const tlsEvents = (port) => socketEvents(tls.connect(port, '127.0.0.1'));
  out({ real: await socketEvents(net.connect(closed, '127.0.0.1')), realHttp: await httpError(closed), realFetch: await fetchError(closed), realTls: await tlsEvents(closed) });
  arm(ARMED);
  out({ faulted: await socketEvents(net.connect(port, '127.0.0.1')), faultedHttp: await httpError(port), faultedFetch: await fetchError(port), faultedTls: await tlsEvents(port) });
  arm({ 'fail_net/probability': 0 });
  // The server accepts in order: a real connect now is the first it ever accepted.
  const [socket] = await Promise.all([once(server, 'connection'), socketEvents(net.connect(port, '127.0.0.1'))]);
  out({ accepted });
  server.close();
});
`,
          { capabilities: 'fail_net' },
        ),
      );
    });

    it('should emit the error of a refused connect, as a real refused connect does, then close with hadError', () => {
      // Assert
      const { port, closed } = result as { port: number; closed: number };
      expect(result['real']).to.deep.equal([['error', refused(closed)], ['close', true]]);
      expect(result['faulted']).to.deep.equal([['error', refused(port)], ['close', true]]);
    });

    it('should never reach the server', () => {
      expect(result['accepted']).to.equal(1);
    });

    it('should fail http.get with the request emitting that error', () => {
      const { port, closed } = result as { port: number; closed: number };
      expect(result['realHttp']).to.deep.equal(refused(closed));
      expect(result['faultedHttp']).to.deep.equal(refused(port));
    });

    it('should reject fetch with TypeError fetch failed caused by that error', () => {
      const { port, closed } = result as { port: number; closed: number };
      expect(result['realFetch']).to.deep.equal({ class: 'TypeError', message: 'fetch failed', fields: [], cause: refused(closed) });
      expect(result['faultedFetch']).to.deep.equal({ class: 'TypeError', message: 'fetch failed', fields: [], cause: refused(port) });
    });

    it('should fail tls.connect at its connect', () => {
      const { port, closed } = result as { port: number; closed: number };
      expect(result['realTls']).to.deep.equal([['error', refused(closed)], ['close', true]]);
      expect(result['faultedTls']).to.deep.equal([['error', refused(port)], ['close', true]]);
    });
  });
});
