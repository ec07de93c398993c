import { expect } from 'chai';
import { describeCommand } from '../../src/ctl/describeCommand';

describe('describeCommand', () => {
  describe('when the process runs a script', () => {
    it("should show the executable's name, Node.js's options, the script relative to the working directory, and its arguments", () => {
      expect(describeCommand(['/usr/bin/node', '/app/dist/server.js', '--port', '3000'], ['--enable-source-maps'], '/app')).to.equal(
        'node --enable-source-maps dist/server.js --port 3000',
      );
      expect(describeCommand(['/usr/bin/node', '/srv/a.js'], [], '/app')).to.equal('node /srv/a.js');
      expect(describeCommand(['/usr/bin/node', '/app/a.js'], [], null)).to.equal('node /app/a.js');
    });

    it('should quote what a shell would need quoted', () => {
      expect(describeCommand(['/usr/bin/node', '/a.js', 'an arg', "it's", 'say "$HOME"'], [], '/')).to.equal(`node a.js 'an arg' "it's" 'say "$HOME"'`);
      expect(describeCommand(['/usr/bin/node', '/a.js', `it's "$x"`], [], '/')).to.equal(`node a.js 'it'\\''s "$x"'`);
    });
  });

  describe('when the code is given with -e or -p', () => {
    it('should show the option with the beginning of its code, whitespace folded, and no script (regression: it showed /usr/bin/node)', () => {
      expect(describeCommand(['/usr/bin/node', 'a', 'b'], ['-e', 'setInterval(() => {}, 1000)'], '/')).to.equal("node -e 'setInterval(() => {}, 1000)' a b");
      expect(describeCommand(['/usr/bin/node'], ['-p', 'require("os")\n  .cpus()\t.length'], '/')).to.equal(`node -p 'require("os") .cpus() .length'`);
      expect(describeCommand(['/usr/bin/node'], ['--eval=1+1'], '/')).to.equal('node --eval 1+1');
      expect(describeCommand(['/usr/bin/node'], ['-pe', '2'], '/')).to.equal('node -pe 2');
      expect(describeCommand(['/usr/bin/node'], ['--print'], '/')).to.equal('node --print');
    });

    it('should cut long code to 40 characters, and any other argument to 60', () => {
      const long = 'x'.repeat(100);
      expect(describeCommand(['/usr/bin/node'], ['-e', long], '/')).to.equal(`node -e ${'x'.repeat(37)}...`);
      expect(describeCommand(['/usr/bin/node', '/a.js', long], [], '/')).to.equal(`node a.js ${'x'.repeat(57)}...`);
    });
  });

  describe('when the script is read from stdin, or there is none', () => {
    it('should show [stdin] for "-" (regression: it showed "/usr/bin/node -"), [REPL] with -i, and say which it may be otherwise', () => {
      expect(describeCommand(['/usr/bin/node', '-', 'x'], [], '/')).to.equal('node [stdin] x');
      expect(describeCommand(['/usr/bin/node'], ['-i'], '/')).to.equal('node -i [REPL]');
      expect(describeCommand(['/usr/bin/node'], [], '/')).to.equal('node [stdin or REPL]');
    });
  });

  describe('when an older core did not answer execArgv', () => {
    it('should show argv as it is, the executable by its name', () => {
      expect(describeCommand(['/usr/bin/node', '-'], undefined, undefined)).to.equal('node -');
      expect(describeCommand(['/usr/bin/node', '/app/a.js'], undefined, '/app')).to.equal('node /app/a.js');
      expect(describeCommand([], undefined)).to.equal('node');
    });
  });
});
