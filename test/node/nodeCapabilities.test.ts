import { expect } from 'chai';
import { spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { controlSocketPath } from '@errinject/core';
import { childEnv } from '../support/childEnv';
import { EI_CTL, FAILCMD, lineReader, root, runBin, startBin } from '../cli/cliBins';

/**
 * @errinject/node's capabilities reached by the tools that reach every capability: ei-ctl writes
 * their knobs in a running process that failcmd started, and describeSweep makes a test case of each
 * of their fault points.
 */

/** A program that knows nothing of errinject: it stats its own file every 10 ms, and says when a stat fails. */
const PROGRAM = `const fs = require('node:fs');
console.log('pid ' + process.pid);
const timer = setInterval(() => {
  try {
    fs.statSync(__filename);
  } catch (error) {
    console.log('failure ' + error.message.replace(__filename, 'PROGRAM'));
    clearInterval(timer);
  }
}, 10);
`;

describe('@errinject/node with the tools', () => {
  describe('when ei-ctl writes fail_fs knobs in a process failcmd started with --type fail_fs --control', () => {
    let dir: string;
    let failcmd: ChildProcessWithoutNullStreams;
    let waitFor: (pattern: RegExp) => Promise<string>;
    let pid: number;

    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'node-ei-ctl-'));
      const program = path.join(dir, 'stats.js');
      writeFileSync(program, PROGRAM);
      failcmd = startBin(FAILCMD, ['--type', 'fail_fs', '--control', '-p', '0', '-v', '0', '--', 'node', program]);
      waitFor = lineReader(failcmd);
      pid = Number((await waitFor(/^pid \d+$/)).slice('pid '.length));
      for (let i = 0; i < 200 && !existsSync(controlSocketPath(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    });

    after(() => {
      if (failcmd.exitCode === null) failcmd.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    });

    it('should list the capability\'s own knobs after the generic ones', () => {
      const run = runBin(EI_CTL, [String(pid), 'ls', 'fail_fs']);
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout.trim().split(/\s+/).slice(-3)).to.deep.equal(['ops', 'path-filter', 'errno']);
    });

    it('should refuse an operation fail_fs does not have, naming it, and change nothing', () => {
      const run = runBin(EI_CTL, [String(pid), 'write', 'fail_fs/ops', 'stat bogus']);
      expect(run.status).to.equal(1);
      expect(run.stderr).to.contain('EINVAL').and.contain('bogus is not one');
      expect(runBin(EI_CTL, [String(pid), 'read', 'fail_fs/ops']).stdout).to.equal('\n');
    });

    it('should fail the program\'s next stat once ops, errno and probability are written', async () => {
      for (const [knob, value] of [['ops', 'stat'], ['errno', 'EIO'], ['probability', '100']] as const) {
        const run = runBin(EI_CTL, [String(pid), 'write', `fail_fs/${knob}`, value]);
        expect(run.status, run.stderr).to.equal(0);
      }
      expect(await waitFor(/^failure /)).to.equal("failure EIO: i/o error, stat 'PROGRAM'");
    });
  });

  describe('when describeSweep sweeps a function that reads and writes files', () => {
    it('should make a case of each file system call, named by the call and the program\'s line', () => {
      // Arrange: inside the repository, so that the test resolves the packages by name
      const dir = path.join(__dirname, 'describe-sweep');
      mkdirSync(dir, { recursive: true });
      try {
        writeFileSync(
          path.join(dir, 'store.test.js'),
          `require('@errinject/node/register');
const fs = require('node:fs');
const { describeSweep } = require('@errinject/mocha');
const file = require('node:path').join(__dirname, 'state.json');
describeSweep('save', () => {
  fs.writeFileSync(file, '{"a":1}');
  return JSON.parse(fs.readFileSync(file, 'utf8')).a;
}, { allowThrow: true });
`,
        );

        // Act
        const mocha = require.resolve('mocha/bin/mocha.js');
        const run = spawnSync(process.execPath, [mocha, '--no-config', '--reporter', 'json', path.join(dir, 'store.test.js')], {
          cwd: root,
          encoding: 'utf8',
          env: childEnv({ ERRINJECT: 'fail_fs/verbose=0', ERRINJECT_NODE: 'fail_fs' }),
        });

        // Assert
        expect(run.status, run.stdout + run.stderr).to.equal(0);
        const report = JSON.parse(run.stdout) as { passes: Array<{ title: string }>; failures: unknown[] };
        expect(report.failures).to.deep.equal([]);
        expect(report.passes.map((test) => test.title)).to.deep.equal([
          'sweeps every fault point: 2 found in 3 runs',
          'n=1: fs.writeFileSync fails at test/dist/node/describe-sweep/store.test.js:6:6',
          'n=2: fs.readFileSync fails at test/dist/node/describe-sweep/store.test.js:7:24',
          'n=3: no fault injected (every fault point was reached)',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
