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

  it('should give wrappers that look like what they wrap: async, generator, arrow, constructor, own properties, and re-arming', () => {
    // Act
    const out = runHardened(`
      const { types } = require('node:util');
      const { allowErrorInjection, AllowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO, debugfs, runTask, procfs } = core;
      const load = allowErrorInjection(EI_TYPE_NULL, async function load(x) { return x; });
      const gen = allowErrorInjection(EI_TYPE_ERRNO, function* gen() { yield 1; return 2; });
      const arrow = allowErrorInjection(EI_TYPE_NULL, (x) => x, { name: 'arrow' });
      function Point(x) { this.x = x; }
      const WrappedPoint = allowErrorInjection(EI_TYPE_NULL, Point);
      function tagged() { return 1; }
      tagged.tag = 'kept';
      const wrappedTagged = allowErrorInjection(EI_TYPE_NULL, tagged);
      class Disk { write(x) { return x; } }
      AllowErrorInjection(EI_TYPE_ERRNO)(Disk.prototype, 'write', Object.getOwnPropertyDescriptor(Disk.prototype, 'write'));
      const original = Disk.prototype.write;
      out.shapes = [types.isAsyncFunction(load), types.isGeneratorFunction(gen), Object.hasOwn(arrow, 'prototype'),
        (() => { try { new arrow(1); return 'constructed'; } catch (e) { return e.constructor.name; } })(),
        new WrappedPoint(5) instanceof Point, new WrappedPoint(5).x, wrappedTagged.tag];
      for (const write of ['times=-1', 'probability=100', 'verbose=0', 'inject=load', 'inject=gen', 'inject=Disk.write']) {
        const [file, value] = write.split('=');
        debugfs.write('fail_function/' + file, value);
      }
      out.loadFails = load(1) instanceof Promise;
      out.genFails = gen().next();
      debugfs.write('fail_function/probability', '0');
      const saved = Object.getOwnPropertyDescriptor(Disk.prototype, 'write');
      Object.defineProperty(Disk.prototype, 'write', { ...saved, value: () => 99 });
      debugfs.write('fail_function/inject', '!Disk.write');
      Object.defineProperty(Disk.prototype, 'write', saved);
      debugfs.write('fail_function/inject', 'Disk.write');
      out.rearmed = runTask(() => [new Disk().write(1), new Disk().write(2), procfs.read('self/fail-nth').trim()], { failNth: 2 });
      debugfs.write('fail_function/inject', '');
      out.restored = Disk.prototype.write === original;
    `);

    // Assert
    expect(out).to.deep.equal({
      shapes: [true, true, false, 'TypeError', true, 5, 'kept'],
      loadFails: true,
      genFails: { value: -22, done: true },
      rearmed: [1, -22, '0'],
      restored: true,
    });
  });
});
