/**
 * Loaded into every Node.js process of a discovery run with `NODE_OPTIONS=--require`: when the process
 * exits, it appends the functions marked error-injectable in it (`fail_function/injectable`) to the
 * file named by `FAILCMD_INJECTABLE_FILE`, one JSON line per process. The core keeps one state per
 * process whichever copy of it is loaded, so this copy sees the command's functions.
 *
 * Only a discovery run (a sweep that names no function) loads it; the runs of the sweep do not.
 */
import { appendFileSync } from 'node:fs';
import { debugfs } from '@errinject/core';
import { INJECTABLE_FILE_VARIABLE } from './injectableFileVariable';

const file = process.env[INJECTABLE_FILE_VARIABLE];
if (file !== undefined && file !== '') {
  process.once('exit', () => {
    const injectable = debugfs.read('fail_function/injectable');
    if (injectable !== '') appendFileSync(file, `${JSON.stringify({ pid: process.pid, injectable })}\n`);
  });
}
