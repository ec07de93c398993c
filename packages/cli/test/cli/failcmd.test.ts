import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/failcmd';
import { captureIo } from '../support/captureIo';
import { cleanEnv, fixture, stateCommand } from '../support/fixtures';

describe('failcmd main', () => {
  describe('when asked for help', () => {
    it('should print the usage with every option and exit 0', async () => {
      // Arrange
      const io = captureIo();

      // Act
      const exit = await main(['--help'], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(0);
      for (const option of ['--probability', '--interval', '--times', '--space', '--verbose', '--task-filter', '--stacktrace-depth', '--require-stack', '--reject-stack', '--inject', '--nth', '--sweep', '--seed', '--control', '--json', '--jobs', '--max', '--timeout', '--check', '--type', 'FAILCMD_TYPE', '--shard i/N', '--merge']) {
        expect(io.stdout.text()).to.contain(option);
      }
    });
  });

  describe('when asked for its version', () => {
    it('should print the package version and exit 0, with -V too', async () => {
      // Arrange
      const { version } = require('../../../package.json') as { version: string };
      const ios = [captureIo(), captureIo()];

      // Act
      const exits = [await main(['--version'], cleanEnv(), ios[0]), await main(['-V', 'node', 'x.js'], cleanEnv(), ios[1])];

      // Assert
      expect(exits).to.deep.equal([0, 0]);
      expect(ios.map((io) => io.stdout.text())).to.deep.equal([`${version}\n`, `${version}\n`]);
    });
  });

  describe('when the command line or a value is refused', () => {
    for (const argv of [[], ['-p'], ['--bogus', 'true'], ['-p', 'x', 'true'], ['--inject', 'f=7', 'true'], ['--sweep', '-j', '0', 'true'], ['--sweep', '-j', '2', '--check', 'true', 'true'], ['--check', '', 'true'], ['--type', 'fail_cli_e2e_other', '--inject', 'f', 'true']]) {
      it(`should print why on stderr and exit 2 for ${JSON.stringify(argv)}`, async () => {
        // Arrange
        const io = captureIo();

        // Act
        const exit = await main(argv, cleanEnv(), io);

        // Assert
        expect(exit).to.equal(2);
        expect(io.stderr.text()).to.match(/^failcmd: .+\n$/);
        expect(io.stdout.text()).to.equal('');
      });
    }
  });

  describe('when the command runs', () => {
    it('should return its exit code, or its signal', async () => {
      expect(await main(fixture('exit', 'code', '3'), cleanEnv(), captureIo())).to.equal(3);
      expect(await main(['--', ...fixture('exit', 'signal', 'SIGTERM')], cleanEnv(), captureIo())).to.equal('SIGTERM');
    });
  });

  describe('when a plain run could inject no fault', () => {
    const CORE = JSON.stringify(require.resolve('@errinject/core'));
    const OPEN = `const c = require(${CORE}); const open = c.allowErrorInjection(c.EI_TYPE_ERRNO, function open() { return 3; }); open();`;

    it('should say on stderr that the command never loaded the core', async () => {
      // Arrange
      const io = captureIo();

      // Act
      const exit = await main([process.execPath, '-e', 'process.exitCode = 4'], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(4);
      expect(io.stderr.text()).to.equal('failcmd: no fault was injected: the command never loaded @errinject/core (is it a Node.js program that imports it?)\n');
    });

    it('should say that nothing was armed, naming the functions the command marked and what to write', async () => {
      // Arrange
      const io = captureIo();

      // Act
      const exit = await main([process.execPath, '-e', OPEN], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(0);
      expect(io.stderr.text()).to.equal(
        "failcmd: no fault was injected: the command loaded @errinject/core but nothing was armed; name functions with --inject NAME, or --inject '*' for every one (it marked one: open)\n",
      );
    });

    it('should say nothing when a fault was injected, when functions were armed, or for another capability', async () => {
      // Arrange
      const ios = [captureIo(), captureIo(), captureIo(), captureIo(), captureIo()];

      // Act: a fault; armed and not failed; armed by the user's ERRINJECT; armed by the program itself; another capability
      await main(['--inject', 'open', '-p', '100', '-v', '0', process.execPath, '-e', OPEN], cleanEnv(), ios[0]);
      await main(['--inject', 'open', '-p', '0', process.execPath, '-e', OPEN], cleanEnv(), ios[1]);
      await main(['-p', '0', process.execPath, '-e', OPEN], cleanEnv({ ERRINJECT: 'fail_function/inject=open' }), ios[2]);
      await main(['-p', '0', process.execPath, '-e', `${OPEN} c.debugfs.write('fail_function/inject', 'open');`], cleanEnv(), ios[3]);
      await main([process.execPath, '-e', `${OPEN} c.declareFaultAttr('fail_function_test_other');`], cleanEnv({ FAILCMD_TYPE: 'fail_function_test_other' }), ios[4]);

      // Assert
      expect(ios.map((io) => io.stderr.text())).to.deep.equal(['', '', '', '', '']);
    });

    it('should read only what the run appended to a report of the user\'s own, and leave it', async () => {
      // Arrange
      const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-main-report-'));
      const file = path.join(dir, 'mine.jsonl');
      writeFileSync(file, '{"event":"fault","pid":1,"capability":"fail_function","function":"open","site":null}\n');
      const io = captureIo();

      // Act
      await main([process.execPath, '-e', ''], cleanEnv({ ERRINJECT_REPORT: file }), io);

      // Assert
      try {
        expect(io.stderr.text()).to.contain('the command never loaded @errinject/core');
        expect(readFileSync(file, 'utf8').split('\n')).to.have.length(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('when a plain run has a check', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-main-state-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should say the command left a bad state, with the check\'s message, and keep the command\'s own failure', async () => {
      // Arrange: the first write fails, and the state file is left empty
      const { command, check } = stateCommand('inplace', dir);
      const io = captureIo();

      // Act
      const exit = await main(['--check', check, '--inject', 'writeChunk', '-p', '100', '-v', '0', '--', ...command], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(1);
      expect(io.stderr.text()).to.contain(`failcmd: the command left a bad state: --check ${JSON.stringify(check)} ended with exit 1: SyntaxError: Unexpected end of JSON input\n`);
    });

    it('should exit 1 for a bad state when the command exited 0', async () => {
      // Arrange
      const state = path.join(dir, 'state.json');
      const io = captureIo();

      // Act
      const exit = await main(['--check', `test -s ${JSON.stringify(state)}`, '--', '/bin/sh', '-c', 'touch "$0"', state], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(1);
      expect(io.stderr.text()).to.contain('failcmd: the command left a bad state: --check');
      expect(io.stderr.text()).to.contain('ended with exit 1\n');
    });

    it('should pass the command\'s status through when the state is good', async () => {
      // Arrange
      const { command, check } = stateCommand('atomic', dir);
      const faulted = captureIo();
      const clean = captureIo();

      // Act
      const exits = [
        await main(['--check', check, '--inject', 'writeChunk', '-p', '100', '-v', '0', '--', ...command], cleanEnv(), faulted),
        await main(['--check', check, '--inject', 'writeChunk', '-p', '0', '--', ...command], cleanEnv(), clean),
      ];

      // Assert
      expect(exits).to.deep.equal([1, 0]);
      expect([faulted.stderr.text(), clean.stderr.text()]).to.deep.equal(['', '']);
    });
  });

  describe('when the command cannot be run', () => {
    it('should exit 127 for a program not found and 126 for one not executable', async () => {
      // Arrange
      const notFound = captureIo();
      const notExecutable = captureIo();

      // Act, Assert
      expect(await main(['errinject-no-such-program'], cleanEnv(), notFound)).to.equal(127);
      expect(notFound.stderr.text()).to.contain('failcmd: cannot run "errinject-no-such-program"');
      expect(await main([fixture('exit')[1] as string], cleanEnv(), notExecutable)).to.equal(126);
      expect(await main(['--sweep', 'errinject-no-such-program'], cleanEnv(), captureIo())).to.equal(127);
    });
  });

  describe('when sweeping', () => {
    it('should print the table and exit 1 when a run crashed', async () => {
      // Arrange
      const io = captureIo();

      // Act
      const exit = await main(['--sweep', '-j', '2', '--', ...fixture('points', 'crash')], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(1);
      expect(io.stdout.text()).to.contain('armed: open, alloc');
      expect(io.stdout.text()).to.contain('3 fault points in 4 runs, 1 crashed');
      expect(io.stderr.text()).to.equal('');
    });

    it('should exit 1 when a run timed out, and say so', async () => {
      // Arrange
      const io = captureIo();
      const pidFile = path.join(os.tmpdir(), `failcmd-main-hang-${process.pid}.pid`);

      // Act
      const exit = await main(['--sweep', '--timeout', '1.5', '--', ...fixture('points', 'hang'), pidFile], cleanEnv(), io);
      rmSync(pidFile, { force: true });

      // Assert
      expect(exit).to.equal(1);
      expect(io.stdout.text()).to.match(/timed out: killed after \d+\.\d s/);
      expect(io.stdout.text()).to.contain('3 fault points in 4 runs, 0 crashed, 1 timed out');
    });

    for (const signal of ['SIGTERM', 'SIGQUIT'] as const) {
      it(`should stop on ${signal}, print no report and end with the signal`, async () => {
        // Arrange
        const io = captureIo();
        const before = process.listenerCount(signal);

        // Act
        const exit = main(['--sweep', '--', process.execPath, '-e', 'setTimeout(() => {}, 5000)'], cleanEnv(), io);
        await new Promise((resolve) => setTimeout(resolve, 300));
        process.emit(signal, signal);

        // Assert
        expect(await exit).to.equal(signal);
        expect(io.stdout.text()).to.equal('');
        expect(process.listenerCount(signal)).to.equal(before);
      });
    }

    describe('with a check', () => {
      let dir: string;
      beforeEach(() => {
        dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-main-state-'));
      });
      afterEach(() => rmSync(dir, { recursive: true, force: true }));

      it('should mark the runs that left a bad state, count them, and exit 1', async () => {
        // Arrange
        const { command, check } = stateCommand('inplace', dir);
        const io = captureIo();

        // Act
        const exit = await main(['--sweep', '--check', check, '--', ...command], cleanEnv(), io);

        // Assert
        expect(exit).to.equal(1);
        const lines = io.stdout.text().split('\n');
        expect(lines[1]).to.equal(`check: ${check}`);
        expect(lines.filter((line) => / bad: exit 1: SyntaxError: /.test(line)).map((line) => line.trim().split(/ +/).slice(0, 2))).to.deep.equal([
          ['2', 'Y'],
          ['3', 'Y'],
        ]);
        expect(io.stdout.text()).to.contain('3 fault points in 4 runs, 0 crashed, 2 left a bad state\n');
      });

      it('should give each run\'s check and the count in the JSON report', async () => {
        // Arrange
        const { command, check } = stateCommand('inplace', dir);
        const io = captureIo();

        // Act
        const exit = await main(['--sweep', '--json', '--check', check, '--', ...command], cleanEnv(), io);

        // Assert
        expect(exit).to.equal(1);
        const report = JSON.parse(io.stdout.text()) as { check: string; badState: number; runs: Array<{ n: number; badState: boolean; check: { exitCode: number; ok: boolean } }> };
        expect(report).to.include({ check, badState: 2 });
        expect(report.runs.map((run) => [run.n, run.badState, run.check.exitCode, run.check.ok])).to.deep.equal([
          [1, false, 0, true],
          [2, true, 1, false],
          [3, true, 1, false],
          [4, false, 0, true],
        ]);
      });

      it('should exit 0 when every run left a good state', async () => {
        // Arrange
        const { command, check } = stateCommand('atomic', dir);
        const io = captureIo();

        // Act
        const exit = await main(['--sweep', '--check', check, '--', ...command], cleanEnv(), io);

        // Assert
        expect(exit).to.equal(0);
        expect(io.stdout.text()).to.contain('3 fault points in 4 runs, 0 crashed, 0 left a bad state\n');
      });
    });

    it('should name every capability --type lists, and arm the functions when fail_function is among them', async () => {
      // Arrange
      const io = captureIo();

      // Act
      const exit = await main(['--sweep', '--json', '--type', 'fail_cli_e2e_other', '--type', 'fail_function', ...fixture('points', 'handled')], cleanEnv({ FAILCMD_TYPE: 'fail_ignored' }), io);
      const table = captureIo();
      await main(['--sweep', '--type', 'fail_cli_e2e_other', '--type', 'fail_function', ...fixture('points', 'handled')], cleanEnv(), table);

      // Assert
      expect(exit).to.equal(0);
      const report = JSON.parse(io.stdout.text()) as { capabilities: string[]; functions: string[]; runs: Array<{ function: string | null }> };
      expect(report.capabilities).to.deep.equal(['fail_cli_e2e_other', 'fail_function']);
      expect(report.runs.map((run) => run.function)).to.deep.equal(['open', 'alloc', 'open', null]);
      expect(table.stdout.text().split('\n')[0]).to.equal('armed: open, alloc; every call of every capability (fail_cli_e2e_other, fail_function)');
    });

    it('should print the report as JSON with --json, and exit 0 when nothing crashed', async () => {
      // Arrange
      const io = captureIo();

      // Act
      const exit = await main(['--sweep', '--json', '--max', '2', ...fixture('points', 'handled')], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(0);
      const report = JSON.parse(io.stdout.text()) as { runs: Array<{ n: number; function: string }>; complete: boolean };
      expect(report.runs.map((run) => [run.n, run.function])).to.deep.equal([
        [1, 'open'],
        [2, 'alloc'],
      ]);
      expect(report.complete).to.equal(false);
    });

    it('should draw its progress on a terminal\'s stderr, and colour a terminal\'s table', async () => {
      // Arrange
      const io = captureIo({ stdoutTTY: true, stderrTTY: true });

      // Act
      await main(['--sweep', ...fixture('points', 'handled')], cleanEnv({ NODE_DISABLE_COLORS: '' }), io);

      // Assert
      expect(io.stderr.text()).to.contain('runs |');
      expect(io.stdout.text()).to.contain('\u001b[');
    });

    it('should colour no table when NO_COLOR is set, even on a terminal, and any when FORCE_COLOR is', async () => {
      // Arrange
      const plain = captureIo({ stdoutTTY: true });
      const forced = captureIo();

      // Act
      await main(['--sweep', '--max', '1', ...fixture('points', 'handled')], cleanEnv({ NO_COLOR: '1', NODE_DISABLE_COLORS: '' }), plain);
      await main(['--sweep', '--max', '1', ...fixture('points', 'handled')], cleanEnv({ FORCE_COLOR: '1' }), forced);

      // Assert
      expect(plain.stdout.text()).to.not.contain('\u001b[');
      expect(forced.stdout.text()).to.contain('\u001b[');
    });

    it('should colour no terminal\'s table with FORCE_COLOR=0 (regression: it did), and let --color and --no-color beat the environment', async () => {
      // Arrange
      const zero = captureIo({ stdoutTTY: true });
      const flagOff = captureIo({ stdoutTTY: true });
      const flagOn = captureIo();
      const sweep = ['--sweep', '--max', '1', ...fixture('points', 'handled')];

      // Act
      await main(sweep, cleanEnv({ FORCE_COLOR: '0', NODE_DISABLE_COLORS: '' }), zero);
      await main(['--no-color', ...sweep], cleanEnv({ FORCE_COLOR: '1' }), flagOff);
      await main(['--color', ...sweep], cleanEnv({ NO_COLOR: '1' }), flagOn);

      // Assert
      expect(zero.stdout.text()).to.not.contain('\u001b[');
      expect(flagOff.stdout.text()).to.not.contain('\u001b[');
      expect(flagOn.stdout.text()).to.contain('\u001b[');
    });
  });
  describe('when a sweep is sharded and merged', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-main-shard-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    /** Sweeps `points crash` as shard i/3 with --json, into a file. */
    async function shardFile(index: number, extra: string[] = []): Promise<string> {
      const io = captureIo();
      const exit = await main(['--sweep', '--json', '--shard', `${index}/3`, ...extra, '--', ...fixture('points', 'crash')], cleanEnv(), io);
      expect(exit, `shard ${index}/3`).to.equal(index === 2 ? 1 : 0);
      const file = path.join(dir, `shard-${index}.json`);
      writeFileSync(file, io.stdout.text());
      return file;
    }

    it('should print the report, the table and the exit status of the unsharded sweep, run for run', async () => {
      // Arrange: points crash has 3 fault points, and crashes at the second
      const wholeJson = captureIo();
      const wholeTable = captureIo();
      const wholeExit = await main(['--sweep', '--json', '--', ...fixture('points', 'crash')], cleanEnv(), wholeJson);
      await main(['--sweep', '--', ...fixture('points', 'crash')], cleanEnv(), wholeTable);
      const files = [await shardFile(2), await shardFile(1, ['-j', '2']), await shardFile(3)];

      // Act
      const mergedJson = captureIo();
      const mergedTable = captureIo();
      const mergedExit = await main(['--merge', '--json', ...files], cleanEnv(), mergedJson);
      await main(['--merge', ...files], cleanEnv(), mergedTable);

      // Assert
      type Report = { runs: Array<Record<string, unknown>> } & Record<string, unknown>;
      const whole = JSON.parse(wholeJson.stdout.text()) as Report;
      const merged = JSON.parse(mergedJson.stdout.text()) as Report;
      const shape = (report: Report): unknown[] => report.runs.map((run) => [run['n'], run['injected'], run['function'], run['site'], run['exitCode'], run['crashed'], run['badState'], (run['faults'] as Array<Record<string, unknown>>).map((fault) => [fault['capability'], fault['function'], fault['site']])]);
      expect(shape(merged)).to.deep.equal(shape(whole));
      expect(shape(merged)).to.have.length(4);
      for (const field of ['command', 'capabilities', 'functions', 'faultPoints', 'crashed', 'timedOut', 'check', 'badState', 'complete', 'noFaultReason', 'settings', 'shard', 'missingShards']) {
        expect(merged[field], field).to.deep.equal(whole[field]);
      }
      expect(mergedTable.stdout.text()).to.equal(wholeTable.stdout.text());
      expect(mergedTable.stdout.text()).to.contain('3 fault points in 4 runs, 1 crashed');
      expect([mergedExit, wholeExit]).to.deep.equal([1, 1]);
      expect(mergedJson.stderr.text()).to.equal('');
    });

    it('should say which shard a shard\'s table is of', async () => {
      const io = captureIo();
      await main(['--sweep', '--shard', '2/3', '--', ...fixture('points', 'handled')], cleanEnv(), io);
      expect(io.stdout.text()).to.match(/^shard 2\/3: the runs with n = 2, 5, 8\.\.\.\narmed: open, alloc\n/);
      expect(io.stdout.text()).to.contain('1 fault point in 2 runs, 0 crashed');
    });

    it('should name a missing shard, say the sweep is not complete, and exit 1 so that the merge job fails', async () => {
      // Arrange
      const files = [await shardFile(1), await shardFile(3)];

      // Act
      const io = captureIo();
      const status = await main(['--merge', ...files], cleanEnv(), io);

      // Assert
      expect(io.stdout.text()).to.contain('incomplete: no report of shard 2/3, so the runs of that shard are missing');
      expect(status).to.equal(1);
    });

    it('should refuse reports of different sweeps with exit 2, naming what differs and the file', async () => {
      // Arrange
      const files = [await shardFile(1), await shardFile(2, ['--seed', '5'])];

      // Act
      const io = captureIo();
      const exit = await main(['--merge', ...files], cleanEnv(), io);

      // Assert
      expect(exit).to.equal(2);
      expect(io.stdout.text()).to.equal('');
      expect(io.stderr.text()).to.equal(`failcmd: ${files[1]} is not of the same sweep as ${files[0]}: its seed is "5", not null\n`);
    });

    it('should refuse a file that is not a shard\'s report, or none, with exit 2', async () => {
      const notJson = path.join(dir, 'not.json');
      writeFileSync(notJson, 'not json');
      for (const argv of [['--merge', notJson], ['--merge', path.join(dir, 'absent.json')], ['--merge']]) {
        const io = captureIo();
        expect(await main(argv, cleanEnv(), io), argv.join(' ')).to.equal(2);
        expect(io.stderr.text()).to.match(/^failcmd: (cannot read the report|no report given)/);
      }
    });

    it('should refuse a bad --shard with exit 2 before anything runs', async () => {
      const marker = path.join(dir, 'ran');
      for (const value of ['0/2', '3/2', '1/0', 'a/b', '1/']) {
        const io = captureIo();
        expect(await main(['--sweep', '--shard', value, '--', process.execPath, '-e', `require("fs").writeFileSync(${JSON.stringify(marker)}, "")`], cleanEnv(), io), value).to.equal(2);
        expect(io.stderr.text()).to.contain(`--shard ${JSON.stringify(value)} is not accepted: expected i/N`);
      }
      const io = captureIo();
      expect(await main(['--shard', '1/2', 'true'], cleanEnv(), io)).to.equal(2);
      expect(io.stderr.text()).to.contain('option --shard is for sweeps only');
      expect(() => readFileSync(marker)).to.throw();
    });
  });
});
