import { debugfs, procfs, runTask } from '@errinject/core';
import { close, lastErrno, Slab, socketpair } from './kernel';

/**
 * The seed document's systematic fault loop, ported: fail the 1st, 2nd, 3rd... fault-injection call
 * of socketpair(), one run each, until a run in which no fault fired.
 *
 *     for (i = 1;; i++) {
 *         write(fail_nth, i); res = socketpair(...); pread(fail_nth, ...);
 *         printf("%d-th fault %c: res=%d/%d\n", i, atoi(buf) ? 'N' : 'Y', res, errno);
 *         if (atoi(buf)) break;
 *     }
 */

console.log('\n== socketpair: the seed document\'s fail-nth loop, one fault point per run');

// Every error-injectable function of the path, armed; fail-nth picks which call fails.
for (const line of debugfs.read('fail_function/injectable').split('\n')) {
  const name = line.split('\t')[0];
  if (name !== undefined && name !== '') debugfs.write('fail_function/inject', name);
}
// What the kernel's own functions return when they fail.
debugfs.write('fail_function/Fd.getUnused/retval', '-EMFILE');
debugfs.write('fail_function/Sock.create/retval', '-ENFILE');
debugfs.write('fail_function/Sock.connectPair/retval', '-ENOMEM');
debugfs.write('fail_function/SockFile.alloc/retval', '-ENFILE');
debugfs.write('fail_function/verbose', '0');
// Every fault comes from fail-nth; times must not run out first.
debugfs.write('fail_function/times', '-1');

for (let i = 1; ; i++) {
  const { res, err, left } = runTask(() => {
    procfs.write('self/fail-nth', String(i));
    const sv: number[] = [];
    const result = socketpair(sv);
    const nth = Number(procfs.read('self/fail-nth'));
    if (result === 0) for (const fd of sv) close(fd);
    return { res: result, err: lastErrno, left: nth };
  });
  console.log(`${i}-th fault ${left !== 0 ? 'N' : 'Y'}: res=${res}/${err}`);
  if (left !== 0) break;
}
console.log(`slab objects still allocated after every run: ${Slab.live}`);
