import { expect } from 'chai';
import { runArmedScript, type ScriptRun } from '../support/armedScript';
import { NET_HELPERS } from '../support/netSnippets';
import { scriptResults } from '../support/scriptResults';

describe('fail_net', () => {
  describe('when a listen fails (ops=listen)', () => {
    let run: ScriptRun;
    let result: Record<string, unknown>;
    before(() => {
      // The real EADDRINUSE: a second server listening on the port of the first; the faulted one
      // listens on the same port once it is free again.
      run = runArmedScript(
          `${NET_HELPERS}
main(async () => {
  const first = net.createServer();
  const port = await listening(first, 0);
  const second = net.createServer();
  second.listen(port, () => out({ realCallback: 'ran' }));
  const [real] = await once(second, 'error');
  await new Promise((resolve) => first.close(resolve));
  out({ port, real: shape(real), realListening: second.listening });
  arm({ ...ARMED, 'fail_net/ops': 'listen' });
  const server = net.createServer();
  server.listen(port, () => out({ faultedCallback: 'ran' }));
  const [faulted] = await once(server, 'error');
  out({ faulted: shape(faulted), listening: server.listening });
  const web = http.createServer();
  web.listen(port, () => out({ httpCallback: 'ran' }));
  const [httpError] = await once(web, 'error');
  out({ httpError: shape(httpError), httpListening: web.listening });
  const local = net.createServer();
  await listening(local, require('node:path').join(process.cwd(), 'socket'));
  out({ pathListening: local.listening });
  const anyPort = net.createServer();
  await listening(anyPort, 0);
  out({ anyPortListening: anyPort.listening });
  await new Promise((resolve) => anyPort.close(resolve));
  arm({ 'fail_net/probability': 0 });
  // A program that retries: a listen that succeeds later runs the callbacks given before.
  out({ order: 'retries' });
  for (const retried of [second, server, web, local]) await new Promise((resolve) => retried.close(() => retried.listen(0, () => retried.close(resolve))));
});
`,
          { capabilities: 'fail_net' },
      );
      result = scriptResults(run);
    });

    it('should emit the error a real EADDRINUSE emits, field for field', () => {
      // Assert
      const port = result['port'] as number;
      const expected = {
        class: 'Error',
        message: `listen EADDRINUSE: address already in use :::${port}`,
        fields: [
          ['code', 'EADDRINUSE'],
          ['errno', -98],
          ['syscall', 'listen'],
          ['address', '::'],
          ['port', port],
        ],
      };
      expect(result['real']).to.deep.equal(expected);
      expect(result['faulted']).to.deep.equal(expected);
      expect(result['httpError']).to.deep.equal(expected);
    });

    it('should leave the server not listening', () => {
      expect(result['realListening']).to.equal(false);
      expect(result['listening']).to.equal(false);
      expect(result['httpListening']).to.equal(false);
    });

    it('should never fail a listen on port 0, which takes any free port', () => {
      expect(result['anyPortListening']).to.equal(true);
    });

    it('should never fail a listen on a path', () => {
      expect(result['pathListening']).to.equal(true);
    });

    it('should run the listen callback only when a later listen succeeds, as after a real EADDRINUSE', () => {
      // Assert: the lines in the order printed, from the retries on.
      const printed = run.lines.map((line) => Object.keys(line as object)[0]);
      expect(printed.slice(printed.indexOf('order'))).to.deep.equal(['order', 'realCallback', 'faultedCallback', 'httpCallback']);
    });
  });
});
