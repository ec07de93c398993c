import { expect } from 'chai';
import { endFailcmd, type EndableProcess } from '../../src/cli/endFailcmd';

/** A stand-in for `process` that records what endFailcmd does to it. */
function fakeProcess(): EndableProcess & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    pid: 4242,
    exitCode: undefined,
    calls,
    removeAllListeners(event: NodeJS.Signals) {
      calls.push(`removeAllListeners ${event}`);
      return this;
    },
    kill(pid: number, signal: NodeJS.Signals) {
      calls.push(`kill ${pid} ${signal}`);
      return true;
    },
  };
}

describe('endFailcmd', () => {
  describe('when the command exited with a code', () => {
    it('should set that exit code and raise nothing', () => {
      // Arrange
      const proc = fakeProcess();

      // Act
      endFailcmd(3, proc);

      // Assert
      expect(proc.exitCode).to.equal(3);
      expect(proc.calls).to.deep.equal([]);
    });
  });

  describe('when a signal ended the command', () => {
    it('should drop the handlers of the signals failcmd passes on, set 128 + n, and raise the signal on itself', () => {
      // Arrange
      const proc = fakeProcess();

      // Act
      endFailcmd('SIGTERM', proc);

      // Assert
      expect(proc.exitCode).to.equal(128 + 15);
      expect(proc.calls).to.deep.equal([
        'removeAllListeners SIGINT',
        'removeAllListeners SIGQUIT',
        'removeAllListeners SIGTERM',
        'removeAllListeners SIGHUP',
        'removeAllListeners SIGUSR1',
        'removeAllListeners SIGUSR2',
        'kill 4242 SIGTERM',
      ]);
    });
  });
});
