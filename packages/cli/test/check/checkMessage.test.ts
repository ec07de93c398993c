import { expect } from 'chai';
import { checkMessage } from '../../src/check/checkMessage';
import type { CheckResult } from '../../src/sweep/CommandSweepReport';

function check(fields: Partial<CheckResult>): CheckResult {
  return { exitCode: 1, signal: null, timedOut: false, ok: false, output: '', durationMs: 10, ...fields };
}

describe('checkMessage', () => {
  describe('when a Node.js check threw', () => {
    it('should give the exit and the error\'s line, not a stack frame or the version line', () => {
      // Arrange
      const output = 'undefined:1\n{"items":[1,2\n\nSyntaxError: Unexpected end of JSON input\n    at JSON.parse (<anonymous>)\n    at [eval]:1:6\n\nNode.js v20.19.0\n';

      // Act, Assert
      expect(checkMessage(check({ output }))).to.equal('exit 1: SyntaxError: Unexpected end of JSON input');
    });
  });

  describe('when the check wrote nothing', () => {
    it('should say how it ended', () => {
      expect(checkMessage(check({ exitCode: 2 }))).to.equal('exit 2');
      expect(checkMessage(check({ exitCode: null, signal: 'SIGSEGV' }))).to.equal('killed by SIGSEGV');
      expect(checkMessage(check({ exitCode: null, signal: 'SIGKILL', timedOut: true, durationMs: 5012 }))).to.equal('timed out after 5.0 s');
    });
  });

  describe('when the state is good', () => {
    it('should say ok', () => {
      expect(checkMessage(check({ ok: true, exitCode: 0, output: 'fine\n' }))).to.equal('ok');
    });
  });
});
