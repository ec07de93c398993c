import { expect } from 'chai';
import type { SweepRun } from '@errinject/core';
import { caseTitle } from '../src/index';

function run(fields: Partial<SweepRun<unknown>>): SweepRun<unknown> {
  return {
    n: 1,
    injected: true,
    capability: 'fail_function',
    function: 'Store.open',
    site: '/app/src/store.ts:12:5',
    faults: 1,
    outcome: { kind: 'returned', value: 0 },
    ...fields,
  };
}

describe('caseTitle', () => {
  describe('when a function failed', () => {
    it('should name n, the function and its call site relative to the working directory', () => {
      // Act
      const title = caseTitle(run({ n: 3 }), '/app');

      // Assert
      expect(title).to.equal('n=3: Store.open fails at src/store.ts:12:5');
    });
  });

  describe('when another capability failed', () => {
    it('should name the capability', () => {
      // Act
      const title = caseTitle(run({ function: undefined, capability: 'fail_slab' }), '/app');

      // Assert
      expect(title).to.equal('n=1: fail_slab fails at src/store.ts:12:5');
    });
  });

  describe('when the call site is unknown or outside the working directory', () => {
    it('should leave it out, or show it whole', () => {
      // Act
      const titles = [caseTitle(run({ site: undefined }), '/app'), caseTitle(run({}), '/elsewhere')];

      // Assert
      expect(titles).to.deep.equal(['n=1: Store.open fails', 'n=1: Store.open fails at /app/src/store.ts:12:5']);
    });
  });

  describe('when nothing was injected', () => {
    it('should say that every fault point was reached', () => {
      // Act
      const title = caseTitle(run({ n: 4, injected: false, function: undefined, capability: undefined, site: undefined }));

      // Assert
      expect(title).to.equal('n=4: no fault injected (every fault point was reached)');
    });
  });
});
