import type { Socket } from 'node:net';
import { type ConnectionRefusal, refuseConnection } from './refuseConnection';
import { serveControlRequest } from './serveControlRequest';

/** The bounds one connection is held to, and how it tells its server that they may have moved. */
export interface ControlConnectionLimits {
  /** The longest request line, in bytes of UTF-8 without its newline. */
  readonly maxRequestBytes: number;
  /** How many lines one turn of the event loop serves before it yields. */
  readonly linesPerTurn: number;
  /** How long a connection may go without receiving a byte or having one taken, in ms. */
  readonly idleTimeoutMs: number;
  /** How long answers may wait for a client that takes none of them, in ms. */
  readonly answerTimeoutMs: number;
  /** How long a connection closed with an error line is given to read it, in ms. */
  readonly closeGraceMs: number;
  /** Called when what the connection holds has grown. */
  readonly grew: (connection: ControlConnection) => void;
  /** Called once, when the connection's socket has closed. */
  readonly closed: (connection: ControlConnection) => void;
}

const NEWLINE = 0x0a;

/** What {@link ControlConnection} finds when a line is longer than the limit. */
const TOO_LONG = Symbol('too long');

/**
 * One client of the control socket. Its bytes are split into lines as they are served, never decoded
 * before (a line is decoded whole, so a character split between two reads stays whole). It is read
 * only while nothing waits: the socket is paused while lines received are not served yet, and
 * serving stops while the socket's answers are not drained (`write` returned false), until `drain`.
 * A turn serves at most `linesPerTurn` lines, each in one synchronous step, then yields to the event
 * loop. What it holds is thus at most a request line and a read of input, plus the socket's
 * high-water mark of answers and one answer.
 */
export class ControlConnection {
  /** Reads not scanned for a newline yet; the first starts at `offset`. */
  private readonly queue: Buffer[] = [];
  private offset = 0;
  private queuedBytes = 0;
  /** The start of a line whose newline has not arrived: `partialLength` bytes of `partial`. */
  private partial: Buffer | undefined;
  private partialLength = 0;
  private turn: NodeJS.Immediate | undefined;
  private waitingForDrain = false;
  /** Watches answers that wait for the client, with how many bytes it had taken when it started. */
  private answerWatch: NodeJS.Timeout | undefined;
  private takenAtWatch = 0;
  private closing = false;

  /**
   * Starts serving a socket.
   *
   * @param socket - a connection of the control server
   * @param limits - the bounds it is held to
   */
  constructor(
    /** The connection. */
    readonly socket: Socket,
    private readonly limits: ControlConnectionLimits,
  ) {
    socket.unref();
    socket.setTimeout(limits.idleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('timeout', () =>
      this.refuse({ code: 'ETIMEDOUT', message: `nothing received or read for ${limits.idleTimeoutMs} ms; the connection is closed` }),
    );
    // A client that goes away mid-answer is not the program's problem.
    socket.on('error', () => {});
    socket.once('close', () => {
      this.drop();
      limits.closed(this);
    });
  }

  /**
   * The bytes this connection holds: input not served yet (in the socket's readable buffer too) and
   * answers not yet taken by the kernel. A connection being closed holds nothing that counts.
   */
  get bufferedBytes(): number {
    if (this.closing) return 0;
    return this.queuedBytes + this.partialLength + this.socket.readableLength + this.socket.writableLength;
  }

  /**
   * Tells the client why in one line when it can still read it (none of its answers is waiting),
   * then closes the connection; a client that has answers waiting is cut at once.
   *
   * @param refusal - the code and message of the line
   */
  refuse(refusal: ConnectionRefusal): void {
    if (this.closing) return;
    const unread = this.socket.writableLength > 0;
    this.drop();
    if (unread || this.socket.destroyed) this.socket.destroy();
    else refuseConnection(this.socket, refusal, this.limits.closeGraceMs, false);
  }

  private drop(): void {
    this.closing = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.partial = undefined;
    this.partialLength = 0;
    if (this.turn !== undefined) clearImmediate(this.turn);
    this.turn = undefined;
    clearTimeout(this.answerWatch);
  }

  private received(chunk: Buffer): void {
    if (this.closing) return;
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    this.socket.pause();
    if (this.turn === undefined && !this.waitingForDrain) this.serve();
    this.limits.grew(this);
  }

  /** One turn: serves what it may, then either reads on, waits for `drain`, or yields a turn. */
  private serve(): void {
    this.turn = undefined;
    if (this.closing) return;
    for (let served = 0; ; served++) {
      if (this.socket.writableNeedDrain) {
        this.waitingForDrain = true;
        this.socket.once('drain', () => {
          this.waitingForDrain = false;
          this.serve();
        });
        break;
      }
      if (served === this.limits.linesPerTurn) {
        this.turn = setImmediate(() => this.serve());
        this.turn.unref();
        break;
      }
      const line = this.takeLine();
      if (line === TOO_LONG) {
        this.refuse({ code: 'EPROTO', message: `a request line is longer than ${this.limits.maxRequestBytes} bytes` });
        return;
      }
      if (line === undefined) {
        this.socket.resume();
        break;
      }
      const text = line.toString('utf8').replace(/\r$/, '');
      if (text.trim() !== '') this.socket.write(`${JSON.stringify(serveControlRequest(text))}\n`);
    }
    this.watchAnswers();
    this.limits.grew(this);
  }

  /** The bytes of answers the kernel has taken. */
  private get taken(): number {
    return this.socket.bytesWritten - this.socket.writableLength;
  }

  /**
   * While answers wait for the client (the kernel holds all it takes), checks every
   * `answerTimeoutMs` that it took some; one that took none is cut. A write the kernel has not taken
   * is a libuv request, which keeps the event loop alive however unref'd its socket is: without
   * this, a client that stops reading would keep a finished program running. (What the client took
   * is seen as whole writes complete.)
   */
  private watchAnswers(): void {
    if (this.answerWatch !== undefined || this.socket.writableLength === 0) return;
    this.takenAtWatch = this.taken;
    const due = Date.now() + this.limits.answerTimeoutMs;
    this.answerWatch = setTimeout(() => {
      this.answerWatch = undefined;
      if (this.closing) return;
      // A timer that fires late comes after a stall of the program, before the event loop has seen
      // what the client took meanwhile: that period proves nothing, and the next one decides.
      const stalled = Date.now() - due > this.limits.answerTimeoutMs / 2;
      if (!stalled && this.socket.writableLength > 0 && this.taken === this.takenAtWatch) {
        this.refuse({ code: 'ETIMEDOUT', message: `no answer taken for ${this.limits.answerTimeoutMs} ms` });
        return;
      }
      this.watchAnswers();
    }, this.limits.answerTimeoutMs);
    this.answerWatch.unref();
  }

  /**
   * @returns the next complete line without its newline (a view of what was read), or
   * `undefined` when none has arrived, or {@link TOO_LONG} when the line has more bytes than the limit
   */
  private takeLine(): Buffer | undefined | typeof TOO_LONG {
    while (this.queue.length > 0) {
      const chunk = this.queue[0] as Buffer;
      const from = this.offset;
      const newline = chunk.indexOf(NEWLINE, from);
      const end = newline === -1 ? chunk.length : newline;
      if (this.partialLength + end - from > this.limits.maxRequestBytes) return TOO_LONG;
      this.queuedBytes -= end - from + (newline === -1 ? 0 : 1);
      if (newline === -1 || newline + 1 === chunk.length) {
        this.queue.shift();
        this.offset = 0;
      } else {
        this.offset = newline + 1;
      }
      if (newline !== -1 && this.partialLength === 0) return chunk.subarray(from, end);
      this.keep(chunk, from, end);
      if (newline === -1) continue;
      const line = (this.partial as Buffer).subarray(0, this.partialLength);
      // The next line starts a buffer of its own: one long line leaves no 64 KiB buffer behind.
      this.partial = undefined;
      this.partialLength = 0;
      return line;
    }
    return undefined;
  }

  /** Appends bytes to the partial line, growing its buffer by doubling (reads may be one byte each). */
  private keep(chunk: Buffer, from: number, end: number): void {
    const needed = this.partialLength + end - from;
    if (this.partial === undefined || this.partial.length < needed) {
      const grown = Buffer.allocUnsafe(Math.min(Math.max(needed, 2 * (this.partial?.length ?? 0), 256), this.limits.maxRequestBytes));
      this.partial?.copy(grown, 0, 0, this.partialLength);
      this.partial = grown;
    }
    chunk.copy(this.partial, this.partialLength, from, end);
    this.partialLength = needed;
  }
}
