import { expect } from 'chai';
import { useColor } from '../../src/cli/useColor';

const TTY = { isTTY: true };
const PIPE = { isTTY: false };

describe('useColor', () => {
  describe('when nothing says otherwise', () => {
    it('should colour a terminal only', () => {
      expect(useColor(TTY, {})).to.equal(true);
      expect(useColor(PIPE, {})).to.equal(false);
      expect(useColor({}, {})).to.equal(false);
    });
  });

  describe('when --color or --no-color is given', () => {
    it('should do as it says, whatever the stream and the environment', () => {
      expect(useColor(PIPE, { NO_COLOR: '1', TERM: 'dumb', FORCE_COLOR: '0' }, true)).to.equal(true);
      expect(useColor(TTY, { FORCE_COLOR: '3' }, false)).to.equal(false);
    });
  });

  describe('when FORCE_COLOR is set', () => {
    it('should colour for "", 1, 2, 3 and true, even off a terminal and despite NO_COLOR, as Node.js does', () => {
      for (const value of ['', '1', '2', '3', 'true']) {
        expect(useColor(PIPE, { FORCE_COLOR: value }), value).to.equal(true);
        expect(useColor(PIPE, { FORCE_COLOR: value, NO_COLOR: '1', NODE_DISABLE_COLORS: '1', TERM: 'dumb' }), value).to.equal(true);
      }
    });

    it('should not colour for 0, false or anything else, even on a terminal (regression: FORCE_COLOR=0 coloured)', () => {
      for (const value of ['0', 'false', '4', 'yes']) expect(useColor(TTY, { FORCE_COLOR: value }), value).to.equal(false);
    });
  });

  describe('when NO_COLOR or NODE_DISABLE_COLORS is set', () => {
    it('should not colour a terminal for any value but the empty one', () => {
      for (const name of ['NO_COLOR', 'NODE_DISABLE_COLORS']) {
        expect(useColor(TTY, { [name]: '1' }), name).to.equal(false);
        expect(useColor(TTY, { [name]: '0' }), name).to.equal(false);
        expect(useColor(TTY, { [name]: '' }), name).to.equal(true);
      }
    });
  });

  describe('when TERM is dumb', () => {
    it('should not colour a terminal', () => {
      expect(useColor(TTY, { TERM: 'dumb' })).to.equal(false);
      expect(useColor(TTY, { TERM: 'xterm-256color' })).to.equal(true);
    });
  });
});
