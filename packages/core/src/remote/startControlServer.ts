import { chmodSync, readdirSync, unlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { asOwnIo } from '../state/ownIo';
import { join } from 'node:path';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { ControlConnections } from './ControlConnections';
import { controlSocketDir } from './controlSocketDir';

/**
 * The control socket server: a Unix domain socket in the per-user directory, never TCP. It never
 * keeps the process alive (the server and its connections are unref'd, and answers a client does not
 * take are dropped, see {@link ANSWER_TIMEOUT_MS}), its socket file goes when the process exits, and
 * the sockets of dead processes found at start are removed.
 *
 * Whatever a client does, what the server holds stays bounded and the program runs on: a connection
 * is read only while its answers are taken (backpressure), the limits below bound each connection and
 * all of them together, and a turn of the event loop serves at most {@link LINES_PER_TURN} lines of a
 * connection. A client past a limit is told why in one line with `"id":null` when it can still read
 * it (EPROTO, EMFILE, ENOBUFS, ETIMEDOUT), then closed.
 */

/**
 * The longest request line served, in bytes of UTF-8 (not counting its newline): 64 KiB. The longest
 * value a control file takes is a 4096-byte stack pattern, which JSON escaping makes at most six
 * times longer, so that every request that can succeed fits with room to spare; a longer line is
 * refused with EPROTO and its connection closed. It is also what one connection may hold of a line
 * whose newline has not come, so it is kept small.
 */
export const MAX_REQUEST_BYTES = 64 * 1024;

/**
 * The most connections served at once: 64. `ei-ctl` holds one for the length of a command, so this
 * leaves room for scripts that control a process from many clients at once; a connection past the
 * limit gets one EMFILE line naming the limit and is closed.
 */
export const MAX_CONNECTIONS = 64;

/**
 * The most bytes all connections together may hold, 8 MiB: request bytes received and not yet served
 * and answers not yet taken by the client. One connection holds at most a request line, a read (64
 * KiB) and the socket's high-water mark of answers (16 KiB) plus one answer, under 200 KiB; only
 * clients that all push at their limits, or a few that stop reading large answers, reach this. Past
 * it, the connection that holds the most is refused with ENOBUFS and closed, until the total is under
 * it again; the others are served on.
 */
export const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * How long a connection stays open idle, 30 s: nothing received from it and nothing of its answers
 * taken. It is closed with an ETIMEDOUT line (or without one, when answers still wait: its client
 * would not read it). A half-sent line does not keep it open. `ei-ctl` connects for one command; a
 * client that keeps a connection for longer sends something at least this often, or reconnects.
 */
export const IDLE_TIMEOUT_MS = 30_000;

/**
 * How many request lines of one connection a turn of the event loop serves before it yields: 32. Each
 * is served in one synchronous step of microseconds, so a chunk of thousands of pipelined lines
 * never stalls the program, and connections take turns.
 */
export const LINES_PER_TURN = 32;

/** How long a connection closed for a limit stays open for its client to read why, at most: 1 s. */
export const CLOSE_GRACE_MS = 1000;

/**
 * How long answers may wait for a client that takes none of them: 1 s. Answers wait only once the
 * kernel holds all it takes of them (some 200 KiB unread on Linux), and an answer the kernel has not
 * taken keeps the event loop alive, whatever the socket: a connection whose client took nothing for
 * this long is cut (without a line, which it would not read), so that a client that stops reading
 * keeps a finished program running for a second at most.
 */
export const ANSWER_TIMEOUT_MS = 1000;

/** The longest path a Unix domain socket can have on Linux (`sun_path` holds 108 bytes with the NUL). */
export const MAX_SOCKET_PATH_BYTES = 107;

/** Settings of {@link startControlServer}; each defaults to the constant of the same name. */
export interface ControlServerOptions {
  /** {@link IDLE_TIMEOUT_MS}. */
  readonly idleTimeoutMs?: number;
  /** {@link ANSWER_TIMEOUT_MS}. */
  readonly answerTimeoutMs?: number;
  /** {@link MAX_CONNECTIONS}. */
  readonly maxConnections?: number;
  /** {@link MAX_BUFFERED_BYTES}. */
  readonly maxBufferedBytes?: number;
}

/** A running control server. */
export interface ControlServer {
  /** The socket's path. */
  readonly path: string;
  /** The server. */
  readonly server: Server;
  /** How many connections are being served. */
  readonly connections: number;
  /** The bytes all connections hold, as {@link MAX_BUFFERED_BYTES} counts them. */
  readonly bufferedBytes: number;
  /** Stops listening and removes the socket file; the connections being served are closed. */
  close(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the sockets of processes that no longer run (killed by a signal, they could not remove
 * their own), and a socket under this process's own pid, left by a dead process the pid belonged to.
 *
 * @param dir - the socket directory
 * @returns the names removed
 */
export function removeStaleSockets(dir: string): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const match = /^([1-9][0-9]*)\.sock$/.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isAlive(pid)) continue;
    try {
      unlinkSync(join(dir, name));
      removed.push(name);
    } catch {
      // Another process cleaned it up first.
    }
  }
  return removed;
}

function positiveInteger(options: ControlServerOptions, name: keyof ControlServerOptions, fallback: number, max: number): number {
  const value = options[name];
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `startControlServer: ${name} must be an integer from 1 to ${max}, got ${showValue(value)}`);
  }
  return value;
}

/**
 * Starts serving the control tree on `controlSocketPath(process.pid)`.
 *
 * @param options - the idle timeout and limits, each defaulting to its constant
 * @returns the server once it listens
 * @throws ErrInjectError `ERR_INVALID_ARG_VALUE` for an option that is not a positive integer in
 *   range, `ENAMETOOLONG` for a socket path too long, and from {@link controlSocketDir}; rejects with
 *   the error of `listen`
 */
export function startControlServer(options: ControlServerOptions = {}): Promise<ControlServer> {
  const connections = new ControlConnections({
    maxRequestBytes: MAX_REQUEST_BYTES,
    linesPerTurn: LINES_PER_TURN,
    idleTimeoutMs: positiveInteger(options, 'idleTimeoutMs', IDLE_TIMEOUT_MS, 2 ** 31 - 1),
    answerTimeoutMs: positiveInteger(options, 'answerTimeoutMs', ANSWER_TIMEOUT_MS, 2 ** 31 - 1),
    closeGraceMs: CLOSE_GRACE_MS,
    maxConnections: positiveInteger(options, 'maxConnections', MAX_CONNECTIONS, 2 ** 16),
    maxBufferedBytes: positiveInteger(options, 'maxBufferedBytes', MAX_BUFFERED_BYTES, Number.MAX_SAFE_INTEGER),
  });
  // errinject's own I/O: no capability of I/O counts or fails it.
  const dir = asOwnIo(controlSocketDir);
  asOwnIo(() => removeStaleSockets(dir));
  const path = join(dir, `${process.pid}.sock`);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    // Node.js would bind a truncated path without a word.
    throw new ErrInjectError(
      'ENAMETOOLONG',
      `control socket ${JSON.stringify(path)}: a Unix domain socket path has at most ${MAX_SOCKET_PATH_BYTES} bytes; set XDG_RUNTIME_DIR (or TMPDIR) to a shorter directory`,
      { path },
    );
  }
  const server = createServer((socket) => connections.accept(socket));
  const removeSocket = (): void => {
    try {
      asOwnIo(() => unlinkSync(path));
    } catch {
      // Gone already.
    }
  };
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      process.off('exit', removeSocket);
      reject(error);
    });
    server.listen(path, () => {
      server.removeAllListeners('error');
      server.unref();
      try {
        // The directory is 0700 already; the socket itself is 0600 as well.
        asOwnIo(() => chmodSync(path, 0o600));
      } catch (error) {
        process.off('exit', removeSocket);
        server.close();
        reject(error as Error);
        return;
      }
      resolve({
        path,
        server,
        get connections() {
          return connections.served.size;
        },
        get bufferedBytes() {
          return connections.bufferedBytes;
        },
        close: () =>
          new Promise<void>((done) => {
            process.off('exit', removeSocket);
            server.close(() => done());
            connections.closeAll();
            removeSocket();
          }),
      });
    });
    // listen binds the socket before it returns, and 'listening' comes a tick later: a program that
    // exits before then must not leave its socket behind.
    process.once('exit', removeSocket);
  });
}
