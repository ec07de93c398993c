import { expect } from 'chai';
import { armedByUser } from '../../src/failcmd/armedByUser';

describe('armedByUser', () => {
  describe('when ERRINJECT arms functions', () => {
    it('should return their names, by either path, and not those it disarms', () => {
      // Arrange
      const env = { ERRINJECT: 'fail_function/inject=Store.open /sys/kernel/debug/fail_function/inject=alloc fail_function/inject=!gone fail_function/times=-1' };

      // Act
      const names = armedByUser(env);

      // Assert
      expect([...names]).to.deep.equal(['Store.open', 'alloc']);
    });
  });

  describe('when ERRINJECT is unset or blank', () => {
    it('should return no name', () => {
      expect([...armedByUser({})]).to.deep.equal([]);
      expect([...armedByUser({ ERRINJECT: '  ' })]).to.deep.equal([]);
    });
  });
});
