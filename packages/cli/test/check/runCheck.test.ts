import { expect } from 'chai';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from '../../src/check/runCheck';
import { CliError } from '../../src/errors/CliError';
import { STDERR_TAIL } from '../../src/sweep/runOnce';
import { cleanEnv } from '../support/fixtures';

describe('runCheck', () => {
  describe('when the check exits 0', () => {
    it('should say the state is good, and keep what it wrote on stdout and stderr', async () => {
      // Act
      const result = await runCheck({ command: 'echo out; echo err >&2', env: cleanEnv() });

      // Assert
      expect(result).to.include({ ok: true, exitCode: 0, signal: null, timedOut: false });
      expect(result.output.split('\n').sort()).to.deep.equal(['', 'err', 'out']);
    });
  });

  describe('when the check does not exit 0', () => {
    it('should say the state is bad, with its exit code or its signal', async () => {
      // Act
      const failed = await runCheck({ command: 'exit 3', env: cleanEnv() });
      const killed = await runCheck({ command: 'kill -SEGV $$', env: cleanEnv() });

      // Assert
      expect(failed).to.include({ ok: false, exitCode: 3, signal: null });
      expect(killed).to.include({ ok: false, exitCode: null, signal: 'SIGSEGV', timedOut: false });
    });
  });

  describe('when the check writes much', () => {
    it('should keep only the end of its output', async () => {
      const result = await runCheck({ command: `${JSON.stringify(process.execPath)} -e "process.stdout.write('a'.repeat(10000) + 'END')"`, env: cleanEnv() });
      expect(result.output).to.have.length(STDERR_TAIL);
      expect(result.output.endsWith('aEND')).to.equal(true);
    });
  });

  describe('when it runs', () => {
    it('should run in the working directory, with the environment given', async () => {
      // Act
      const result = await runCheck({ command: 'pwd; echo "[$FAILCMD_CHECK_TEST]"', env: cleanEnv({ FAILCMD_CHECK_TEST: 'here' }) });

      // Assert
      expect(result.output).to.equal(`${realpathSync(process.cwd())}\n[here]\n`);
    });
  });

  describe('when the check outlives its timeout', () => {
    it('should kill it and call the state bad, timed out', async () => {
      // Act
      const result = await runCheck({ command: 'sleep 30', env: cleanEnv(), timeoutMs: 200 });

      // Assert
      expect(result).to.include({ ok: false, exitCode: null, signal: 'SIGKILL', timedOut: true });
      expect(result.durationMs).to.be.within(200, 5000);
    });
  });

  describe('when the shell cannot be started', () => {
    it('should throw a CliError with the errno, not call the state bad', async () => {
      // Arrange
      const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-check-'));

      // Act
      const error = await runCheck({ command: 'true', env: cleanEnv(), shell: path.join(dir, 'no-such-shell') }).then(
        () => undefined,
        (e: unknown) => e,
      );
      rmSync(dir, { recursive: true, force: true });

      // Assert
      expect(error).to.be.instanceOf(CliError);
      expect((error as CliError).code).to.equal('ENOENT');
      expect((error as CliError).message).to.contain('cannot run the check "true"');
    });
  });

  describe('when it is cancelled', () => {
    it('should kill the check and reject with an AbortError, whether it runs or was never started', async () => {
      // Arrange
      const running = new AbortController();
      const before = new AbortController();
      before.abort();

      // Act
      const pending = runCheck({ command: 'sleep 30', env: cleanEnv(), signal: running.signal }).then(() => undefined, (e: unknown) => e);
      setTimeout(() => running.abort(), 100);
      const errors = [await pending, await runCheck({ command: 'true', env: cleanEnv(), signal: before.signal }).then(() => undefined, (e: unknown) => e)];

      // Assert
      expect(errors.map((error) => (error as Error).name)).to.deep.equal(['AbortError', 'AbortError']);
    });
  });
});
