import { Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/CliIo';

/** A stream that keeps what is written to it. */
export interface CapturedStream extends NodeJS.WriteStream {
  readonly text: () => string;
}

/**
 * A writable that keeps its text, typed as the process's streams are.
 *
 * @param isTTY - whether it claims to be a terminal
 * @returns the stream
 */
export function captureStream(isTTY = false): CapturedStream {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  Object.assign(stream, {
    isTTY,
    columns: 100,
    rows: 30,
    text: () => chunks.join(''),
    cursorTo: (_x: number, _y?: number | (() => void), cb?: () => void) => (typeof _y === 'function' ? _y() : cb?.(), true),
    moveCursor: (_dx: number, _dy: number, cb?: () => void) => (cb?.(), true),
    clearLine: (_dir: number, cb?: () => void) => (cb?.(), true),
    clearScreenDown: (cb?: () => void) => (cb?.(), true),
    getWindowSize: () => [100, 30],
  });
  return stream as unknown as CapturedStream;
}

/** A stdout and a stderr that keep their text. */
export interface CapturedIo extends CliIo {
  readonly stdout: CapturedStream;
  readonly stderr: CapturedStream;
}

/**
 * @param options - which streams claim to be terminals
 * @returns both streams
 */
export function captureIo(options: { stdoutTTY?: boolean; stderrTTY?: boolean } = {}): CapturedIo {
  return { stdout: captureStream(options.stdoutTTY), stderr: captureStream(options.stderrTTY) };
}
