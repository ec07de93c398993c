import { expect } from 'chai';
import type { EntryPoint } from '../../src/attr/captureCallerFrames';
import type { FaultNotice } from '../../src/report/faultNoticeChannel';
import { formatCallSite } from '../../src/report/formatCallSite';
import { requestSite } from '../../src/report/requestSite';
import { here } from './here';

/** A notice as a copy of the core that predates requestSite publishes it: plain data. */
function oldNotice(entry: EntryPoint): FaultNotice {
  return { capability: 'fail_function', function: 'Store.open', failNth: true, taskId: 0, entry } as unknown as FaultNotice;
}

describe('requestSite', () => {
  describe('when the notice can be asked', () => {
    it('should ask it', () => {
      // Arrange
      const asked: unknown[] = [];
      const receive = (): void => {};
      const notice = { ...oldNotice(() => undefined), requestSite: (r: unknown) => asked.push(r) } as FaultNotice;

      // Act
      requestSite(notice, receive);

      // Assert
      expect(asked).to.deep.equal([receive]);
    });
  });

  describe('when the notice comes from a copy of the core without requestSite', () => {
    it("should take the caller's call site at once, from inside the faulted call", () => {
      // Arrange
      let given: string | undefined | 'not given' = 'not given';
      function entry(): void {
        requestSite(oldNotice(entry), (site) => {
          given = site === undefined ? undefined : formatCallSite(site);
        });
      }

      // Act
      const at = here();
      entry();

      // Assert
      expect(given).to.equal(`${at.file}:${at.line + 1}:7`);
    });
  });
});
