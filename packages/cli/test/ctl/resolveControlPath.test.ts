import { expect } from 'chai';
import { resolveControlPath } from '../../src/ctl/resolveControlPath';

describe('resolveControlPath', () => {
  describe('when the path is a task file', () => {
    it('should address procfs, the path as written', () => {
      for (const path of ['self', 'self/fail-nth', '/proc', '/proc/self/make-it-fail']) {
        expect(resolveControlPath(path)).to.deep.equal({ tree: 'procfs', path });
      }
    });
  });

  describe('when it is anything else', () => {
    it('should address debugfs', () => {
      for (const path of ['', 'fail_function/times', '/sys/kernel/debug/fail_function/inject', 'selfish/x', '/procfs']) {
        expect(resolveControlPath(path)).to.deep.equal({ tree: 'debugfs', path });
      }
    });
  });
});
