import { expect } from 'chai';
import { callSiteOf } from '../../src/report/callSiteOf';
import { here } from './here';

/** An entry point, as an injectable's wrapper is: its caller's frame is the site. */
function entry(): string | undefined {
  return callSiteOf(entry);
}

function notOnTheStack(): void {}

describe('callSiteOf', () => {
  describe('when the entry point is on the stack', () => {
    it("should name its caller's file, line and column, through the source map", () => {
      // Arrange
      const at = here();

      // Act
      const site = entry();

      // Assert
      expect(site).to.equal(`${at.file}:${at.line + 3}:20`);
      expect(site).to.match(/test[/\\]report[/\\]callSiteOf\.test\.ts:/);
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

  describe('when the caller has no file position', () => {
    it('should give undefined for code run by eval', () => {
      // Act
      const site = (0, eval)('(fn) => fn()')(entry) as string | undefined;

      // Assert
      expect(site).to.equal(undefined);
    });

    it('should give undefined when the entry point is not on the stack', () => {
      // Act
      const site = callSiteOf(notOnTheStack);

      // Assert
      expect(site).to.equal(undefined);
    });
  });
});
