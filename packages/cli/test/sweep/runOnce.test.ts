import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runOnce, STDERR_TAIL } from '../../src/sweep/runOnce';
import { cleanEnv, fixture } from '../support/fixtures';

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
