/**
 * The operations of `fail_net` (also the names its `ops` knob takes) and the errnos each fails with:
 * the first when the `errno` knob is empty, the rest what the knob may choose for it, as the real
 * operation reports them (libuv's names for sockets, getaddrinfo's and c-ares's for DNS).
 */
export const NET_ERRNOS = {
  /** An outbound TCP connect (`net`, `tls`, and so `http`, `https` and `fetch`). */
  connect: ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'EADDRNOTAVAIL'],
  /** A `getaddrinfo` lookup: `dns.lookup`, and the lookup of a connect to a host name. */
  lookup: ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL'],
  /** A DNS query: `dns.resolve*`, `dns.reverse`, `Resolver` methods. */
  resolve: ['ENOTFOUND', 'ETIMEOUT', 'ESERVFAIL', 'EREFUSED', 'ENODATA', 'ECONNREFUSED'],
  /** A write on an established TCP connection: the peer reset it. */
  write: ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'],
  /** A TCP `listen`. */
  listen: ['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** An operation of `fail_net`. */
export type NetOp = keyof typeof NET_ERRNOS;

/** The names DNS gives its errors, which are not errnos of the system: the `errno` knob takes them too. */
export const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ETIMEOUT', 'ESERVFAIL', 'EREFUSED', 'ENODATA'] as const;
