import { debugfs, setVerboseSink } from '@errinject/core';
import { type BlockDevice, mount, umount } from './btrfs';

/**
 * The fail_function example of the kernel's fault-injection documentation, step for step:
 *
 *     echo open_ctree > /sys/kernel/debug/fail_function/inject
 *     echo -12 > /sys/kernel/debug/fail_function/open_ctree/retval
 *     echo N > /sys/kernel/debug/fail_function/task-filter
 *     echo 100 > /sys/kernel/debug/fail_function/probability
 *     echo 0 > /sys/kernel/debug/fail_function/interval
 *     echo -1 > /sys/kernel/debug/fail_function/times
 *     echo 0 > /sys/kernel/debug/fail_function/space
 *     echo 1 > /sys/kernel/debug/fail_function/verbose
 *     mount -t btrfs /dev/loop0 /mnt    # fails with ENOMEM
 */

const loop0: BlockDevice = { path: '/dev/loop0', label: 'data' };

console.log('\n== btrfs-mount: the kernel documentation\'s open_ctree example');
// verbose 1 writes the kernel's record for each fault; shown here as dmesg would.
setVerboseSink((record) => console.log(record.text.trimEnd().replace(/^/gm, '[dmesg] ')));

function sh(path: string, value: string): void {
  debugfs.write(`fail_function/${path}`, value);
  console.log(`# echo ${value} > /sys/kernel/debug/fail_function/${path}`);
}

console.log(mount(loop0, '/mnt'));
umount('/mnt');
sh('inject', 'open_ctree');
sh('open_ctree/retval', '-12');
sh('task-filter', 'N');
sh('probability', '100');
sh('interval', '0');
sh('times', '-1');
sh('space', '0');
sh('verbose', '1');
console.log(`# mount -t btrfs ${loop0.path} /mnt`);
console.log(mount(loop0, '/mnt'));
sh('inject', '!open_ctree');
console.log(`# mount -t btrfs ${loop0.path} /mnt`);
console.log(mount(loop0, '/mnt'));
