import { connect, type Socket } from 'node:net';
import type { ControlResponse } from '../../src/index';

/**
 * A client of the control socket for the tests: sends some text, reads back one response per
 * request line.
 *
 * @param path - the socket
 * @param text - what to send, requests separated by newlines
 * @param expected - how many responses to wait for
 * @returns the responses, in order
 */
export function exchange(path: string, text: string, expected: number): Promise<ControlResponse[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffered = '';
    const responses: ControlResponse[] = [];
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline !== -1) {
        responses.push(JSON.parse(buffered.slice(0, newline)) as ControlResponse);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
      if (responses.length >= expected) socket.end();
    });
    socket.on('close', () => resolve(responses));
    socket.write(text);
  });
}

/** A connected client that collects every response line it reads. */
export interface Collector {
  readonly socket: Socket;
  /** The responses read so far, in order. */
  readonly responses: ControlResponse[];
  /** Resolves once the server has closed the connection (or it failed), with the responses. */
  readonly closed: Promise<ControlResponse[]>;
  /** Resolves once `count` responses have been read. */
  until(count: number): Promise<ControlResponse[]>;
}

/**
 * Connects a client that reads every response line.
 *
 * @param path - the socket
 * @returns the client once connected
 */
export function collect(path: string): Promise<Collector> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const responses: ControlResponse[] = [];
    const waiting: Array<{ count: number; done: () => void }> = [];
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
        responses.push(JSON.parse(buffered.slice(0, newline)) as ControlResponse);
        buffered = buffered.slice(newline + 1);
      }
      for (const wait of waiting.filter((w) => responses.length >= w.count)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.done();
      }
    });
    const closed = new Promise<ControlResponse[]>((done) => socket.on('close', () => done(responses)));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      socket.on('error', () => {});
      resolve({
        socket,
        responses,
        closed,
        until: (count) =>
          new Promise((done, fail) => {
            if (responses.length >= count) done(responses);
            else {
              waiting.push({ count, done: () => done(responses) });
              void closed.then(() => fail(new Error(`the connection closed after ${responses.length} of ${count} responses: ${JSON.stringify(responses.slice(-1))}`)));
            }
          }),
      });
    });
  });
}

/**
 * Connects a client that never reads.
 *
 * @param path - the socket
 * @returns the socket once connected, paused
 */
export function connectSilent(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.pause();
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      socket.on('error', () => {});
      resolve(socket);
    });
  });
}

/** `count` hello requests, one a line, with ids from `first`. */
export function hellos(count: number, first = 1): string {
  let text = '';
  for (let id = first; id < first + count; id++) text += `{"id":${id},"op":"hello"}\n`;
  return text;
}

/**
 * Waits until a process listens on a socket: its file appears when it is bound, a moment before it
 * listens, and a connection in between is refused (ECONNREFUSED).
 *
 * @param path - the socket
 * @param ms - how long to wait at most
 */
export async function listening(path: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = connect(path);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (connected) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
