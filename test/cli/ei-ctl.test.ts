import { expect } from 'chai';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { controlSocketDir, controlSocketPath } from '@errinject/core';
import { childEnv } from '../support/childEnv';
import { EI_CTL, FAILCMD, lineReader, root as cliRoot, runBin, startBin } from './cliBins';

/** A text as a regular expression matches it literally. */
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A program that opted in and calls a marked function every 10 ms, saying when a call fails. */
const PROGRAM = `const { allowErrorInjection, EI_TYPE_NULL } = require(${JSON.stringify(require.resolve('@errinject/core'))});
const fetchRow = allowErrorInjection(EI_TYPE_NULL, function fetchRow() { return { row: 1 }; });
console.log('pid ' + process.pid);
let failures = 0;
setInterval(() => {
  if (fetchRow() === null) console.log('failure ' + ++failures);
}, 10);
`;

describe('ei-ctl', () => {
  let dir: string;
  let failcmd: ChildProcessWithoutNullStreams;
  let waitFor: (pattern: RegExp) => Promise<string>;
  let pid: number;
  let program: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ei-ctl-e2e-'));
    program = path.join(dir, 'server.js');
    writeFileSync(program, PROGRAM);
    failcmd = startBin(FAILCMD, ['--control', '-v', '0', '--', 'node', program]);
    waitFor = lineReader(failcmd);
    pid = Number((await waitFor(/^pid \d+$/)).slice('pid '.length));
    for (let i = 0; i < 200 && !existsSync(controlSocketPath(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  after(() => {
    if (failcmd.exitCode === null) failcmd.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a process opted in with failcmd --control', () => {
    it('should list it with its pid, user, start, uptime, working directory and command line', () => {
      // Act
      const run = runBin(EI_CTL, ['list']);

      // Assert: failcmd runs it from the repository root; its script lies elsewhere
      expect(run.status, run.stderr).to.equal(0);
      expect(run.stdout.split('\n')[0]).to.match(/^ *PID +USER +STARTED +UPTIME +CWD +COMMAND$/);
      const root = process.env['HOME'] !== undefined && cliRoot.startsWith(`${process.env['HOME']}/`) ? `~${cliRoot.slice(process.env['HOME'].length)}` : cliRoot;
      expect(run.stdout).to.match(
        new RegExp(`\\n *${pid} +${escape(os.userInfo().username)} +\\d\\d:\\d\\d:\\d\\d +\\S+ +${escape(root.length > 40 ? `...${root.slice(-37)}` : root)} +node ${escape(program)}\\n`),
      );
    });

    it('should tell apart processes that run code of -e, read their script from stdin, or run the same script elsewhere', async () => {
      // Arrange: three more processes, from another directory
      const core = JSON.stringify(require.resolve('@errinject/core'));
      const code = `require(${core}); console.log('up'); setInterval(() => {}, 1000);`;
      const env = childEnv({ ERRINJECT_CONTROL: '1' });
      const others = [
        spawn('node', ['-e', code], { cwd: dir, env }),
        spawn('node', ['-', 'an arg'], { cwd: dir, env }),
        spawn('node', [program], { cwd: dir, env }),
      ];
      others[1]?.stdin.end(code);
      try {
        for (const other of others) await lineReader(other)(/^(up|pid \d+)$/);
        for (const other of others) for (let i = 0; i < 200 && !existsSync(controlSocketPath(other.pid as number)); i++) await new Promise((resolve) => setTimeout(resolve, 10));

        // Act
        const run = runBin(EI_CTL, ['list']);

        // Assert: the code cut to its first 40 characters, the cwd shortened from its start
        const lineOf = (child: ChildProcessWithoutNullStreams): string => run.stdout.split('\n').find((line) => new RegExp(`^ *${child.pid} `).test(line)) ?? '';
        const shownDir = dir.length > 40 ? `...${dir.slice(-37)}` : dir;
        expect(lineOf(others[0] as ChildProcessWithoutNullStreams)).to.match(new RegExp(` ${escape(shownDir)} +node -e 'require\\(".{28}\\.\\.\\.'$`));
        expect(lineOf(others[1] as ChildProcessWithoutNullStreams)).to.match(new RegExp(` ${escape(shownDir)} +node \\[stdin\\] 'an arg'$`));
        expect(lineOf(others[2] as ChildProcessWithoutNullStreams)).to.match(new RegExp(` ${escape(shownDir)} +node server\\.js$`));
      } finally {
        for (const other of others) other.kill('SIGKILL');
      }
    });

    it('should list a directory of each tree, the debugfs root by default', () => {
      // Act
      const rootDir = runBin(EI_CTL, [String(pid), 'ls']);
      const failFunction = runBin(EI_CTL, [String(pid), 'ls', 'fail_function']);
      const self = runBin(EI_CTL, [String(pid), 'ls', 'self']);

      // Assert
      expect(rootDir.stdout.split('\n')).to.include('fail_function');
      expect(failFunction.stdout.split('\n')).to.include.members(['probability', 'times', 'inject', 'injectable']);
      expect(self.stdout.split('\n')).to.include.members(['fail-nth', 'make-it-fail']);
    });

    it('should read what failcmd configured, in both trees', () => {
      expect(runBin(EI_CTL, [String(pid), 'read', 'fail_function/probability']).stdout).to.equal('1\n');
      expect(runBin(EI_CTL, [String(pid), 'read', 'fail_function/injectable']).stdout).to.equal('fetchRow\tNULL\n');
      expect(runBin(EI_CTL, [String(pid), 'read', '/sys/kernel/debug/fail_function/task-filter']).stdout).to.equal('Y\n');
      expect(runBin(EI_CTL, [String(pid), 'read', 'self/make-it-fail']).stdout).to.equal('1\n');
      expect(runBin(EI_CTL, [String(pid), 'read', '/proc/self/fail-nth']).stdout).to.equal('0\n');
    });

    it('should write values that begin with "-", and arm a function the running program then fails', async () => {
      // Act
      const writes = [
        ['fail_function/times', '-1'],
        ['fail_function/probability', '100'],
        ['fail_function/inject', 'fetchRow'],
      ].map(([file, value]) => runBin(EI_CTL, [String(pid), 'write', file as string, value as string]));

      // Assert
      expect(writes.map((run) => [run.status, run.stdout, run.stderr])).to.deep.equal([
        [0, '', ''],
        [0, '', ''],
        [0, '', ''],
      ]);
      expect(runBin(EI_CTL, [String(pid), 'read', 'fail_function/times']).stdout).to.equal('-1\n');
      await waitFor(/^failure 3$/);
      runBin(EI_CTL, [String(pid), 'write', 'fail_function/inject', '!fetchRow']);
    });

    it('should print the control tree\'s refusals with their code and exit 1', () => {
      // Act
      const refusals = [
        ['write', 'fail_function/times', 'many'],
        ['write', 'fail_function/probability', '-1'],
        ['write', 'fail_function/inject', 'noSuchFunction'],
        ['write', 'fail_function/injectable', 'x'],
        ['read', 'fail_nothing/times'],
        ['write', 'self/fail-nth', '4294967296'],
      ].map((args) => runBin(EI_CTL, [String(pid), ...args]));

      // Assert
      expect(refusals.map((run) => [run.status, /^ei-ctl: ([A-Z]+): /.exec(run.stderr)?.[1]])).to.deep.equal([
        [1, 'EINVAL'],
        [1, 'EINVAL'],
        [1, 'EINVAL'],
        [1, 'EACCES'],
        [1, 'ENOENT'],
        [1, 'ERANGE'],
      ]);
      expect(refusals[0]?.stderr).to.contain('"many"');
      expect(runBin(EI_CTL, [String(pid), 'read', 'fail_function/times']).stdout).to.equal('-1\n');
    });

    it('should listen on a socket only this user can reach: directory 0700, socket 0600', () => {
      // Act
      const dirStat = statSync(controlSocketDir());
      const socketStat = statSync(controlSocketPath(pid));

      // Assert
      expect(dirStat.mode & 0o777).to.equal(0o700);
      expect(socketStat.isSocket()).to.equal(true);
      expect(socketStat.mode & 0o777).to.equal(0o600);
      expect(socketStat.uid).to.equal(os.userInfo().uid);
    });
  });

  describe('when the command line is wrong', () => {
    it('should exit 2 and say what it expects', () => {
      for (const args of [[], ['x'], ['12', 'frob'], [String(pid), 'read'], [String(pid), 'write', 'a'], [String(pid), 'ls', 'a', 'b'], ['list', 'x']]) {
        const run = runBin(EI_CTL, args);
        expect(run.status, JSON.stringify(args)).to.equal(2);
        expect(run.stderr).to.match(/^ei-ctl: .*ei-ctl --help/);
      }
      expect(runBin(EI_CTL, ['--help']).stdout).to.contain('ei-ctl [options] <pid> write PATH VALUE');
    });
  });

  describe('when the pid cannot be reached', () => {
    it('should exit 2 naming the pid and its socket', () => {
      // Arrange: a process that did not opt in
      const run = runBin(EI_CTL, [String(process.pid), 'read', 'fail_function/times']);

      // Assert
      expect(run.status).to.equal(2);
      expect(run.stderr).to.contain(`ei-ctl: process ${process.pid} cannot be reached at ${controlSocketPath(process.pid)}: no socket`);
    });
  });

  describe('when a process died without removing its socket', () => {
    it('should remove the socket when listing, and not list it', async () => {
      // Arrange: a process that listens where a control socket would be, then is killed
      const holder = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(require('node:path').join(${JSON.stringify(controlSocketDir())}, process.pid + '.sock'), () => console.log('up'))`], { env: childEnv() });
      await lineReader(holder)(/^up$/);
      const stale = controlSocketPath(holder.pid as number);
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
      expect(existsSync(stale)).to.equal(true);

      // Act
      const unreachable = runBin(EI_CTL, [String(holder.pid), 'ls']);
      const list = runBin(EI_CTL, ['list']);

      // Assert
      expect(unreachable.status).to.equal(2);
      expect(unreachable.stderr).to.contain('a socket nobody listens on (the process is gone)');
      expect(list.stderr).to.contain(`ei-ctl: removed the socket of process ${holder.pid}, which is gone`);
      expect(list.stdout).to.not.match(new RegExp(`^ *${holder.pid} `, 'm'));
      expect(existsSync(stale)).to.equal(false);
    });
  });

  describe('when the process exits', () => {
    it('should be gone from the list, its socket removed', async () => {
      // Act
      failcmd.kill('SIGTERM');
      await new Promise((resolve) => (failcmd.exitCode === null && failcmd.signalCode === null ? failcmd.once('exit', resolve) : resolve(undefined)));
      const list = runBin(EI_CTL, ['list']);

      // Assert
      expect(failcmd.signalCode).to.equal('SIGTERM');
      expect(existsSync(controlSocketPath(pid))).to.equal(false);
      expect(list.stdout).to.not.match(new RegExp(`^ *${pid} `, 'm'));
    });
  });
});
