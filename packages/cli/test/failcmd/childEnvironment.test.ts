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

  describe('when a capability of @errinject/node is asked for', () => {
    it('should load its register into every Node process with NODE_OPTIONS, after the user\'s options, and name only the capabilities asked', () => {
      // Act
      const env = childEnvironment({ NODE_OPTIONS: ' --max-old-space-size=100 ' }, [], { capabilities: ['fail_function', 'fail_fs'] });
      const alone = childEnvironment({}, [], { capabilities: ['fail_fs'] });

      // Assert
      const register = require.resolve('@errinject/node/register');
      expect(env['NODE_OPTIONS']).to.equal(`--max-old-space-size=100 --require "${register}"`);
      expect(env['ERRINJECT_NODE']).to.equal('fail_fs');
      expect(alone['NODE_OPTIONS']).to.equal(`--require "${register}"`);
    });

    it('should change neither variable for the core\'s capabilities or one of the user\'s', () => {
      // Act
      const env = childEnvironment({ NODE_OPTIONS: '--trace-warnings' }, [], { capabilities: ['fail_function', 'fail_pages'] });

      // Assert
      expect(env['NODE_OPTIONS']).to.equal('--trace-warnings');
      expect(env).to.not.have.property('ERRINJECT_NODE');
    });
  });
});
