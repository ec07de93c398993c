import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { CORE, requireBuiltCore } from './childProcess';

/**
 * Hardened deployments run Node.js with `--disallow-code-generation-from-strings` (regression: marking
 * a function threw EvalError at module load, and arming a decorated method threw a raw EvalError
 * without a code, since the wrapper was compiled with `new Function`). The wrapper is then a closure
 * that behaves the same. A child process, since the flag is the whole process's.
 */

function runHardened(body: string): Record<string, unknown> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['ERRINJECT'];
  delete env['NODE_OPTIONS'];
  const script = [`const core = require(${JSON.stringify(CORE)});`, 'const out = {};', body, 'process.stdout.write(JSON.stringify(out));'].join('\n');
  const child = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], { env, encoding: 'utf8', timeout: 15000 });
  if (child.status !== 0) throw new Error(`child exited with ${String(child.status)}:\n${child.stderr}`);
  return JSON.parse(child.stdout) as Record<string, unknown>;
}

describe('error-injectable functions without code generation from strings', function () {
  this.timeout(30000);
  requireBuiltCore();

  it('should mark, arm, fail and disarm functions and methods, keeping their name, length and this', () => {
    // Act
    const out = runHardened(`
      const { allowErrorInjection, AllowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO, debugfs } = core;
      out.refused = (() => { try { new Function('return 1'); return false; } catch (e) { return e instanceof EvalError; } })();
      const add = allowErrorInjection(EI_TYPE_NULL, function add(a, b) { return a + b; });
      class Store { constructor() { this.base = 10; } open(x) { return this.base + x; } }
      AllowErrorInjection(EI_TYPE_ERRNO)(Store.prototype, 'open', Object.getOwnPropertyDescriptor(Store.prototype, 'open'));
      const original = Store.prototype.open;
      out.shape = [add.name, add.length];
      out.before = [add(1, 2), new Store().open(1)];
      for (const write of ['times=-1', 'probability=100', 'verbose=0', 'inject=add', 'inject=Store.open']) {
        const [file, value] = write.split('=');
        debugfs.write('fail_function/' + file, value);
      }
      out.armedShape = [Store.prototype.open.name, Store.prototype.open.length, Store.prototype.open !== original];
      out.armed = [add(1, 2), new Store().open(1)];
      debugfs.write('fail_function/inject', '');
      out.after = [add(1, 2), new Store().open(1), Store.prototype.open === original];
    `);

    // Assert
    expect(out).to.deep.equal({
      refused: true,
      shape: ['add', 2],
      before: [3, 11],
      armedShape: ['open', 1, true],
      armed: [null, -22],
      after: [3, 11, true],
    });
  });
});
