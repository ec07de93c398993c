import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { controlSocketPath } from '@errinject/core';
import { main } from '../../src/cli/eiCtl';
import { captureIo } from '../support/captureIo';
import { cleanEnv, fixture } from '../support/fixtures';

describe('ei-ctl main', () => {
  let child: ChildProcess;
  let pid: number;

  before(async () => {
    const [node, ...args] = fixture('controlled');
    child = spawn(node as string, args, { env: cleanEnv({ ERRINJECT_CONTROL: '1' }), stdio: ['ignore', 'pipe', 'inherit'] });
    pid = child.pid as number;
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    for (let i = 0; i < 200 && !existsSync(controlSocketPath(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  after(() => {
    child.kill('SIGKILL');
  });

  async function ctl(...argv: string[]): Promise<{ exit: number; stdout: string; stderr: string }> {
    const io = captureIo();
    const exit = await main(argv, io, cleanEnv());
    return { exit, stdout: io.stdout.text(), stderr: io.stderr.text() };
  }

  describe('when a process listens', () => {
    it('should list it with its user, start, uptime, working directory and command line', async () => {
      const { exit, stdout } = await ctl('list');
      expect(exit).to.equal(0);
      expect(stdout.split('\n')[0]).to.match(/^ *PID +USER +STARTED +UPTIME +CWD +COMMAND$/);
      expect(stdout).to.match(new RegExp(`\\n *${pid} +${os.userInfo().username} +\\d\\d:\\d\\d:\\d\\d +\\d+(s|m\\d\\ds) +\\S+ +node \\S*controlled\\.js\\n`));
    });

    it('should colour its header on a terminal, or with --color after list, and not with --no-color', async () => {
      // Arrange
      const tty = captureIo({ stdoutTTY: true });
      const forced = captureIo();
      const refused = captureIo({ stdoutTTY: true });

      // Act
      await main(['list'], tty, cleanEnv({ NODE_DISABLE_COLORS: '' }));
      await main(['list', '--color'], forced, cleanEnv());
      await main(['--no-color', 'list'], refused, cleanEnv({ FORCE_COLOR: '1' }));

      // Assert
      expect(tty.stdout.text()).to.contain('\u001b[1mPID');
      expect(forced.stdout.text()).to.contain('\u001b[1mPID');
      expect(refused.stdout.text()).to.not.contain('\u001b[');
    });

    it('should ls, read and write its tree, and take "--" before the pid', async () => {
      expect(await ctl(String(pid), 'ls', 'fail_function')).to.include({ exit: 0 });
      expect((await ctl(String(pid), 'ls')).stdout.split('\n')).to.include('fail_function');
      expect(await ctl(String(pid), 'read', 'fail_function/injectable')).to.deep.equal({ exit: 0, stdout: 'writeBlock\tERRNO\n', stderr: '' });
      expect(await ctl('--', String(pid), 'write', 'fail_function/space', '-7')).to.deep.equal({ exit: 0, stdout: '', stderr: '' });
      expect((await ctl(String(pid), 'read', 'fail_function/space')).stdout).to.equal('-7\n');
      expect((await ctl(String(pid), 'read', 'self/fail-nth')).stdout).to.equal('0\n');
    });

    it('should print a refusal with its code and exit 1', async () => {
      const { exit, stderr } = await ctl(String(pid), 'write', 'fail_function/inject', 'nothing');
      expect(exit).to.equal(1);
      expect(stderr).to.match(/^ei-ctl: EINVAL: debugfs fail_function\/inject: cannot write "nothing"/);
    });
  });

  describe('when the pid cannot be reached', () => {
    it('should exit 2', async () => {
      const { exit, stderr } = await ctl(String(process.pid), 'ls');
      expect(exit).to.equal(2);
      expect(stderr).to.contain(`process ${process.pid} cannot be reached`);
    });
  });

  describe('when a value given is long', () => {
    it('should quote it cut to a readable length', async () => {
      const { exit, stderr } = await ctl(`--${'x'.repeat(10_000)}`, 'list');
      expect(exit).to.equal(2);
      expect(stderr).to.equal(`ei-ctl: unknown option "--${'x'.repeat(55)}..."; ei-ctl --help shows the commands\n`);
    });
  });

  describe('when asked for its version', () => {
    it('should print the package version and exit 0, with -V too, before or after list', async () => {
      const { version } = require('../../../package.json') as { version: string };
      for (const argv of [['--version'], ['-V'], ['list', '--version']]) expect(await ctl(...argv)).to.deep.equal({ exit: 0, stdout: `${version}\n`, stderr: '' });
    });
  });

  describe('when asked for help, or given a bad command line', () => {
    it('should print the usage, or why, and exit 0 or 2', async () => {
      expect((await ctl('-h')).stdout).to.contain('Usage: ei-ctl [options] list');
      expect((await ctl('list', '--help')).stdout).to.contain('Usage: ei-ctl [options] list');
      for (const argv of [[], ['0', 'ls'], ['9007199254740993', 'ls'], ['1', 'cat', 'x'], ['1'], ['list', 'all'], ['--colour', 'list'], ['-x'], ['--']]) {
        const run = await ctl(...argv);
        expect(run.exit, argv.join(' ')).to.equal(2);
        expect(run.stderr).to.contain('ei-ctl --help shows the commands');
      }
    });
  });

  describe('when the socket directory is not private', () => {
    it('should refuse to use it and exit 2 with the core\'s reason', async () => {
      // Arrange
      const runtime = mkdtempSync(path.join(os.tmpdir(), 'ei-ctl-runtime-'));
      mkdirSync(path.join(runtime, 'errinject'));
      chmodSync(path.join(runtime, 'errinject'), 0o755);
      const saved = process.env['XDG_RUNTIME_DIR'];
      process.env['XDG_RUNTIME_DIR'] = runtime;
      try {
        // Act
        const run = await ctl('list');

        // Assert
        expect(run.exit).to.equal(2);
        expect(run.stderr).to.contain('mode 0755');
      } finally {
        if (saved === undefined) delete process.env['XDG_RUNTIME_DIR'];
        else process.env['XDG_RUNTIME_DIR'] = saved;
        rmSync(runtime, { recursive: true, force: true });
      }
    });
  });

  describe('when no process listens', () => {
    it('should say how a process opts in, and exit 0', async () => {
      // Arrange
      const runtime = mkdtempSync(path.join(os.tmpdir(), 'ei-ctl-runtime-'));
      const saved = process.env['XDG_RUNTIME_DIR'];
      process.env['XDG_RUNTIME_DIR'] = runtime;
      try {
        // Act
        const run = await ctl('list');

        // Assert
        expect(run).to.deep.equal({ exit: 0, stdout: '', stderr: 'ei-ctl: no process listens; a process opts in with ERRINJECT_CONTROL=1 (or failcmd --control)\n' });
      } finally {
        if (saved === undefined) delete process.env['XDG_RUNTIME_DIR'];
        else process.env['XDG_RUNTIME_DIR'] = saved;
        rmSync(runtime, { recursive: true, force: true });
      }
    });
  });
});
