import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError } from '../../src/errors/CliError';
import { sweepCommand, type SweepProgress } from '../../src/sweep/sweepCommand';
import { cleanEnv, fixture, stateCommand } from '../support/fixtures';
import { processState } from '../support/processState';

function tempDirs(): string[] {
  return readdirSync(os.tmpdir()).filter((name) => name.startsWith('failcmd-'));
}

describe('sweepCommand', () => {
  describe('when no function is named', () => {
    it('should arm every function as it is marked, and fail each fault point once, in order', async () => {
      // Act
      const report = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), entries: ['fail_function/verbose=0'] });

      // Assert
      expect(report.functions).to.deep.equal(['open', 'alloc']);
      expect(report.runs.map((run) => [run.n, run.injected, run.function])).to.deep.equal([
        [1, true, 'open'],
        [2, true, 'alloc'],
        [3, true, 'open'],
        [4, false, null],
      ]);
      expect(report.runs[1]?.site).to.match(/fixtures\/points\.(js|ts):\d+:\d+$/);
      expect(report.runs[0]?.site).to.not.equal(report.runs[2]?.site);
      expect(report).to.include({ faultPoints: 3, crashed: 0, complete: true, noFaultReason: null });
      expect(report.capabilities).to.deep.equal(['fail_function']);
    });
  });

  describe('when a function is marked only on an error path', () => {
    it('should arm it too, and list it among the functions', async () => {
      // Act
      const report = await sweepCommand({ command: fixture('points', 'late'), env: cleanEnv(), entries: ['fail_function/verbose=0'] });

      // Assert
      expect(report.functions).to.deep.equal(['open', 'alloc', 'release']);
      expect(report.runs.map((run) => [run.n, run.function])).to.deep.equal([
        [1, 'open'],
        [2, 'alloc'],
        [3, 'open'],
        [4, null],
      ]);
      expect(report.runs.map((run) => run.stderr)).to.deep.equal(['', '', '', '']);
    });

    it('should take --inject * as every function, beside a function named with its retval', async () => {
      // Act
      const report = await sweepCommand({ command: fixture('points', 'late'), env: cleanEnv(), entries: ['fail_function/verbose=0'], inject: [{ name: '*', retval: undefined }, { name: 'open', retval: '-5' }] });

      // Assert
      expect(report.functions).to.deep.equal(['open', 'alloc', 'release']);
      expect(report.runs.map((run) => run.function)).to.deep.equal(['open', 'alloc', 'open', null]);
      expect(report.runs.map((run) => run.stderr)).to.deep.equal(['', '', '', '']);
    });

    it('should leave the arming of every function to the user\'s ERRINJECT when it arms them all already', async () => {
      // Act: fail_function/inject=* twice would make the command's core refuse the second with EBUSY
      const report = await sweepCommand({ command: fixture('points', 'late'), env: cleanEnv({ ERRINJECT: 'fail_function/inject=*' }), entries: ['fail_function/verbose=0'] });

      // Assert
      expect(report.runs.map((run) => run.function)).to.deep.equal(['open', 'alloc', 'open', null]);
      expect(report.runs.map((run) => run.stderr)).to.deep.equal(['', '', '', '']);
    });
  });

  describe('when a fault point crashes the command', () => {
    for (const [mode, origin] of [['crash', 'uncaughtException'], ['reject', 'unhandledRejection']] as const) {
      it(`should report the ${origin} at its n, with its message`, async () => {
        // Act
        const report = await sweepCommand({ command: fixture('points', mode), env: cleanEnv() });

        // Assert
        const crashed = report.runs.filter((run) => run.crashed);
        expect(crashed.map((run) => [run.n, run.function, run.exitCode])).to.deep.equal([[2, 'alloc', 1]]);
        expect(crashed[0]?.crashes[0]?.origin).to.equal(origin);
        expect(crashed[0]?.crashes[0]?.message).to.match(/null|nobody caught it/);
        expect(crashed[0]?.stderr).to.not.equal('');
        expect(report.crashed).to.equal(1);
      });
    }

    it('should report a signal as a crash', async () => {
      const report = await sweepCommand({ command: fixture('points', 'kill'), env: cleanEnv(), jobs: 2 });
      expect(report.runs.filter((run) => run.crashed).map((run) => [run.n, run.signal, run.exitCode])).to.deep.equal([[2, 'SIGKILL', null]]);
    });
  });

  describe('when a run outlives --timeout', () => {
    it('should kill its whole process group, report it as timed out, not crashed, and go on', async () => {
      // Arrange
      const pidFile = path.join(os.tmpdir(), `failcmd-hang-${process.pid}.pid`);

      // Act
      const report = await sweepCommand({ command: [...fixture('points', 'hang'), pidFile], env: cleanEnv(), entries: ['fail_function/verbose=0'], timeoutMs: 1500 });

      // Assert
      expect(report.runs.map((run) => [run.n, run.function, run.timedOut, run.crashed, run.signal])).to.deep.equal([
        [1, 'open', false, false, null],
        [2, 'alloc', true, false, 'SIGKILL'],
        [3, 'open', false, false, null],
        [4, null, false, false, null],
      ]);
      expect(report.runs[1]?.durationMs).to.be.within(1500, 10000);
      expect(report).to.include({ timedOut: 1, crashed: 0, complete: true });
      const grandchild = Number(readFileSync(pidFile, 'utf8'));
      rmSync(pidFile);
      expect(processState(grandchild), `pid ${grandchild}`).to.be.oneOf(['gone', 'Z']);
    });

    it('should end the sweep at a run that timed out before any fault, and say the sweep is not complete', async () => {
      // Arrange: the command hangs before its first fault point
      const hang = [process.execPath, '-e', 'setInterval(() => {}, 1000)'];

      // Act
      const report = await sweepCommand({ command: hang, env: cleanEnv(), inject: [{ name: 'f', retval: undefined }], timeoutMs: 300, jobs: 2 });

      // Assert
      expect(report.runs.map((run) => [run.n, run.injected, run.timedOut])).to.deep.equal([[1, false, true]]);
      expect(report).to.include({ timedOut: 1, faultPoints: 0, complete: false });
    });
  });

  describe('when the command is a process tree', () => {
    it('should fail the n-th point of every process, and name each fault', async () => {
      // Act
      const report = await sweepCommand({ command: fixture('points', 'tree'), env: cleanEnv() });

      // Assert
      expect(report.runs).to.have.length(4);
      expect(report.runs[0]?.faults.map((fault) => fault.function)).to.deep.equal(['open', 'open']);
      expect(new Set(report.runs[0]?.faults.map((fault) => fault.pid)).size).to.equal(2);
    });
  });

  describe('when functions are named', () => {
    it('should arm only those, with their retval', async () => {
      // Act
      const report = await sweepCommand({ command: fixture('points', 'late'), env: cleanEnv(), inject: [{ name: 'alloc', retval: '0' }] });

      // Assert
      expect(report.functions).to.deep.equal(['alloc']);
      expect(report.runs.map((run) => [run.n, run.function])).to.deep.equal([
        [1, 'alloc'],
        [2, null],
      ]);
    });

    it('should leave the arming of a function the user\'s ERRINJECT arms to it', async () => {
      // Act: the user arms open; failcmd arming it again would make its core refuse with EBUSY
      const report = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv({ ERRINJECT: 'fail_function/inject=open' }), inject: [{ name: 'open', retval: undefined }, { name: 'alloc', retval: undefined }] });

      // Assert
      expect(report.runs.map((run) => run.function)).to.deep.equal(['open', 'alloc', 'open', null]);
      expect(report.runs.every((run) => !run.stderr.includes('EBUSY'))).to.equal(true);
    });
  });

  describe('when the capability is not fail_function', () => {
    it('should arm no function, and count the calls of every capability', async () => {
      const report = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), capabilities: ['fail_other'] });
      expect(report.functions).to.deep.equal([]);
      expect(report.runs.map((run) => [run.injected, run.loaded])).to.deep.equal([[false, true]]);
      expect(report.noFaultReason).to.equal('nothing in the command called shouldFail (on fail_other, or on any capability)');
    });
  });

  describe('when fail_function and another capability are listed', () => {
    it('should arm the functions, count the calls of every capability, and list both', async () => {
      // Act
      const report = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), capabilities: ['fail_other', 'fail_function'], entries: ['fail_function/verbose=0'] });

      // Assert
      expect(report.capabilities).to.deep.equal(['fail_other', 'fail_function']);
      expect(report.functions).to.deep.equal(['open', 'alloc']);
      expect(report.runs.map((run) => [run.n, run.function])).to.deep.equal([
        [1, 'open'],
        [2, 'alloc'],
        [3, 'open'],
        [4, null],
      ]);
    });
  });

  describe('when the command loads no errinject', () => {
    it('should find no function, end at n = 1, and say that the command never loaded the core', async () => {
      const report = await sweepCommand({ command: fixture('plain'), env: cleanEnv() });
      expect(report.functions).to.deep.equal([]);
      expect(report.runs.map((run) => [run.n, run.injected, run.loaded])).to.deep.equal([[1, false, false]]);
      expect(report.faultPoints).to.equal(0);
      expect(report.noFaultReason).to.equal('the command never loaded @errinject/core (is it a Node.js program that imports it?)');
    });
  });

  describe('when the functions named are never marked', () => {
    it('should say so, naming those the command marked', async () => {
      const report = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), inject: [{ name: 'Store.opn', retval: undefined }] });
      expect(report.runs.map((run) => [run.injected, run.loaded])).to.deep.equal([[false, true]]);
      expect(report.noFaultReason).to.equal('the command marked none of the functions named with --inject (it marked open, alloc)');
    });
  });

  describe('when runs go in parallel', () => {
    it('should give the same report as one at a time, in the order of n', async () => {
      // Act
      const one = await sweepCommand({ command: fixture('points', 'crash'), env: cleanEnv() });
      const three = await sweepCommand({ command: fixture('points', 'crash'), env: cleanEnv(), jobs: 3 });

      // Assert
      const shape = (runs: typeof one.runs): unknown[] => runs.map((run) => [run.n, run.injected, run.function, run.site, run.exitCode, run.crashed]);
      expect(shape(three.runs)).to.deep.equal(shape(one.runs));
    });
  });

  describe('when --max bounds the sweep', () => {
    it('should stop after max runs, and say the sweep is not complete', async () => {
      // Act
      const report = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), max: 2, jobs: 4 });

      // Assert
      expect(report.runs.map((run) => run.n)).to.deep.equal([1, 2]);
      expect(report.complete).to.equal(false);
    });
  });

  describe('when it is a shard', () => {
    it('should make only the runs whose n ≡ index (mod count), and stop at the first of them that injects nothing', async () => {
      // Act: points handled has 3 fault points, and run 4 injects nothing
      const first = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), shard: { index: 1, count: 2 }, jobs: 3 });
      const second = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), shard: { index: 2, count: 3 } });
      const whole = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), shard: { index: 1, count: 1 } });

      // Assert: runs 7, 9 of shard 1/2, started beside run 5, were cancelled
      expect(first.runs.map((run) => [run.n, run.injected, run.function])).to.deep.equal([
        [1, true, 'open'],
        [3, true, 'open'],
        [5, false, null],
      ]);
      expect(first).to.deep.include({ shard: { index: 1, count: 2 }, faultPoints: 2, complete: true, missingShards: [] });
      expect(second.runs.map((run) => [run.n, run.injected, run.function])).to.deep.equal([
        [2, true, 'alloc'],
        [5, false, null],
      ]);
      expect(second).to.deep.include({ shard: { index: 2, count: 3 }, faultPoints: 1, complete: true });
      expect(whole.runs.map((run) => run.n)).to.deep.equal([1, 2, 3, 4]);
    });

    it('should take --max as the highest n, not as the shard\'s count of runs', async () => {
      // Act
      const first = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), shard: { index: 1, count: 2 }, max: 3 });
      const second = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), shard: { index: 2, count: 2 }, max: 3 });
      const none = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), shard: { index: 3, count: 3 }, max: 2 });

      // Assert
      expect(first.runs.map((run) => run.n)).to.deep.equal([1, 3]);
      expect(second.runs.map((run) => run.n)).to.deep.equal([2]);
      expect([first.complete, second.complete]).to.deep.equal([false, false]);
      expect(none.runs).to.deep.equal([]);
      expect(none.complete).to.equal(false);
    });

    it('should record the shard and the settings that shaped its runs', async () => {
      // Act
      const report = await sweepCommand({
        command: fixture('points', 'handled'), env: cleanEnv({ ERRINJECT: 'fail_function/verbose=0' }), entries: ['fail_function/probability=100'],
        inject: [{ name: 'open', retval: '-12' }], seed: '7', max: 1, timeoutMs: 30000, shard: { index: 1, count: 4 },
      });

      // Assert
      expect(report.shard).to.deep.equal({ index: 1, count: 4 });
      expect(report.settings).to.deep.equal({
        entries: ['fail_function/probability=100'], inject: [{ name: 'open', retval: '-12' }], userEntries: 'fail_function/verbose=0', seed: '7', control: false, max: 1, timeoutMs: 30000,
      });
    });

    it('should refuse an index out of 1 to count', async () => {
      for (const shard of [{ index: 0, count: 2 }, { index: 3, count: 2 }, { index: 1, count: 0 }, { index: 1.5, count: 2 }]) {
        const error = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), shard }).then(() => undefined, (e: unknown) => e);
        expect(error, JSON.stringify(shard)).to.be.instanceOf(CliError);
        expect((error as CliError).code).to.equal('ERR_INVALID_ARG_VALUE');
      }
    });
  });

  describe('when it reports progress', () => {
    it("should tell the start, every run's start and every run's end", async () => {
      // Arrange
      const seen: SweepProgress[] = [];

      // Act
      await sweepCommand({ command: fixture('points', 'crash'), env: cleanEnv(), onProgress: (progress) => seen.push(progress) });

      // Assert
      expect(seen[0]).to.deep.equal({ started: 0, finished: 0, faults: 0, crashes: 0, badStates: 0, max: undefined });
      expect(seen[1]).to.deep.equal({ started: 1, finished: 0, faults: 0, crashes: 0, badStates: 0, max: undefined });
      expect(seen[seen.length - 1]).to.deep.equal({ started: 4, finished: 4, faults: 3, crashes: 1, badStates: 0, max: undefined });
    });
  });

  describe('when the sweep is stopped', () => {
    it('should kill its runs, remove its files and reject with an AbortError, one run or two at a time, or before any', async () => {
      // Arrange
      const before = tempDirs();
      const inOne = new AbortController();
      const inRuns = new AbortController();
      const already = new AbortController();
      already.abort();
      const slow = [process.execPath, '-e', 'setTimeout(() => {}, 5000)'];

      // Act
      const pending = [
        sweepCommand({ command: slow, env: cleanEnv(), signal: inOne.signal }),
        sweepCommand({ command: slow, env: cleanEnv(), inject: [{ name: 'f', retval: undefined }], jobs: 2, signal: inRuns.signal }),
        sweepCommand({ command: slow, env: cleanEnv(), inject: [{ name: 'f', retval: undefined }], signal: already.signal }),
      ].map((sweep) => sweep.then(() => undefined, (e: unknown) => e));
      await new Promise((resolve) => setTimeout(resolve, 300));
      inOne.abort();
      inRuns.abort();
      const errors = await Promise.all(pending);

      // Assert
      expect(errors.map((error) => (error as Error).name)).to.deep.equal(['AbortError', 'AbortError', 'AbortError']);
      expect(tempDirs().filter((d) => !before.includes(d))).to.deep.equal([]);
    });
  });

  describe('when a check judges the state each run left', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-state-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should report exactly the runs that leave a state written in place cut short', async () => {
      // Arrange
      const { command, check } = stateCommand('inplace', dir);
      const seen: SweepProgress[] = [];

      // Act
      const report = await sweepCommand({ command, env: cleanEnv(), entries: ['fail_function/verbose=0'], check, onProgress: (progress) => seen.push(progress) });

      // Assert: compute fails before the file is touched (n = 1); a failed first write leaves it
      // empty (n = 2), a failed second write leaves half of it (n = 3)
      expect(report.runs.map((run) => [run.n, run.function, run.exitCode, run.badState, run.check?.exitCode])).to.deep.equal([
        [1, 'compute', 1, false, 0],
        [2, 'writeChunk', 1, true, 1],
        [3, 'writeChunk', 1, true, 1],
        [4, null, 0, false, 0],
      ]);
      expect(report.runs[1]?.check?.output).to.contain('SyntaxError');
      expect(report).to.include({ faultPoints: 3, crashed: 0, timedOut: 0, badState: 2, check, complete: true });
      expect(seen.at(-1)).to.deep.equal({ started: 4, finished: 4, faults: 3, crashes: 0, badStates: 2, max: undefined });
    });

    it('should report no bad state for a state written atomically (a temporary file renamed over it)', async () => {
      // Arrange
      const { command, check, state } = stateCommand('atomic', dir);

      // Act
      const report = await sweepCommand({ command, env: cleanEnv(), entries: ['fail_function/verbose=0'], check });

      // Assert
      expect(report.runs.map((run) => [run.n, run.function, run.exitCode, run.badState])).to.deep.equal([
        [1, 'compute', 1, false],
        [2, 'writeChunk', 1, false],
        [3, 'writeChunk', 1, false],
        [4, null, 0, false],
      ]);
      expect(report.runs.every((run) => run.check?.ok === true)).to.equal(true);
      expect(report).to.include({ faultPoints: 3, badState: 0 });
      expect(JSON.parse(readFileSync(state, 'utf8'))).to.deep.equal({ items: [1, 2, 3, 4, 5, 6, 7, 8] });
    });

    it('should find, with fail_fs, the file system call that leaves a state written in place cut short, in a program that knows nothing of errinject', async () => {
      // Arrange
      const { command, check } = stateCommand('inplace', dir, 'saveFile');

      // Act
      const report = await sweepCommand({ command, env: cleanEnv(), capabilities: ['fail_fs'], entries: ['fail_fs/verbose=0'], check });

      // Assert: a failed read leaves the state alone (n = 1); writeFileSync truncates the file and
      // then fails to write it, as on a full disk (n = 2)
      expect(report.runs.map((run) => [run.n, run.function, run.exitCode, run.badState])).to.deep.equal([
        [1, 'fs.readFileSync', 1, false],
        [2, 'fs.writeFileSync', 1, true],
        [3, null, 0, false],
      ]);
      expect(report.runs[1]?.crashes.map((crash) => crash.message)).to.deep.equal(['ENOSPC: no space left on device, write']);
      expect(report).to.include({ faultPoints: 2, badState: 1, complete: true });
    });

    it('should find no bad state, with fail_fs, in a program that saves atomically', async () => {
      // Arrange
      const { command, check, state } = stateCommand('atomic', dir, 'saveFile');

      // Act
      const report = await sweepCommand({ command, env: cleanEnv(), capabilities: ['fail_fs'], entries: ['fail_fs/verbose=0'], check });

      // Assert: read, open, write, fsync, close, rename, each once; the sh and cp of the command are not Node
      expect(report.runs.map((run) => [run.n, run.function, run.badState])).to.deep.equal([
        [1, 'fs.readFileSync', false],
        [2, 'fs.openSync', false],
        [3, 'fs.writeSync', false],
        [4, 'fs.fsyncSync', false],
        [5, 'fs.closeSync', false],
        [6, 'fs.renameSync', false],
        [7, null, false],
      ]);
      expect(report).to.include({ faultPoints: 6, badState: 0 });
      expect(JSON.parse(readFileSync(state, 'utf8'))).to.deep.equal({ count: 2 });
    });

    it('should run the check without errinject\'s variables, the user\'s ERRINJECT included', async () => {
      // Act
      const report = await sweepCommand({
        command: fixture('points', 'handled'),
        env: cleanEnv({ ERRINJECT: 'fail_function/verbose=0' }),
        check: 'env | grep ^ERRINJECT; test $? = 1',
        max: 2,
      });

      // Assert
      expect(report.runs.map((run) => [run.badState, run.check?.output])).to.deep.equal([
        [false, ''],
        [false, ''],
      ]);
    });

    it('should give no check and no bad state without one', async () => {
      const report = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), max: 1 });
      expect(report).to.include({ check: null, badState: 0 });
      expect(report.runs.map((run) => [run.check, run.badState])).to.deep.equal([[null, false]]);
    });

    it('should refuse runs at once with ERR_USAGE, since they would share the state', async () => {
      // Act
      const error = await sweepCommand({ command: fixture('points', 'handled'), env: cleanEnv(), check: 'true', jobs: 2 }).then(
        () => undefined,
        (e: unknown) => e,
      );

      // Assert
      expect((error as CliError).code).to.equal('ERR_USAGE');
    });
  });

  describe('when the command cannot be started', () => {
    it('should throw its errno, and leave no directory behind', async () => {
      // Arrange
      const before = tempDirs();

      // Act
      const error = await sweepCommand({ command: ['errinject-no-such-program'], env: cleanEnv() }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const named = await sweepCommand({ command: ['errinject-no-such-program'], env: cleanEnv(), inject: [{ name: 'f', retval: undefined }], jobs: 3 }).then(
        () => undefined,
        (e: unknown) => e,
      );

      // Assert
      expect((error as CliError).code).to.equal('ENOENT');
      expect((named as CliError).code).to.equal('ENOENT');
      expect(tempDirs().filter((d) => !before.includes(d))).to.deep.equal([]);
    });
  });
});
