import { expect } from 'chai';
import { listNames } from '../../src/failcmd/listNames';

describe('listNames', () => {
  describe('when there are more than five names', () => {
    it('should list five and count the rest', () => {
      expect(listNames(['a'])).to.equal('a');
      expect(listNames(['a', 'b', 'c', 'd', 'e'])).to.equal('a, b, c, d, e');
      expect(listNames(['a', 'b', 'c', 'd', 'e', 'f'])).to.equal('a, b, c, d, e and 1 more');
    });
  });
});
