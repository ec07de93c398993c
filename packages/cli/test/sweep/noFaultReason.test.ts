import { expect } from 'chai';
import type { CommandSweepRun } from '../../src/sweep/CommandSweepReport';
import { noFaultReason } from '../../src/sweep/noFaultReason';

function run(fields: Partial<CommandSweepRun> = {}): CommandSweepRun {
  return {
    n: 1, injected: false, function: null, capability: null, site: null, faults: [], exitCode: 0, signal: null, crashed: false, timedOut: false,
    crashes: [], loaded: true, durationMs: 10, stderr: '', check: null, badState: false, marked: [], ...fields,
  };
}

describe('noFaultReason', () => {
  describe('when a run injected a fault, or there is no run', () => {
    it('should give null', () => {
      expect(noFaultReason({ capabilities: ['fail_function'], named: [], marked: ['open'], runs: [run({ injected: true }), run({ n: 2 })] })).to.equal(null);
      expect(noFaultReason({ capabilities: ['fail_function'], named: [], marked: [], runs: [] })).to.equal(null);
    });
  });

  describe('when no process of the command loaded the core', () => {
    it('should say so, whatever the capability', () => {
      for (const capability of ['fail_function', 'fail_alloc']) {
        expect(noFaultReason({ capabilities: [capability], named: [], marked: [], runs: [run({ loaded: false })] })).to.equal(
          'the command never loaded @errinject/core (is it a Node.js program that imports it?)',
        );
      }
    });
  });

  describe('when only capabilities of @errinject/node were asked for and no Node.js process ran', () => {
    it('should say that the command ran none', () => {
      expect(noFaultReason({ capabilities: ['fail_fs', 'fail_spawn'], named: [], marked: [], runs: [run({ loaded: false })] })).to.equal(
        "the command ran no Node.js process (fail_fs, fail_spawn fail the calls of the command's Node.js processes)",
      );
      expect(noFaultReason({ capabilities: ['fail_fs', 'fail_alloc'], named: [], marked: [], runs: [run({ loaded: false })] })).to.equal(
        'the command never loaded @errinject/core (is it a Node.js program that imports it?)',
      );
    });
  });

  describe('when the core loaded and nothing could fail', () => {
    it('should say what was missing: a shouldFail call, a marked function, a named one, or a call', () => {
      expect(noFaultReason({ capabilities: ['fail_alloc'], named: [], marked: [], runs: [run()] })).to.equal('nothing in the command called shouldFail (on fail_alloc, or on any capability)');
      expect(noFaultReason({ capabilities: ['fail_function'], named: [], marked: [], runs: [run()] })).to.equal(
        'the command marked no function error-injectable (@AllowErrorInjection, allowErrorInjection)',
      );
      expect(noFaultReason({ capabilities: ['fail_function'], named: ['Store.opn'], marked: ['Store.open', 'a', 'b', 'c', 'd', 'e', 'f'], runs: [run()] })).to.equal(
        'the command marked none of the functions named with --inject (it marked Store.open, a, b, c, d and 2 more)',
      );
      expect(noFaultReason({ capabilities: ['fail_function'], named: ['Store.open'], marked: ['Store.open'], runs: [run()] })).to.equal('the command called none of the armed functions');
      expect(noFaultReason({ capabilities: ['fail_function'], named: [], marked: ['Store.open'], runs: [run()] })).to.equal('the command called none of the armed functions');
      expect(noFaultReason({ capabilities: ['fail_alloc', 'fail_fs'], named: [], marked: [], runs: [run()] })).to.equal('nothing in the command called shouldFail (on fail_alloc, fail_fs, or on any capability)');
      expect(noFaultReason({ capabilities: ['fail_fs', 'fail_function'], named: [], marked: ['Store.open'], runs: [run()] })).to.equal(
        'the command called none of the armed functions, and no Node.js process of the command made a call that fail_fs can fail (calls made while modules load are not counted)',
      );
      expect(noFaultReason({ capabilities: ['fail_fs', 'fail_net'], named: [], marked: [], runs: [run()] })).to.equal(
        'no Node.js process of the command made a call that fail_fs, fail_net can fail (calls made while modules load are not counted)',
      );
    });
  });
});
