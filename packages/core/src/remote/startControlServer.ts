import { chmodSync, readdirSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { ErrInjectError } from '../errors/ErrInjectError';
import { controlSocketDir } from './controlSocketDir';
import { serveControlRequest } from './serveControlRequest';

/**
 * The control socket server: a Unix domain socket in the per-user directory, never TCP. It never
 * keeps the process alive (the server and its connections are unref'd), its socket file goes when
 * the process exits, and the sockets of dead processes found at start are removed.
 */

/** The longest request line served; a longer one is refused and its connection closed. */
export const MAX_REQUEST_BYTES = 1 << 20;

/** The longest path a Unix domain socket can have on Linux (`sun_path` holds 108 bytes with the NUL). */
export const MAX_SOCKET_PATH_BYTES = 107;

/** A running control server. */
export interface ControlServer {
  /** The socket's path. */
  readonly path: string;
  /** The server. */
  readonly server: Server;
  /** Stops listening and removes the socket file. */
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

function serveConnection(socket: Socket): void {
  socket.unref();
  socket.setEncoding('utf8');
  let buffered = '';
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    // Every complete line, in order, each served in one synchronous step.
    while (newline !== -1) {
      const line = buffered.slice(0, newline).replace(/\r$/, '');
      buffered = buffered.slice(newline + 1);
      if (line.trim() !== '') socket.write(`${JSON.stringify(serveControlRequest(line))}\n`);
      newline = buffered.indexOf('\n');
    }
    if (Buffer.byteLength(buffered) > MAX_REQUEST_BYTES) {
      buffered = '';
      socket.end(`${JSON.stringify({ id: null, ok: false, code: 'EPROTO', message: `a request line is longer than ${MAX_REQUEST_BYTES} bytes` })}\n`);
    }
  });
  // A client that goes away mid-answer is not the program's problem.
  socket.on('error', () => {});
}

/**
 * Starts serving the control tree on `controlSocketPath(process.pid)`.
 *
 * @returns the server once it listens
 * @throws ErrInjectError from {@link controlSocketDir}; rejects with the error of `listen`
 */
export function startControlServer(): Promise<ControlServer> {
  const dir = controlSocketDir();
  removeStaleSockets(dir);
  const path = join(dir, `${process.pid}.sock`);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH_BYTES) {
    // Node.js would bind a truncated path without a word.
    throw new ErrInjectError(
      'ENAMETOOLONG',
      `control socket ${JSON.stringify(path)}: a Unix domain socket path has at most ${MAX_SOCKET_PATH_BYTES} bytes; set XDG_RUNTIME_DIR (or TMPDIR) to a shorter directory`,
      { path },
    );
  }
  const server = createServer(serveConnection);
  const removeSocket = (): void => {
    try {
      unlinkSync(path);
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
        chmodSync(path, 0o600);
      } catch (error) {
        process.off('exit', removeSocket);
        server.close();
        reject(error as Error);
        return;
      }
      resolve({
        path,
        server,
        close: () =>
          new Promise<void>((done) => {
            process.off('exit', removeSocket);
            server.close(() => done());
            removeSocket();
          }),
      });
    });
    // listen binds the socket before it returns, and 'listening' comes a tick later: a program that
    // exits before then must not leave its socket behind.
    process.once('exit', removeSocket);
  });
}
