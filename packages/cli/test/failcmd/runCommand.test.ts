import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError } from '../../src/errors/CliError';
import { runCommand } from '../../src/failcmd/runCommand';
import { cleanEnv, fixture } from '../support/fixtures';

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('runCommand', () => {
  describe('when the command exits', () => {
    it('should give its exit code', async () => {
      expect(await runCommand(fixture('exit', 'code', '0'), cleanEnv())).to.deep.equal({ code: 0, signal: null });
      expect(await runCommand(fixture('exit', 'code', '42'), cleanEnv())).to.deep.equal({ code: 42, signal: null });
    });
  });

  describe('when a signal ends the command', () => {
    it('should give the signal', async () => {
      expect(await runCommand(fixture('exit', 'signal', 'SIGTERM'), cleanEnv())).to.deep.equal({ code: null, signal: 'SIGTERM' });
      expect(await runCommand(fixture('exit', 'signal', 'SIGKILL'), cleanEnv())).to.deep.equal({ code: null, signal: 'SIGKILL' });
    });
  });

  describe('when failcmd receives a signal while the command runs', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-test-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('should pass SIGTERM on to the command, and stop listening once it ended', async () => {
      // Arrange
      const ready = path.join(dir, 'ready');
      const before = process.listenerCount('SIGTERM');
      const running = runCommand(fixture('exit', 'ready', ready), cleanEnv());
      await until(() => existsSync(ready));

      // Act
      process.emit('SIGTERM', 'SIGTERM');
      const status = await running;

      // Assert
      expect(status).to.deep.equal({ code: null, signal: 'SIGTERM' });
      expect(process.listenerCount('SIGTERM')).to.equal(before);
    });

    it('should not pass SIGINT on, which the terminal sends the command itself', async () => {
      // Arrange
      const ready = path.join(dir, 'ready');
      const running = runCommand(fixture('exit', 'ready', ready), cleanEnv());
      await until(() => existsSync(ready));

      // Act
      process.emit('SIGINT', 'SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 100));
      process.emit('SIGHUP', 'SIGHUP');

      // Assert: SIGINT left it running; SIGHUP ended it
      expect(await running).to.deep.equal({ code: null, signal: 'SIGHUP' });
    });
  });

  describe('when the command cannot be started', () => {
    it('should refuse a program that is not found with ENOENT, naming it', async () => {
      // Act
      const error = await runCommand(['errinject-no-such-program'], cleanEnv()).then(
        () => undefined,
        (e: unknown) => e,
      );

      // Assert
      expect(error).to.be.instanceOf(CliError);
      expect((error as CliError).code).to.equal('ENOENT');
      expect((error as CliError).message).to.contain('"errinject-no-such-program"');
    });

    it('should refuse a file that cannot be executed with EACCES', async () => {
      const error = await runCommand([path.join(__dirname, '..', 'fixtures', 'exit.js')], cleanEnv()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as CliError).code).to.equal('EACCES');
    });
  });
});
