import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RUN_CLOSE_GRACE_MS, runOnce, STDERR_TAIL } from '../../src/sweep/runOnce';
import { cleanEnv, fixture } from '../support/fixtures';
import { deadState, killLeftover, processState } from '../support/processState';

describe('runOnce', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('when the run writes a report', () => {
    it('should read the records, then remove the file', async () => {
      // Arrange
      const reportFile = path.join(dir, 'r.jsonl');
      const env = cleanEnv({ ERRINJECT: 'fail_function/verbose=0 fail_function/inject=alloc self/fail-nth=1', ERRINJECT_REPORT: reportFile });

      // Act
      const { run, marked } = await runOnce({ n: 2, command: fixture('points', 'crash'), env, reportFile });

      // Assert
      expect(marked).to.deep.equal(['open', 'alloc']);
      expect(run).to.include({ n: 2, injected: true, function: 'alloc', capability: 'fail_function', exitCode: 1, signal: null, crashed: true });
      expect(run.crashes).to.have.length(1);
      expect(existsSync(reportFile)).to.equal(false);
    });
  });

  describe('when the command writes much to stderr', () => {
    it('should keep only its end', async () => {
      // Arrange
      const script = path.join(dir, 'loud.js');
      writeFileSync(script, "process.stderr.write('a'.repeat(10000) + 'END');");

      // Act
      const { run, marked } = await runOnce({ n: 1, command: [process.execPath, script], env: cleanEnv(), reportFile: path.join(dir, 'none.jsonl') });

      // Assert
      expect(run.stderr).to.have.length(STDERR_TAIL);
      expect(run.stderr.endsWith('aEND')).to.equal(true);
      expect(run).to.include({ injected: false, crashed: false, exitCode: 0 });
      expect(marked).to.deep.equal([]);
    });
  });

  describe('when the command exits and leaves a child that holds its stderr', () => {
    it('should end the run as the command exits, kill the child, and not call it timed out', async () => {
      // Arrange
      const pidFile = path.join(dir, 'child.pid');
      const started = performance.now();

      // Act
      const { run } = await runOnce({ n: 1, command: fixture('exit', 'background', pidFile), env: cleanEnv(), reportFile: path.join(dir, 'r.jsonl'), timeoutMs: 3000 });
      const took = performance.now() - started;
      const child = Number(readFileSync(pidFile, 'utf8'));
      const state = await deadState(child);
      killLeftover(child);

      // Assert
      expect(run).to.include({ exitCode: 0, signal: null, timedOut: false, crashed: false });
      expect(took).to.be.below(5000);
      expect(state, `pid ${child}`).to.be.oneOf(['gone', 'Z']);
    });

    it('should not wait for the child without a timeout either', async () => {
      // Arrange
      const pidFile = path.join(dir, 'child.pid');
      const started = performance.now();

      // Act
      const { run } = await runOnce({ n: 1, command: fixture('exit', 'background', pidFile), env: cleanEnv(), reportFile: path.join(dir, 'r.jsonl') });
      const took = performance.now() - started;
      killLeftover(Number(readFileSync(pidFile, 'utf8')));

      // Assert
      expect(run).to.include({ exitCode: 0, signal: null, timedOut: false });
      expect(took).to.be.below(5000);
    });
  });

  describe('when a process of the run leaves its process group and holds its stderr', () => {
    it('should stop reading the stderr shortly after the command exits, and end the run', async () => {
      // Arrange
      const pidFile = path.join(dir, 'escaped.pid');
      const started = performance.now();

      // Act
      const { run } = await runOnce({ n: 1, command: fixture('exit', 'escape', pidFile), env: cleanEnv(), reportFile: path.join(dir, 'r.jsonl') });
      const took = performance.now() - started;
      const escaped = Number(readFileSync(pidFile, 'utf8'));
      const state = processState(escaped);
      killLeftover(escaped);

      // Assert: a process with a session of its own escapes the group's SIGKILL
      expect(run).to.include({ exitCode: 0, signal: null, timedOut: false });
      expect(took).to.be.within(RUN_CLOSE_GRACE_MS, RUN_CLOSE_GRACE_MS + 4500);
      expect(state, `pid ${escaped}`).to.not.be.oneOf(['gone', 'Z']);
    });
  });

  describe('when the process that makes the run ends while the run goes on', () => {
    for (const how of ['exit', 'throw']) {
      it(`should kill the run's process group as it ends (${how})`, async () => {
        // Arrange
        const pidFile = path.join(dir, 'run.pid');

        // Act
        const ended = spawnSync(process.execPath, [path.join(__dirname, '..', 'fixtures', 'runThenEnd.js'), how, pidFile], { env: cleanEnv(), encoding: 'utf8', timeout: 20000 });
        const run = Number(readFileSync(pidFile, 'utf8'));
        const state = await deadState(run);
        killLeftover(run);

        // Assert
        expect(ended.status, ended.stderr).to.equal(how === 'exit' ? 0 : 1);
        expect(state, `pid ${run}`).to.be.oneOf(['gone', 'Z']);
      });
    }
  });

  describe('when the run is cancelled', () => {
    it('should reject with an AbortError, whether the command still runs or was never started', async () => {
      // Arrange
      const ready = path.join(dir, 'ready');
      const running = new AbortController();
      const before = new AbortController();
      before.abort();

      // Act
      const pending = runOnce({ n: 1, command: fixture('exit', 'ready', ready), env: cleanEnv(), reportFile: path.join(dir, 'r.jsonl'), signal: running.signal });
      for (let i = 0; i < 500 && !existsSync(ready); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      running.abort();
      const errors = await Promise.all([
        pending.then(() => undefined, (e: unknown) => e),
        runOnce({ n: 1, command: fixture('exit', 'code', '0'), env: cleanEnv(), reportFile: path.join(dir, 'r.jsonl'), signal: before.signal }).then(() => undefined, (e: unknown) => e),
      ]);

      // Assert
      expect(errors.map((error) => (error as Error).name)).to.deep.equal(['AbortError', 'AbortError']);
    });
  });
});
