import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** Whether a process is alive (signal 0 reaches it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process is gone within 5 s: a killed process is reaped by init, not at once. */
function gone(pid: number): boolean {
  for (let i = 0; i < 500 && alive(pid); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  return !alive(pid);
}

const GROUPS = path.join(__dirname, '..', '..', 'src', 'sweep', 'processGroups.js');

describe('processGroups', () => {
  it('should kill every tracked group, the processes it started included, as failcmd exits, and leave an untracked one', () => {
    // Act: a process starts two groups (a shell and the sleep it started), tracks both, untracks the second, exits
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
const { trackGroup, untrackGroup } = require(${JSON.stringify(GROUPS)});
const start = () => spawn('/bin/sh', ['-c', 'sleep 30 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
const tracked = start();
const untracked = start();
trackGroup(tracked.pid);
trackGroup(untracked.pid);
untrackGroup(untracked.pid);
let lines = [];
for (const child of [tracked, untracked]) child.stdout.once('data', (chunk) => {
  lines.push(Number(String(chunk).trim()));
  if (lines.length === 2) { console.log(JSON.stringify([tracked.pid, ...lines, untracked.pid])); process.exit(0); }
});`,
      ],
      { encoding: 'utf8', timeout: 20000 },
    );
    const [trackedShell, firstSleep, secondSleep, untrackedShell] = JSON.parse(run.stdout) as number[];

    // Assert: the tracked shell and its sleep are gone; the untracked ones still run (killed here)
    try {
      // The first line is the tracked shell's sleep or the untracked one's: whichever came first.
      expect(gone(trackedShell as number)).to.equal(true);
      expect(alive(untrackedShell as number)).to.equal(true);
      const sleeps = [firstSleep, secondSleep] as number[];
      for (let i = 0; i < 500 && sleeps.every((pid) => alive(pid)); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      expect(sleeps.filter((pid) => alive(pid))).to.have.length(1);
    } finally {
      try {
        process.kill(-(untrackedShell as number), 'SIGKILL');
      } catch {
        // gone already
      }
    }
  });
});
