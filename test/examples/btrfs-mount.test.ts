import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { childEnv } from '../support/childEnv';

const program = require.resolve('@errinject/examples/dist/btrfs-mount/main.js');

describe('examples/btrfs-mount', () => {
  let output: string;
  before(() => {
    output = execFileSync(process.execPath, [program], { encoding: 'utf8', env: childEnv() });
  });

  it('should mount before open_ctree is armed', () => {
    expect(output).to.match(/^mounted \/dev\/loop0 \(data\) on \/mnt: 5 trees$/m);
  });

  it('should fail the mount with ENOMEM once open_ctree is armed with retval -12 and probability 100', () => {
    expect(output).to.include('# mount -t btrfs /dev/loop0 /mnt\n[dmesg] FAULT_INJECTION: forcing a failure.\n');
    expect(output).to.include('[dmesg] name fail_function, interval 0, probability 100, space 0, times -1\n');
    expect(output).to.include('mount: mount /dev/loop0 on /mnt failed: Cannot allocate memory\n');
  });

  it('should mount again once open_ctree is disarmed', () => {
    const after = output.slice(output.indexOf('!open_ctree'));
    expect(after).to.match(/mounted \/dev\/loop0 \(data\) on \/mnt: 5 trees/);
  });
});
