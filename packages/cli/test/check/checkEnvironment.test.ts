import { expect } from 'chai';
import { checkEnvironment } from '../../src/check/checkEnvironment';

describe('checkEnvironment', () => {
  describe('when the user has errinject\'s variables', () => {
    it('should drop every one, the user\'s own ERRINJECT too, and keep the rest', () => {
      // Arrange
      const env = { ERRINJECT: 'fail_function/inject=open', ERRINJECT_SEED: '1', ERRINJECT_REPORT: '/tmp/r', ERRINJECT_CONTROL: '1', HOME: '/h', FAILCMD_TYPE: 'fail_x' };

      // Act
      const check = checkEnvironment(env);

      // Assert
      expect(check).to.deep.equal({ HOME: '/h', FAILCMD_TYPE: 'fail_x' });
      expect(env.ERRINJECT).to.equal('fail_function/inject=open');
    });
  });
});
