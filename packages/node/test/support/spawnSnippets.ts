/**
 * Functions a script of the `fail_spawn` tests uses, after the prelude of `runArmedScript`: `cp`
 * (`node:child_process`), `ARMED` (probability 100, times -1, verbose 0), `childEvents(child)`
 * (resolves at `'close'` with the child's `'spawn'`, `'error'`, `'exit'` and `'close'` events in
 * order), `calledBack(call)` (resolves with the error, stdout and stderr an `exec`-style callback
 * gets), `thrown(call)` (the error a call throws, or `['returned', value]`), `syncResult(result)`
 * (a `spawnSync` result's entries in order, its error shaped) and `main(fn)`.
 */
export const SPAWN_HELPERS = `
const cp = require('node:child_process');
const ARMED = { 'fail_spawn/probability': 100, 'fail_spawn/times': -1, 'fail_spawn/verbose': 0 };
const childEvents = (child) => new Promise((resolve) => {
  const seen = [];
  child.on('spawn', () => seen.push(['spawn']));
  child.on('error', (error) => seen.push(['error', shape(error)]));
  child.on('exit', (code, signal) => seen.push(['exit', code, signal]));
  child.on('close', (code, signal) => { seen.push(['close', code, signal]); resolve(seen); });
});
const calledBack = (call) => new Promise((resolve) => call((error, stdout, stderr) => resolve({ error: shape(error), stdout: String(stdout), stderr: String(stderr) })));
const thrown = (call) => { try { return ['returned', call()]; } catch (error) { return shape(error); } };
const syncResult = (result) => Object.entries(result).map(([key, value]) => [key, key === 'error' ? shape(value) : value]);
const main = (fn) => fn().catch((error) => { out({ crash: shape(error), stack: error.stack }); process.exit(1); });
`;
