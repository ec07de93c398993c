import { expect } from 'chai';
import { runNotice } from '../../src/failcmd/runNotice';
import type { FaultReport } from '../../src/sweep/parseFaultReport';

function report(fields: Partial<FaultReport> = {}): FaultReport {
  return { faults: [], crashes: [], marked: [], loaded: 1, coreLoaded: true, armed: [], armAll: false, ...fields };
}

const NONE = new Set<string>();

describe('runNotice', () => {
  describe('when a fault was injected', () => {
    it('should say nothing, whatever was armed', () => {
      const faults = [{ event: 'fault' as const, pid: 1, capability: 'fail_function', function: 'open', site: null }];
      expect(runNotice({ capabilities: ['fail_function'], armedByConfig: NONE, report: report({ faults }) })).to.equal(undefined);
    });
  });

  describe('when the command never loaded the core', () => {
    it('should say so, with the question to ask, for any capability', () => {
      for (const capability of ['fail_function', 'fail_alloc']) {
        expect(runNotice({ capabilities: [capability], armedByConfig: new Set(['open']), report: report({ loaded: 0, coreLoaded: false }) })).to.equal(
          'no fault was injected: the command never loaded @errinject/core (is it a Node.js program that imports it?)',
        );
      }
    });
  });

  describe('when the core loaded and nothing was armed', () => {
    it('should say what to do, naming the functions the command marked', () => {
      // Act
      const none = runNotice({ capabilities: ['fail_function'], armedByConfig: NONE, report: report() });
      const one = runNotice({ capabilities: ['fail_function'], armedByConfig: NONE, report: report({ marked: ['Store.open'] }) });
      const many = runNotice({ capabilities: ['fail_function'], armedByConfig: NONE, report: report({ marked: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }) });

      // Assert
      const what = "no fault was injected: the command loaded @errinject/core but nothing was armed; name functions with --inject NAME, or --inject '*' for every one";
      expect(none).to.equal(`${what} (it marked no function error-injectable)`);
      expect(one).to.equal(`${what} (it marked one: Store.open)`);
      expect(many).to.equal(`${what} (it marked 7: a, b, c, d, e and 2 more)`);
    });
  });

  describe('when functions were armed, by failcmd, the user\'s ERRINJECT or the program itself', () => {
    it('should say nothing: they were not called, or not failed', () => {
      expect(runNotice({ capabilities: ['fail_function'], armedByConfig: new Set(['open']), report: report() })).to.equal(undefined);
      expect(runNotice({ capabilities: ['fail_function'], armedByConfig: NONE, report: report({ armed: ['open'] }) })).to.equal(undefined);
      expect(runNotice({ capabilities: ['fail_function'], armedByConfig: NONE, report: report({ armAll: true }) })).to.equal(undefined);
      expect(runNotice({ capabilities: ['fail_function'], armedByConfig: new Set(['*']), report: report({ marked: ['open'] }) })).to.equal(undefined);
    });
  });

  describe("when --inject '*' found no function to arm", () => {
    it('should say that the command marked none', () => {
      expect(runNotice({ capabilities: ['fail_function'], armedByConfig: new Set(['*', 'open']), report: report() })).to.equal(
        "no fault was injected: --inject '*' arms every function the command marks error-injectable, and it marked none",
      );
    });
  });

  describe('when fail_function is listed beside another capability', () => {
    it('should still say that no function was armed', () => {
      expect(runNotice({ capabilities: ['fail_alloc', 'fail_function'], armedByConfig: NONE, report: report({ marked: ['open'] }) })).to.contain('nothing was armed');
    });
  });

  describe('when the capability is not fail_function', () => {
    it('should say nothing of arming: nothing is armed by design', () => {
      expect(runNotice({ capabilities: ['fail_alloc'], armedByConfig: NONE, report: report() })).to.equal(undefined);
    });
  });
});
