import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** A Unix socket server for the client's tests, answering each request line as a test says. */
export interface FakeServer {
  readonly path: string;
  readonly dir: string;
  close(): Promise<void>;
}

/**
 * @param answer - given each request (parsed) and the connection; returns the line to send, or
 *   `undefined` to send nothing
 * @param where - the directory (a new temporary one by default) and the socket's name
 * @returns the listening server
 */
export async function fakeServer(
  answer: (request: Record<string, unknown>, socket: Socket) => string | undefined,
  where: { dir?: string; name?: string } = {},
): Promise<FakeServer> {
  const dir = where.dir ?? mkdtempSync(path.join(os.tmpdir(), 'ei-ctl-test-'));
  const socketPath = path.join(dir, where.name ?? 'fake.sock');
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      for (let i = buffered.indexOf('\n'); i >= 0; i = buffered.indexOf('\n')) {
        const line = buffered.slice(0, i);
        buffered = buffered.slice(i + 1);
        const reply = answer(JSON.parse(line) as Record<string, unknown>, socket);
        if (reply !== undefined) socket.write(`${reply}\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    path: socketPath,
    dir,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (where.dir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
