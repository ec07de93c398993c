import { expect } from 'chai';
import { useColor } from '../../src/cli/useColor';

describe('useColor', () => {
  describe('when the stream is a terminal', () => {
    it('should colour unless NO_COLOR is set to something', () => {
      // Act, assert
      expect(useColor({ isTTY: true }, {})).to.equal(true);
      expect(useColor({ isTTY: true }, { NO_COLOR: '' })).to.equal(true);
      expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).to.equal(false);
      expect(useColor({ isTTY: true }, { NO_COLOR: '0' })).to.equal(false);
    });
  });

  describe('when the stream is not a terminal', () => {
    it('should not colour', () => {
      // Act, assert
      expect(useColor({ isTTY: false }, {})).to.equal(false);
      expect(useColor({}, {})).to.equal(false);
    });
  });
});
