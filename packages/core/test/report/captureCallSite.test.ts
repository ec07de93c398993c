import { expect } from 'chai';
import { captureCallSite } from '../../src/report/captureCallSite';
import { formatCallSite } from '../../src/report/formatCallSite';
import { here } from './here';

/** An entry point, as an injectable's wrapper is: its caller's frame is the site. */
function entry(): NodeJS.CallSite | undefined {
  return captureCallSite(entry);
}

function notOnTheStack(): void {}

describe('captureCallSite', () => {
  describe('when the entry point is on the stack', () => {
    it("should give its caller's frame", () => {
      // Arrange
      const at = here();

      // Act
      const site = entry();

      // Assert
      expect(site?.getFunctionName()).to.equal(null);
      expect(site === undefined ? undefined : formatCallSite(site)).to.equal(`${at.file}:${at.line + 3}:20`);
    });

    it('should keep Error.prepareStackTrace and Error.stackTraceLimit as they were', () => {
      // Arrange
      const prepare = Error.prepareStackTrace;
      const limit = Error.stackTraceLimit;

      // Act
      entry();

      // Assert
      expect(Error.prepareStackTrace).to.equal(prepare);
      expect(Error.stackTraceLimit).to.equal(limit);
    });
  });

  describe('when the entry point is not on the stack', () => {
    it('should give undefined', () => {
      // Act
      const site = captureCallSite(notOnTheStack);

      // Assert
      expect(site).to.equal(undefined);
    });
  });
});
