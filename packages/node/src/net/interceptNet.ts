import dns = require('node:dns');
import net = require('node:net');
import { syncBuiltinESMExports } from 'node:module';
import { faultArmed, type FaultPoint, faultPoint, isOwnIo, shouldFailAt } from '@errinject/core';
import { callContext } from '../intercept/callContext';
import { isSystemErrno } from '../intercept/errnoKnob';
import { type AnyFunction, replaceFunction } from '../intercept/replaceFunction';
import type { FailNet } from './failNet';
import { NET_ERRNOS, type NetOp } from './NET_ERRNOS';
import { dnsError, errnoError, hostPortError } from './netErrors';

/** Where a network call goes: the host (a name or an address) and the port, when it has them. */
interface NetTarget {
  readonly host: string | undefined;
  readonly port: number | undefined;
}

/** A TCP connect's socket and the errno its handle's connects return, set by a failing `connect`. */
const failingSockets = new WeakMap<object, string>();

/** The errno of the lookup the current failing `connect` makes (its lookup stage failed). */
let pendingLookupCode: string | undefined;

/** Whether an address is an IP address (a connect to it makes no lookup). */
function isAddress(host: string): boolean {
  return net.isIP(host) !== 0;
}

function portOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The host and port of `socket.connect(...)` or `server.listen(...)`'s arguments; no port for a Unix socket. */
function socketTarget(args: ArrayLike<unknown>, defaultHost: string | undefined): NetTarget {
  let first = args[0];
  // net.connect passes its arguments normalized: [options, callback].
  if (Array.isArray(first)) first = first[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; port?: unknown; path?: unknown };
    if (typeof options.path === 'string') return { host: undefined, port: undefined };
    return { host: typeof options.host === 'string' ? options.host : defaultHost, port: portOf(options.port) };
  }
  const port = portOf(first);
  if (port === undefined) return { host: undefined, port: undefined };
  return { host: typeof args[1] === 'string' ? args[1] : defaultHost, port };
}

function targetAllowed(failNet: FailNet, target: NetTarget): boolean {
  if (failNet.pathFilter.empty) return true;
  const host = target.host ?? '';
  return failNet.pathFilter.matches(host) || (target.port !== undefined && failNet.pathFilter.matches(`${host}:${target.port}`));
}

/**
 * Decides a call of `fail_net`: its own filters first (errinject's own I/O, `ops`, `path-filter`, and
 * an `errno` the operation cannot give), uncounted as the kernel's `cache-filter`, then the core's
 * decision. Returns the operation it fails in and the errno, or `undefined`.
 */
function decideNetFailure(failNet: FailNet, ops: readonly NetOp[], point: FaultPoint, target: NetTarget, size: number): { op: NetOp; code: string } | undefined {
  if (isOwnIo()) return undefined;
  const allowed = ops.filter((op) => failNet.ops.allows(op));
  if (allowed.length === 0 || !targetAllowed(failNet, target)) return undefined;
  const errno = failNet.errno.value;
  let op = allowed[0] as NetOp;
  if (errno !== undefined) {
    const fits = allowed.find((candidate) => (NET_ERRNOS[candidate] as readonly string[]).includes(errno));
    if (fits !== undefined) op = fits;
    // A DNS code for a socket's operation has no error to give, nor has a lookup or a query any
    // errno or code outside its table: getaddrinfo never says ETIMEOUT, nor c-ares EAI_AGAIN.
    else if (op === 'lookup' || op === 'resolve' || !isSystemErrno(errno)) return undefined;
  }
  if (!shouldFailAt(failNet.attr, point, size)) return undefined;
  return { op, code: errno ?? (NET_ERRNOS[op][0] as string) };
}

/** The symbol under which a socket's handle names its socket (`owner_symbol` of Node's internals). */
let ownerSymbol: symbol | undefined;
const patchedHandlePrototypes = new WeakSet<object>();

/** A connect request of Node's: `afterConnect` (or `afterConnectMultiple`) is its completion. */
interface ConnectRequest {
  oncomplete(status: number, handle: unknown, request: unknown, readable: boolean, writable: boolean): void;
}

/**
 * Makes the connects of a socket's handle kind (TCP) fail for a failing socket as libuv fails a
 * refused one: the request is taken, and completes on the loop's next turn with the errno, so that
 * Node's own code fails the connect (`connect ECONNREFUSED 127.0.0.1:80`, the next address tried
 * first when the host had several). Reached through the first socket's handle.
 */
function patchHandleConnects(handle: unknown): void {
  if (typeof handle !== 'object' || handle === null) return;
  ownerSymbol ??= Object.getOwnPropertySymbols(handle).find((symbol) => symbol.description === 'owner_symbol');
  const prototype = Object.getPrototypeOf(handle) as object;
  if (patchedHandlePrototypes.has(prototype)) return;
  patchedHandlePrototypes.add(prototype);
  for (const key of ['connect', 'connect6']) {
    replaceFunction(prototype, key, (connect) =>
      function (this: Record<symbol, unknown>, request: ConnectRequest): unknown {
        const code = ownerSymbol === undefined ? undefined : failingSockets.get(this[ownerSymbol] as object);
        if (code === undefined) {
          // eslint-disable-next-line prefer-rest-params
          return Reflect.apply(connect, this, arguments);
        }
        const status = -(errnoNumber(code) ?? 0);
        setImmediate(() => request.oncomplete(status, this, request, false, false));
        return 0;
      },
    );
  }
}

function errnoNumber(code: string): number | undefined {
  return (require('node:os') as typeof import('node:os')).constants.errno[code as keyof typeof import('node:os').constants.errno];
}

/** The options object of `socket.connect(...)`'s arguments (`net.connect` passes them normalized), if any. */
function connectOptions(args: ArrayLike<unknown>): { lookup?: unknown } | undefined {
  let first = args[0];
  if (Array.isArray(first)) first = first[0];
  return typeof first === 'object' && first !== null ? (first as { lookup?: unknown }) : undefined;
}

/**
 * What a connect whose lookup stage fails calls in place of the program's own `lookup` option:
 * Node then reports its error as it reports a failed `dns.lookup` (the `'lookup'` event, `'error'`).
 * Without it, the stage was counted (fail-nth, times) and nothing failed.
 */
function failingLookup(code: string): AnyFunction {
  return (hostname: string, _options: unknown, callback: AnyFunction): void => {
    const error = dnsError(code, 'getaddrinfo', hostname);
    error.stack = `${error.name}: ${error.message}`;
    setImmediate(callback, error);
  };
}

function interceptConnect(failNet: FailNet): void {
  replaceFunction(net.Socket.prototype, 'connect', (connect) => {
    let point: FaultPoint;
    const interceptor = function (this: object): unknown {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments;
      if (!faultArmed(failNet.attr) || callContext.nested !== 0 || callContext.loading !== 0) return Reflect.apply(connect, this, args);
      failingSockets.delete(this);
      const target = socketTarget(args, 'localhost');
      let failure: { op: NetOp; code: string } | undefined;
      // A Unix domain socket is local IPC, not the network.
      if (target.port !== undefined) {
        const stages: NetOp[] = target.host !== undefined && !isAddress(target.host) ? ['connect', 'lookup'] : ['connect'];
        failure = decideNetFailure(failNet, stages, point, target, 0);
      }
      if (failure?.op === 'connect') failingSockets.set(this, failure.code);
      else if (failure?.op === 'lookup') pendingLookupCode = failure.code;
      // A lookup function of the program's own is what the lookup stage calls instead of dns.lookup.
      const options = failure?.op === 'lookup' ? connectOptions(args) : undefined;
      const ownLookup = options !== undefined && typeof options.lookup === 'function' && options.lookup !== dns.lookup ? options.lookup : undefined;
      const ownProperty = options !== undefined && Object.prototype.hasOwnProperty.call(options, 'lookup');
      if (options !== undefined && ownLookup !== undefined) options.lookup = failingLookup(failure?.code as string);
      callContext.nested++;
      try {
        return Reflect.apply(connect, this, args);
      } finally {
        callContext.nested--;
        pendingLookupCode = undefined;
        if (options !== undefined && ownLookup !== undefined) {
          if (ownProperty) options.lookup = ownLookup;
          else delete options.lookup;
        }
        patchHandleConnects((this as { _handle?: unknown })._handle);
      }
    };
    point = faultPoint('net.Socket.connect', interceptor, { skipNodeFrames: true });
    return interceptor;
  });
}

/** The syscall a DNS function's error names. */
const DNS_SYSCALLS: Readonly<Record<string, string>> = {
  lookup: 'getaddrinfo',
  lookupService: 'getnameinfo',
  reverse: 'getHostByAddr',
  resolve4: 'queryA',
  resolve6: 'queryAaaa',
  resolveAny: 'queryAny',
  resolveCaa: 'queryCaa',
  resolveCname: 'queryCname',
  resolveMx: 'queryMx',
  resolveNaptr: 'queryNaptr',
  resolveNs: 'queryNs',
  resolvePtr: 'queryPtr',
  resolveSoa: 'querySoa',
  resolveSrv: 'querySrv',
  resolveTxt: 'queryTxt',
};

function dnsSyscall(name: string, args: ArrayLike<unknown>): string {
  if (name !== 'resolve') return DNS_SYSCALLS[name] as string;
  const rrtype = typeof args[1] === 'string' ? args[1] : 'A';
  return DNS_SYSCALLS[`resolve${rrtype === 'A' ? '4' : rrtype === 'AAAA' ? '6' : rrtype.charAt(0) + rrtype.slice(1).toLowerCase()}`] ?? `query${rrtype}`;
}

/** Intercepts a DNS function: `form` says whether it calls back or returns a promise. */
function interceptDns(failNet: FailNet, owner: object, name: string, form: 'callback' | 'promise', label: string): void {
  // getaddrinfo and getnameinfo are libuv's lookups; the rest are c-ares's queries.
  const op: NetOp = name === 'lookup' || name === 'lookupService' ? 'lookup' : 'resolve';
  replaceFunction(owner, name, (original) => {
    let point: FaultPoint;
    const interceptor = function (this: unknown): unknown {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments;
      const last = args[args.length - 1];
      const hostname = typeof args[0] === 'string' ? args[0] : undefined;
      let code: string | undefined;
      if (pendingLookupCode !== undefined && op === 'lookup') {
        // The lookup of a connect whose lookup stage failed.
        code = pendingLookupCode;
        pendingLookupCode = undefined;
      } else if (faultArmed(failNet.attr) && callContext.nested === 0 && callContext.loading === 0 && (form === 'promise' || typeof last === 'function')) {
        code = decideNetFailure(failNet, [op], point, { host: hostname, port: portOf(args[1]) }, 0)?.code;
      }
      if (code === undefined) {
        callContext.nested++;
        try {
          return Reflect.apply(original, this, args);
        } finally {
          callContext.nested--;
        }
      }
      const error = dnsError(code, dnsSyscall(name, args), hostname);
      error.stack = `${error.name}: ${error.message}`;
      if (form === 'promise') return Promise.reject(error);
      setImmediate(last as AnyFunction, error);
      return {};
    };
    point = faultPoint(label, interceptor, { skipNodeFrames: true });
    return interceptor;
  });
}

function interceptAllDns(failNet: FailNet): void {
  const names = ['lookup', 'lookupService', 'reverse', 'resolve', ...Object.keys(DNS_SYSCALLS).filter((name) => name.startsWith('resolve'))];
  const promises = dns.promises as unknown as object;
  for (const name of names) {
    interceptDns(failNet, dns, name, 'callback', `dns.${name}`);
    interceptDns(failNet, promises, name, 'promise', `dns.promises.${name}`);
    if (name !== 'lookup' && name !== 'lookupService') {
      interceptDns(failNet, dns.Resolver.prototype, name, 'callback', `dns.Resolver.${name}`);
      interceptDns(failNet, dns.promises.Resolver.prototype, name, 'promise', `dns.promises.Resolver.${name}`);
    }
  }
}

/** The bytes of a `_writeGeneric` call: a chunk, or `writev`'s chunks. */
function writeSize(writev: unknown, data: unknown, encoding: unknown): number {
  const length = (chunk: unknown, chunkEncoding: unknown): number =>
    typeof chunk === 'string' ? Buffer.byteLength(chunk, typeof chunkEncoding === 'string' && Buffer.isEncoding(chunkEncoding) ? chunkEncoding : 'utf8') : ArrayBuffer.isView(chunk) ? chunk.byteLength : 0;
  if (writev === true && Array.isArray(data)) return data.reduce((sum: number, item: { chunk?: unknown; encoding?: unknown }) => sum + length(item.chunk, item.encoding), 0);
  return length(data, encoding);
}

function interceptWrites(failNet: FailNet): void {
  replaceFunction(net.Socket.prototype, '_writeGeneric', (writeGeneric) => {
    let point: FaultPoint;
    const interceptor = function (this: net.Socket & { _handle?: unknown; _host?: unknown }, writev: unknown, data: unknown, encoding: unknown, callback: AnyFunction): unknown {
      if (faultArmed(failNet.attr) && callContext.loading === 0 && !this.connecting && this._handle !== null && this._handle !== undefined) {
        const remote = this.remoteAddress;
        // Only TCP connections: pipes (standard output, IPC, errinject's control socket) have no remote address.
        if (typeof remote === 'string') {
          const host = typeof this._host === 'string' ? this._host : remote;
          const failure = decideNetFailure(failNet, ['write'], point, { host, port: this.remotePort }, writeSize(writev, data, encoding));
          if (failure !== undefined) {
            // What Node does with a write its handle refuses: the callback gets the error, and the stream is destroyed with it.
            const error = errnoError(failure.code, 'write');
            error.stack = `${error.name}: ${error.message}`;
            Reflect.apply(callback, undefined, [error]);
            return undefined;
          }
        }
      }
      // eslint-disable-next-line prefer-rest-params
      return Reflect.apply(writeGeneric, this, arguments);
    };
    point = faultPoint('net.Socket.write', interceptor, { skipNodeFrames: true });
    return interceptor;
  });
}

function interceptListen(failNet: FailNet): void {
  replaceFunction(net.Server.prototype, 'listen', (listen) => {
    let point: FaultPoint;
    const interceptor = function (this: net.Server): unknown {
      // eslint-disable-next-line prefer-rest-params
      const args = arguments;
      if (faultArmed(failNet.attr) && callContext.nested === 0 && callContext.loading === 0) {
        const target = socketTarget(args, undefined);
        // A listen on port 0 takes any free port: nothing can refuse it the port.
        const failure = target.port === undefined || target.port === 0 ? undefined : decideNetFailure(failNet, ['listen'], point, target, 0);
        if (failure !== undefined) {
          // As Server#listen takes its callback first, as a 'listening' listener (so that it runs
          // when a later listen succeeds: a program that retries), then setupListenHandle reports
          // the bind or listen that failed: 'error' on the next tick.
          const last = args[args.length - 1];
          if (typeof last === 'function') this.once('listening', last as AnyFunction);
          const error = hostPortError(failure.code, 'listen', target.host ?? '::', target.port ?? 0);
          error.stack = `${error.name}: ${error.message}`;
          process.nextTick(() => this.emit('error', error));
          return this;
        }
      }
      callContext.nested++;
      try {
        return Reflect.apply(listen, this, args);
      } finally {
        callContext.nested--;
      }
    };
    point = faultPoint('net.Server.listen', interceptor, { skipNodeFrames: true });
    return interceptor;
  });
}

/**
 * Puts `fail_net`'s interceptors in place: TCP connects (`net.Socket#connect`, which `net.connect`,
 * `tls.connect`, `http`, `https` and `fetch` all reach), their lookups and DNS's functions, writes on
 * established TCP connections, and TCP listens.
 *
 * @param failNet - the capability
 */
export function interceptNet(failNet: FailNet): void {
  interceptConnect(failNet);
  interceptAllDns(failNet);
  interceptWrites(failNet);
  interceptListen(failNet);
  syncBuiltinESMExports();
}
