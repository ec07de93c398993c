import diagnosticsChannel from 'node:diagnostics_channel';
import { debugfs, FAULT_CHANNEL, getErrno, isErrInjectError, procfs, runTask, setVerboseSink } from '@errinject/core';
import { Journal, type AppendResult } from './journal';

/**
 * The main job's demonstration: one capability, configured only through the control tree, scene by
 * scene, showing which calls fail and why.
 */

const DIR = 'fail_journal_write';
const why: Record<AppendResult['decision'], string> = {
  fail: 'FAILED: every check passed',
  'fail-nth': 'FAILED: the task\'s fail-nth counted down to this call',
  off: 'ok: fault injection is switched off (ERRINJECT=off)',
  'nth-countdown': 'ok: fail-nth is counting down, nothing else is checked',
  'probability-zero': 'ok: probability is 0',
  'task-filter': 'ok: task-filter is Y and this task\'s make-it-fail is 0',
  'times-exhausted': 'ok: times is 0, no failures left',
  'stack-filter': 'ok: the stack filter turned the call down',
  space: 'ok: space was larger than the size, and took it',
  interval: 'ok: not an interval-th call',
  'probability-roll': 'ok: the probability roll said no',
};

function echo(path: string, value: string): void {
  debugfs.write(`${DIR}/${path}`, value);
  console.log(`  # echo ${value} > /sys/kernel/debug/${DIR}/${path}`);
}

function show(journal: Journal, records: readonly string[]): void {
  for (const record of records) {
    const bytes = Buffer.byteLength(record);
    const { status, decision } = journal.append(record);
    const result = status === 0 ? 'res=0' : `res=${status} (${getErrno(status)?.name ?? '?'})`;
    console.log(`  append ${JSON.stringify(record).padEnd(14)} ${String(bytes).padStart(2)} bytes  ${result.padEnd(14)} ${why[decision]}`);
  }
}

function scene(title: string): void {
  console.log(`\n== ${title}`);
}

console.log('== capability-demo: a capability of its own, configured through the control tree');

const journal = new Journal();
let published = 0;
diagnosticsChannel.subscribe(FAULT_CHANNEL, () => {
  published++;
});
setVerboseSink((record) => {
  if (record.kind === 'fault') console.log(`  [verbose] ${record.text.trimEnd().replace(/\n/g, ' | ')}`);
});

scene('Defaults: the kernel\'s FAULT_ATTR_INITIALIZER (probability 0, interval 1, times 1)');
console.log(`  debugfs ${DIR}/: ${debugfs.list(DIR).join(' ')}`);
show(journal, ['boot', 'hello']);

scene('probability 100, interval 3, times 2: every third call may fail, twice in all');
echo('verbose', '1');
echo('probability', '100');
echo('interval', '3');
echo('times', '2');
show(journal, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
console.log(`  times now reads ${debugfs.read(`${DIR}/times`).trim()}`);

scene('space 10: the first calls use up the budget while it is larger than their size');
echo('times', '-1');
echo('interval', '1');
echo('space', '10');
show(journal, ['1234', '1234', '1234', '1234']);
console.log(`  space now reads ${debugfs.read(`${DIR}/space`).trim()} (a call whose size reaches the rest is not held back)`);

scene('fail-nth: the 3rd call of one task fails, whatever the probability');
echo('space', '0');
echo('probability', '0');
runTask(() => {
  procfs.write('self/fail-nth', '3');
  console.log('  # echo 3 > /proc/self/fail-nth   (inside a task)');
  show(journal, ['x', 'y', 'z', 'w']);
  console.log(`  fail-nth now reads ${procfs.read('self/fail-nth').trim()}`);
});

scene('task-filter Y: only tasks with make-it-fail 1 fail');
echo('probability', '100');
echo('task-filter', 'Y');
show(journal, ['root task']);
runTask(() => {
  procfs.write('self/make-it-fail', '1');
  console.log('  # echo 1 > /proc/self/make-it-fail   (inside a task)');
  show(journal, ['marked task']);
});
show(journal, ['root again']);

scene('A bad write is refused with the errno name and changes nothing');
for (const [path, value] of [
  ['probability', '-1'],
  ['times', '9223372036854775808'],
  ['task-filter', 'maybe'],
] as const) {
  try {
    debugfs.write(`${DIR}/${path}`, value);
  } catch (error) {
    if (!isErrInjectError(error)) throw error;
    console.log(`  ${error.code}: ${error.message}`);
  }
}
console.log(`  probability still reads ${debugfs.read(`${DIR}/probability`).trim()}`);

console.log(`\n${journal.size} records written; ${published} faults published on the ${FAULT_CHANNEL} diagnostics channel.`);
