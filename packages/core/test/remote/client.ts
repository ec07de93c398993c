import { connect } from 'node:net';
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
