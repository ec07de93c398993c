import { close, lastErrno, Slab, socketpair } from './kernel';

/**
 * One socketpair() call and its result, as the seed program prints each run: the shape a process
 * sweep drives from outside (`failcmd --sweep -- node examples/dist/socketpair/once.js`), where each
 * run of the program fails its n-th fault point. main.ts runs the same loop inside one process.
 */

const sv: number[] = [];
const res = socketpair(sv);
if (res === 0) for (const fd of sv) close(fd);
console.log(`socketpair: res=${res}/${lastErrno}, slab objects still allocated: ${Slab.live}`);
