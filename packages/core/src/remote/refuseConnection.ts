import type { Socket } from 'node:net';
import type { ErrorResponse } from './ControlMessage';

/** The refusal that ends a connection: one line, with no request id. */
export type ConnectionRefusal = Pick<ErrorResponse, 'code' | 'message'>;

/**
 * Writes one refusal line and closes the socket: once the line is flushed when `destroyOnFlush`, or
 * when the client closes its end, whichever comes first, and in any case after `graceMs`. Until then
 * what the client sends is read and dropped, so that its own writes do not fail before it has read
 * the line.
 *
 * @param socket - the connection
 * @param refusal - why
 * @param graceMs - the longest the socket stays open
 * @param destroyOnFlush - close as soon as the line is with the kernel (a connection refused at once,
 *   which has sent nothing to be dropped)
 */
export function refuseConnection(socket: Socket, refusal: ConnectionRefusal, graceMs: number, destroyOnFlush: boolean): void {
  const response: ErrorResponse = { id: null, ok: false, ...refusal };
  socket.setTimeout(0);
  socket.removeAllListeners('data');
  socket.on('data', () => {});
  socket.end(`${JSON.stringify(response)}\n`);
  if (destroyOnFlush) socket.once('finish', () => socket.destroy());
  socket.resume();
  const grace = setTimeout(() => socket.destroy(), graceMs).unref();
  socket.once('close', () => clearTimeout(grace));
}
