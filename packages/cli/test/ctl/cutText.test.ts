import { expect } from 'chai';
import { cutText } from '../../src/ctl/cutText';

describe('cutText', () => {
  describe('when the text is short enough', () => {
    it('should keep it whole', () => {
      expect(cutText('abcdef', 6)).to.equal('abcdef');
      expect(cutText('', 4)).to.equal('');
    });
  });

  describe('when it is longer', () => {
    it('should keep its start, or its end, with the mark in the room it had', () => {
      expect(cutText('abcdefgh', 6)).to.equal('abc...');
      expect(cutText('/home/me/projects/app', 10, 'end')).to.equal('...cts/app');
    });

    it('should count characters, not UTF-16 units, and never cut a character in two', () => {
      expect(cutText('😀😀😀😀😀😀', 5)).to.equal('😀😀...');
    });
  });
});
