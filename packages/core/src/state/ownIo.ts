/**
 * errinject's own I/O: the fault report file, the control socket and its directory. A capability of
 * I/O (`@errinject/node`'s `fail_fs`) lets it through, neither counted nor failed, as the kernel's
 * capabilities leave the fault-injection code's own allocations alone. Kept on `globalThis` under a
 * registered symbol, so that every copy of the core in the process and every capability see one count.
 */

/** The count of errinject's I/O calls in progress on this thread. */
interface OwnIoDepth {
  depth: number;
}

const OWN_IO_KEY = Symbol.for('errinject.core.ownIo');

const holder = globalThis as typeof globalThis & { [OWN_IO_KEY]?: OwnIoDepth };
const ownIo: OwnIoDepth = (holder[OWN_IO_KEY] ??= { depth: 0 });

/**
 * Runs errinject's own I/O: every call of a capability of I/O made while `io` runs (synchronously)
 * is let through. For tools built on the core that write files of their own (a reporter, a log).
 *
 * @param io - the I/O, synchronous
 * @returns what `io` returned
 */
export function asOwnIo<T>(io: () => T): T {
  ownIo.depth++;
  try {
    return io();
  } finally {
    ownIo.depth--;
  }
}

/**
 * Whether errinject's own I/O is running now ({@link asOwnIo}): an interceptor of I/O lets the call
 * through without a decision.
 *
 * @returns true inside `asOwnIo`
 */
export function isOwnIo(): boolean {
  return ownIo.depth !== 0;
}
