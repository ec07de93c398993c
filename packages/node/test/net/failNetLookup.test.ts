import { expect } from 'chai';
import { runArmedScript } from '../support/armedScript';
import { NET_HELPERS } from '../support/netSnippets';
import { scriptResults } from '../support/scriptResults';

type Shape = { class: string; message: string; fields: [string, unknown][] };

/** A getaddrinfo failure of a name, in Node's order (ENOTFOUND stands for EAI_NONAME). */
function getaddrinfoError(code: string, errno: number, hostname: string): Shape {
  return { class: 'Error', message: `getaddrinfo ${code} ${hostname}`, fields: [['errno', errno], ['code', code], ['syscall', 'getaddrinfo'], ['hostname', hostname]] };
}

/** A c-ares query's failure: its errno is undefined (null once printed as JSON). */
function queryError(code: string, syscall: string, hostname: string): Shape {
  return { class: 'Error', message: `${syscall} ${code} ${hostname}`, fields: [['errno', null], ['code', code], ['syscall', syscall], ['hostname', hostname]] };
}

describe('fail_net', () => {
  describe('when the lookup stage fails (ops=lookup)', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}
main(async () => {
  const server = net.createServer((socket) => socket.destroy());
  const port = await listening(server, 0, '127.0.0.1');
  out({ port });
  out({ realConnect: await socketEvents(net.connect(port, 'no-such-host.invalid')) });
  arm({ ...ARMED, 'fail_net/ops': 'lookup' });
  out({ faultedConnect: await socketEvents(net.connect(port, 'localhost')) });
  // probability 100, but a pending fail-nth decides alone: the first counted call fails.
  core.procfs.write('self/fail-nth', '1');
  out({ ipConnect: await socketEvents(net.connect(port, '127.0.0.1')), nthAfterIp: core.procfs.read('self/fail-nth') });
  out({ nameConnect: await socketEvents(net.connect(port, 'localhost')), nthAfterName: core.procfs.read('self/fail-nth') });
  server.close();
});
`,
          { capabilities: 'fail_net' },
        ),
      );
    });

    it('should fail a connect to a name with the getaddrinfo error of a name that does not exist, and its lookup event', () => {
      // Assert
      const real = getaddrinfoError('ENOTFOUND', -3008, 'no-such-host.invalid');
      expect(result['realConnect']).to.deep.equal([['lookup', real, null], ['error', real], ['close', true]]);
      const faulted = getaddrinfoError('ENOTFOUND', -3008, 'localhost');
      expect(result['faultedConnect']).to.deep.equal([['lookup', faulted, null], ['error', faulted], ['close', true]]);
    });

    it('should neither fail nor count a connect to an IP address, which makes no lookup', () => {
      expect(result['ipConnect']).to.deep.equal([['connect'], ['close', false]]);
      expect(result['nthAfterIp']).to.equal('1\n');
      const faulted = getaddrinfoError('ENOTFOUND', -3008, 'localhost');
      expect(result['nameConnect']).to.deep.equal([['lookup', faulted, null], ['error', faulted], ['close', true]]);
      expect(result['nthAfterName']).to.equal('0\n');
    });
  });

  describe('when dns functions fail', () => {
    let result: Record<string, unknown>;
    before(() => {
      result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}
const dns = require('node:dns');
const dgram = require('node:dgram');
const settle = (call) => new Promise((resolve) => call((error, value) => resolve(error ? shape(error) : ['ok', value ?? null])));
const settled = (promise) => promise.then((value) => ['ok', value ?? null], shape);
main(async () => {
  // A DNS server that refuses: a UDP port nothing listens on.
  const udp = dgram.createSocket('udp4');
  await new Promise((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const udpPort = udp.address().port;
  await new Promise((resolve) => udp.close(resolve));
  const refusing = new dns.Resolver({ tries: 1 });
  refusing.setServers(['127.0.0.1:' + udpPort]);
  out({ realLookup: await settle((cb) => dns.lookup('no-such-host.invalid', cb)), realResolve: await settle((cb) => refusing.resolve4('localhost', cb)) });
  arm(ARMED);
  out({
    lookup: await settle((cb) => dns.lookup('localhost', cb)),
    promisesLookup: await settled(dns.promises.lookup('localhost')),
    resolve4: await settle((cb) => dns.resolve4('localhost', cb)),
    promisesResolve4: await settled(dns.promises.resolve4('localhost')),
    resolver: await settle((cb) => new dns.Resolver().resolve4('localhost', cb)),
    promisesResolver: await settled(new dns.promises.Resolver().resolve4('localhost')),
    reverse: await settle((cb) => dns.reverse('127.0.0.1', cb)),
    lookupService: await settle((cb) => dns.lookupService('127.0.0.1', 22, cb)),
  });
  arm({ 'fail_net/errno': 'ECONNREFUSED' });
  out({ refusedResolve: await settle((cb) => dns.resolve4('localhost', cb)), refusedLookup: await settle((cb) => dns.lookup('localhost', cb)) });
  arm({ 'fail_net/errno': 'EAI_AGAIN' });
  const server = net.createServer((socket) => socket.destroy());
  const port = await listening(server, 0, '127.0.0.1');
  out({ againLookup: await settle((cb) => dns.lookup('localhost', cb)), againConnect: await socketEvents(net.connect(port, 'localhost')) });
  arm({ 'fail_net/errno': 'ENOTFOUND' });
  core.procfs.write('self/fail-nth', '1');
  out({ notFoundIpConnect: await socketEvents(net.connect(port, '127.0.0.1')), nth: core.procfs.read('self/fail-nth') });
  core.procfs.write('self/fail-nth', '0');
  server.close();
});
`,
          { capabilities: 'fail_net' },
        ),
      );
    });

    it('should fail dns.lookup and dns.promises.lookup as getaddrinfo fails for a name that does not exist', () => {
      // Assert
      expect(result['realLookup']).to.deep.equal(getaddrinfoError('ENOTFOUND', -3008, 'no-such-host.invalid'));
      expect(result['lookup']).to.deep.equal(getaddrinfoError('ENOTFOUND', -3008, 'localhost'));
      expect(result['promisesLookup']).to.deep.equal(getaddrinfoError('ENOTFOUND', -3008, 'localhost'));
    });

    it('should fail dns.lookupService as getnameinfo fails, a lookup of libuv\'s (errno -3008)', () => {
      expect(result['lookupService']).to.deep.equal({
        class: 'Error',
        message: 'getnameinfo ENOTFOUND 127.0.0.1',
        fields: [['errno', -3008], ['code', 'ENOTFOUND'], ['syscall', 'getnameinfo'], ['hostname', '127.0.0.1']],
      });
    });

    it('should fail the queries of dns, dns.promises and their Resolvers with the query syscall and no errno', () => {
      const notFound = queryError('ENOTFOUND', 'queryA', 'localhost');
      expect(result['resolve4']).to.deep.equal(notFound);
      expect(result['promisesResolve4']).to.deep.equal(notFound);
      expect(result['resolver']).to.deep.equal(notFound);
      expect(result['promisesResolver']).to.deep.equal(notFound);
      expect(result['reverse']).to.deep.equal(queryError('ENOTFOUND', 'getHostByAddr', '127.0.0.1'));
    });

    it('should give a query the errno knob ECONNREFUSED as a refusing server does, and leave lookups alone with it', () => {
      expect(result['realResolve']).to.deep.equal(queryError('ECONNREFUSED', 'queryA', 'localhost'));
      expect(result['refusedResolve']).to.deep.equal(queryError('ECONNREFUSED', 'queryA', 'localhost'));
      expect(result['refusedLookup']).to.deep.equal(['ok', '127.0.0.1']);
    });

    it('should fail lookups with EAI_AGAIN (errno -3001) when the errno knob says so', () => {
      const again = getaddrinfoError('EAI_AGAIN', -3001, 'localhost');
      expect(result['againLookup']).to.deep.equal(again);
      expect(result['againConnect']).to.deep.equal([['lookup', again, null], ['error', again], ['close', true]]);
    });

    it('should neither fail nor count a connect to an IP address when the errno knob is ENOTFOUND', () => {
      expect(result['notFoundIpConnect']).to.deep.equal([['connect'], ['close', false]]);
      expect(result['nth']).to.equal('1\n');
    });
  });
  describe('when a connect to a name has its own lookup function', () => {
    it('should fail the lookup stage it counts, as it fails dns.lookup, and leave the function alone after', () => {
      // Act: fail-nth 1 with ops=lookup: the connect's lookup stage is the first point.
      const result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}
main(async () => {
  const server = net.createServer((socket) => socket.destroy());
  const port = await listening(server, 0, '127.0.0.1');
  const lookup = (hostname, options, callback) => options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
  const options = { port, host: 'localhost', lookup };
  arm({ 'fail_net/verbose': 0, 'fail_net/ops': 'lookup' });
  core.procfs.write('self/fail-nth', '1');
  out({ faulted: await socketEvents(net.connect(options)), left: core.procfs.read('self/fail-nth'), kept: options.lookup === lookup });
  out({ after: await socketEvents(net.connect(options)) });
  server.close();
});
`,
          { capabilities: 'fail_net' },
        ),
      );

      // Assert
      const faulted = getaddrinfoError('ENOTFOUND', -3008, 'localhost');
      expect(result['faulted']).to.deep.equal([['lookup', faulted, null], ['error', faulted], ['close', true]]);
      expect(result['left']).to.equal('0\n');
      expect(result['kept']).to.equal(true);
      // Node emits no 'lookup' when the lookup of a connect that tries each family gives one address.
      expect(result['after']).to.deep.equal([['connect'], ['close', false]]);
    });
  });
  describe('when the errno knob names a DNS code the function cannot give', () => {
    it('should neither fail nor count getaddrinfo with a c-ares code, nor a query with a getaddrinfo code', () => {
      // Act
      const result = scriptResults(
        runArmedScript(
          `${NET_HELPERS}
const dns = require('node:dns');
const settle = (call) => new Promise((resolve) => call((error, value) => resolve(error ? shape(error) : ['ok', value ?? null])));
main(async () => {
  // Not failed, a query goes to a DNS server that refuses: a UDP port nothing listens on.
  const udp = require('node:dgram').createSocket('udp4');
  await new Promise((resolve) => udp.bind(0, '127.0.0.1', resolve));
  const refusing = new dns.Resolver({ tries: 1 });
  refusing.setServers(['127.0.0.1:' + udp.address().port]);
  await new Promise((resolve) => udp.close(resolve));
  arm({ ...ARMED, 'fail_net/errno': 'ETIMEOUT' });
  core.procfs.write('self/fail-nth', '1');
  out({ lookup: await settle((callback) => dns.lookup('localhost', callback)), lookupLeft: core.procfs.read('self/fail-nth') });
  out({ resolve: await settle((callback) => dns.resolve4('localhost', callback)) });
  arm({ 'fail_net/errno': 'EAI_AGAIN' });
  core.procfs.write('self/fail-nth', '1');
  out({ query: await settle((callback) => refusing.resolve4('localhost', callback)), queryLeft: core.procfs.read('self/fail-nth') });
  core.procfs.write('self/fail-nth', '0');
});
`,
          { capabilities: 'fail_net' },
        ),
      );

      // Assert: getaddrinfo never times out as c-ares does (ETIMEOUT); c-ares never says EAI_AGAIN.
      expect(result['lookup']).to.deep.equal(['ok', '127.0.0.1']);
      expect(result['lookupLeft']).to.equal('1\n');
      expect(result['resolve']).to.deep.equal(queryError('ETIMEOUT', 'queryA', 'localhost'));
      expect(result['query']).to.deep.equal(queryError('ECONNREFUSED', 'queryA', 'localhost'));
      expect(result['queryLeft']).to.equal('1\n');
    });
  });
});
