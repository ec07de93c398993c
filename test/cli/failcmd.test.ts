import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childEnv } from '../support/childEnv';
import { FAILCMD, runBin } from './cliBins';

describe('failcmd', () => {
  describe('when the command exits', () => {
    it('should exit with the command\'s own status', () => {
      expect(runBin(FAILCMD, ['--', 'node', '-e', 'process.exitCode = 9']).status).to.equal(9);
      expect(runBin(FAILCMD, ['node', '-e', '']).status).to.equal(0);
      expect(runBin(FAILCMD, ['sh', '-c', 'exit 200']).status).to.equal(200);
    });
  });

  describe('when a signal ends the command', () => {
    for (const signal of ['SIGTERM', 'SIGSEGV', 'SIGABRT', 'SIGKILL'] as const) {
      it(`should end with the same ${signal}, as a shell would see it`, () => {
        // Act
        const direct = runBin(FAILCMD, ['--', 'sh', '-c', `ulimit -c 0; kill -${signal.slice(3)} $$`]);
        const throughShell = runBin(FAILCMD, ['sh', '-c', `sh -c 'ulimit -c 0; kill -${signal.slice(3)} $$'; echo "status $?"`]);

        // Assert
        expect([direct.status, direct.signal]).to.deep.equal([null, signal]);
        expect(throughShell.stdout).to.equal(`status ${128 + os.constants.signals[signal]}\n`);
      });
    }
  });

  describe('when an option or value is bad', () => {
    it('should exit 2 with a message and run nothing', () => {
      // Arrange
      const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-e2e-'));
      const marker = path.join(dir, 'ran');
      try {
        // Act
        // each with what its message must name: the value, and what is accepted
        const cases: Array<[string[], RegExp]> = [
          [['-p', '-1'], /^failcmd: -p\/--probability: .*"-1".*accepted: an unsigned 64-bit integer/],
          [['--times', 'many'], /^failcmd: -t\/--times: .*"many".*accepted: a signed 64-bit integer/],
          [['--nth', '4294967296'], /^failcmd: --nth: .*"4294967296".*accepted: an unsigned 32-bit integer/],
          [['--inject', 'f=1x'], /^failcmd: --inject f=1x: .*"1x".*accepted: a negative errno/],
          [['--frobnicate'], /^failcmd: unknown option "--frobnicate"; failcmd --help lists the options/],
          [['--sweep', '--nth', '1'], /^failcmd: options --nth and --sweep do not go together/],
        ];
        const runs = cases.map(([options]) => runBin(FAILCMD, [...options, '--', 'touch', marker]));

        // Assert
        runs.forEach((run, i) => {
          expect(run.status, run.stderr).to.equal(2);
          expect(run.stderr).to.match((cases[i] as [string[], RegExp])[1]);
        });
        expect(runBin(FAILCMD, ['--', 'sh', '-c', `test -e ${marker}`]).status).to.equal(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('should exit 127 for a command that is not found', () => {
      const run = runBin(FAILCMD, ['errinject-no-such-command']);
      expect(run.status).to.equal(127);
      expect(run.stderr).to.contain('failcmd: cannot run "errinject-no-such-command"');
    });
  });

  describe('when the command is a tree of processes and threads', () => {
    it('should inject faults in every process and worker thread of it, and in nothing outside it', () => {
      // Arrange: a marked function called by the process, its child process and its worker thread
      const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-e2e-'));
      const program = path.join(dir, 'tree.js');
      writeFileSync(
        program,
        `const { allowErrorInjection, EI_TYPE_NULL } = require(${JSON.stringify(require.resolve('@errinject/core'))});
const { spawnSync } = require('node:child_process');
const { Worker, isMainThread } = require('node:worker_threads');
const open = allowErrorInjection(EI_TYPE_NULL, function openFile() { return {}; });
const who = process.argv[2] ?? (isMainThread ? 'main' : 'worker');
console.log(who + ': ' + (open() === null ? 'failed' : 'opened'));
if (who === 'main') {
  spawnSync(process.execPath, [__filename, 'child'], { stdio: 'inherit' });
  new Worker(__filename);
}
`,
      );
      try {
        // Act
        const injected = runBin(FAILCMD, ['--inject', 'openFile', '-p', '100', '-t', '-1', '-v', '0', '--', 'node', program]);
        const outside = spawnSync(process.execPath, [program, 'child'], { encoding: 'utf8', env: childEnv() });

        // Assert
        expect(injected.stdout.split('\n').sort()).to.deep.equal(['', 'child: failed', 'main: failed', 'worker: failed']);
        expect(outside.stdout).to.equal('child: opened\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('should fail the n-th call of each process with --nth', () => {
      // Arrange
      const script = `const { allowErrorInjection, EI_TYPE_TRUE } = require('@errinject/core');
const busy = allowErrorInjection(EI_TYPE_TRUE, function busy() { return false; });
console.log([busy(), busy(), busy()].join(' '));`;

      // Act
      const run = runBin(FAILCMD, ['--inject', 'busy', '--nth', '2', '-v', '0', '--', 'node', '-e', script]);

      // Assert
      expect(run.stdout).to.equal('false true false\n');
    });
  });

  describe('when the run could inject no fault', () => {
    const socketpairOnce = require.resolve('@errinject/examples/dist/socketpair/once.js');

    it('should say on stderr that a command that never loads the core never did', () => {
      // Act
      const run = runBin(FAILCMD, ['node', '-e', 'console.log("no errinject here")']);

      // Assert
      expect(run.status).to.equal(0);
      expect(run.stdout).to.equal('no errinject here\n');
      expect(run.stderr).to.equal('failcmd: no fault was injected: the command never loaded @errinject/core (is it a Node.js program that imports it?)\n');
    });

    it('should say that nothing was armed, and what to write, when no function was named', () => {
      // Act
      const run = runBin(FAILCMD, ['node', socketpairOnce]);

      // Assert
      expect(run.status).to.equal(0);
      expect(run.stderr).to.equal(
        "failcmd: no fault was injected: the command loaded @errinject/core but nothing was armed; name functions with --inject NAME, or --inject '*' " +
          'for every one (it marked 5: Slab.kmalloc, Fd.getUnused, Sock.create, Sock.connectPair, SockFile.alloc)\n',
      );
    });

    it("should say nothing once --inject '*' arms them and a fault comes", () => {
      // Act
      const run = runBin(FAILCMD, ['--inject', '*', '-p', '100', '-v', '0', 'node', socketpairOnce]);

      // Assert
      expect(run.stdout).to.match(/^socketpair: res=-\d+/);
      expect(run.stderr).to.equal('');
    });
  });
});
