import fs = require('node:fs');

/**
 * Node's own functions that `fail_fs` itself calls (the size of a file `readFile` reads, the open
 * with which a failing `writeFile` truncates its file), taken when this module loads, before any
 * interceptor is in place: `fail_fs`'s own calls are neither counted nor failed.
 */
export const originalFs = {
  closeSync: fs.closeSync,
  fstatSync: fs.fstatSync,
  openSync: fs.openSync,
  statSync: fs.statSync,
} as const;
