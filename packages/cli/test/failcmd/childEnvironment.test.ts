import { expect } from 'chai';
import { childEnvironment } from '../../src/failcmd/childEnvironment';

describe('childEnvironment', () => {
  describe('when the user has an ERRINJECT', () => {
    it('should put failcmd\'s entries after the user\'s, so that failcmd\'s options win', () => {
      // Act
      const env = childEnvironment({ ERRINJECT: ' fail_function/probability=50 ', HOME: '/h' }, ['fail_function/probability=1']);

      // Assert
      expect(env['ERRINJECT']).to.equal('fail_function/probability=50 fail_function/probability=1');
      expect(env['HOME']).to.equal('/h');
    });
  });

  describe('when the user has none', () => {
    it('should hold failcmd\'s entries alone, and set the other variables only when asked', () => {
      // Act
      const plain = childEnvironment({}, ['a/b=1', 'c/d=2']);
      const all = childEnvironment({}, [], { seed: '42', control: true, report: '/tmp/r.jsonl' });

      // Assert
      expect(plain).to.deep.equal({ ERRINJECT: 'a/b=1 c/d=2' });
      expect(all).to.deep.equal({ ERRINJECT: '', ERRINJECT_SEED: '42', ERRINJECT_CONTROL: '1', ERRINJECT_REPORT: '/tmp/r.jsonl' });
    });
  });
});
