import type { Socket } from 'node:net';
import { ControlConnection } from './ControlConnection';
import { refuseConnection } from './refuseConnection';

/** The bounds a control server holds its connections to. */
export interface ControlConnectionsLimits {
  /** The longest request line, in bytes. */
  readonly maxRequestBytes: number;
  /** How many lines of a connection one turn serves. */
  readonly linesPerTurn: number;
  /** How long a connection may stay idle, in ms. */
  readonly idleTimeoutMs: number;
  /** How long answers may wait for a client that takes none of them, in ms. */
  readonly answerTimeoutMs: number;
  /** How long a connection closed for a limit stays open for its client to read why, in ms. */
  readonly closeGraceMs: number;
  /** The most connections served at once. */
  readonly maxConnections: number;
  /** The most bytes all connections may hold together. */
  readonly maxBufferedBytes: number;
}

/**
 * The connections of one control server: it refuses those past the connection limit, and holds what
 * they buffer together to the bound, refusing the largest holder past it.
 */
export class ControlConnections {
  /** The connections served. */
  readonly served = new Set<ControlConnection>();
  /** Every socket open, those being refused included. */
  private readonly sockets = new Set<Socket>();

  /**
   * @param limits - the bounds
   */
  constructor(private readonly limits: ControlConnectionsLimits) {}

  /** The bytes all served connections hold. */
  get bufferedBytes(): number {
    let total = 0;
    for (const connection of this.served) total += connection.bufferedBytes;
    return total;
  }

  /**
   * Serves a new connection, or refuses it with EMFILE past the connection limit.
   *
   * @param socket - the connection the server accepted
   */
  accept(socket: Socket): void {
    socket.unref();
    socket.on('error', () => {});
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    if (this.served.size >= this.limits.maxConnections) {
      refuseConnection(
        socket,
        { code: 'EMFILE', message: `the control socket serves at most ${this.limits.maxConnections} connections at once; try again when one has closed` },
        this.limits.closeGraceMs,
        true,
      );
      return;
    }
    this.served.add(
      new ControlConnection(socket, {
        maxRequestBytes: this.limits.maxRequestBytes,
        linesPerTurn: this.limits.linesPerTurn,
        idleTimeoutMs: this.limits.idleTimeoutMs,
        answerTimeoutMs: this.limits.answerTimeoutMs,
        closeGraceMs: this.limits.closeGraceMs,
        grew: () => this.bound(),
        closed: (connection) => this.served.delete(connection),
      }),
    );
  }

  /** Closes every socket at once. */
  closeAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Refuses the connections that hold the most until all of them hold no more than the bound. */
  private bound(): void {
    for (let total = this.bufferedBytes; total > this.limits.maxBufferedBytes; total = this.bufferedBytes) {
      let largest: ControlConnection | undefined;
      let largestBytes = -1;
      for (const connection of this.served) {
        const bytes = connection.bufferedBytes;
        if (bytes > largestBytes) [largest, largestBytes] = [connection, bytes];
      }
      (largest as ControlConnection).refuse({
        code: 'ENOBUFS',
        message: `the control socket's connections hold ${total} bytes, more than ${this.limits.maxBufferedBytes}, and this one held the most (${largestBytes}); the connection is closed`,
      });
    }
  }
}
