/**
 * Functions a script of the `fail_net` tests uses, after the prelude of `runArmedScript`:
 * `listening(server, ...args)` (resolves with the port once it listens), `closedPort()` (a local
 * port nothing listens on: one just closed), `socketEvents(socket)` (resolves at `'close'` with the
 * socket's `'lookup'`, `'connect'`, `'error'` and `'close'` events in order), `once(emitter, name)`,
 * `ARMED` (probability 100, times -1, verbose 0) and `main(fn)` (runs the async script, printing a
 * crash as `{ crash }` and exiting with status 1, whatever is still open).
 */
export const NET_HELPERS = `
const net = require('node:net');
const http = require('node:http');
const { once } = require('node:events');
const ARMED = { 'fail_net/probability': 100, 'fail_net/times': -1, 'fail_net/verbose': 0 };
const listening = (server, ...args) => new Promise((resolve) => server.listen(...args, () => resolve(server.address().port)));
const closedPort = async () => {
  const server = net.createServer();
  const port = await listening(server, 0, '127.0.0.1');
  await new Promise((resolve) => server.close(resolve));
  return port;
};
const socketEvents = (socket) => new Promise((resolve) => {
  const seen = [];
  socket.on('lookup', (error, address) => seen.push(['lookup', shape(error), address ?? null]));
  socket.on('connect', () => seen.push(['connect']));
  socket.on('error', (error) => seen.push(['error', shape(error)]));
  socket.on('close', (hadError) => { seen.push(['close', hadError]); resolve(seen); });
});
const main = (fn) => fn().catch((error) => { out({ crash: shape(error), stack: error.stack }); process.exit(1); });
`;
