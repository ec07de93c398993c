import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { useColor } from '../../src/color/useColor';

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
      expect(useColor(PIPE, { NO_COLOR: '1', NODE_DISABLE_COLORS: '1', TERM: 'dumb', FORCE_COLOR: '0' }, true)).to.equal(true);
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
      for (const value of ['0', 'false', '4', 'yes', ' 1']) expect(useColor(TTY, { FORCE_COLOR: value }), value).to.equal(false);
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

  describe('when a bin imports it as @errinject/core/color', () => {
    it('should load it alone: the same function, and no process state of the core set up', () => {
      // Arrange: a process of its own, since this one has loaded the whole core.
      const script = [
        "const { useColor } = require('@errinject/core/color');",
        "const state = Symbol.for('errinject.core.state') in globalThis;",
        'const loaded = Object.keys(require.cache).filter((f) => f.includes(`${require("path").sep}core${require("path").sep}`));',
        'console.log(JSON.stringify({ colours: [useColor({ isTTY: true }, {}), useColor({ isTTY: false }, { FORCE_COLOR: "0" }, true)], state, loaded: loaded.length }));',
      ].join('\n');

      // Act
      const result = spawnSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8' });

      // Assert
      expect(result.status, result.stderr).to.equal(0);
      expect(JSON.parse(result.stdout)).to.deep.equal({ colours: [true, true], state: false, loaded: 1 });
    });
  });
});
