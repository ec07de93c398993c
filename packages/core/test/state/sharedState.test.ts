import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The built package (packages/core), which the tests copy to make a second installation. */
const packageDir = dirname(require.resolve('@errinject/core/package.json'));

function run(cwd: string, file: string, source: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  writeFileSync(join(cwd, file), source);
  const result = spawnSync(process.execPath, [join(cwd, file)], { cwd, encoding: 'utf8', env: { ...process.env, ERRINJECT: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sharedState', () => {
  let dir: string;

  before(() => {
    // Two installations side by side: a/node_modules/@errinject/core and b/node_modules/@errinject/core.
    dir = mkdtempSync(join(tmpdir(), 'errinject-state-'));
    for (const copy of ['a', 'b']) {
      const target = join(dir, copy, 'node_modules', '@errinject', 'core');
      mkdirSync(target, { recursive: true });
      cpSync(join(packageDir, 'package.json'), join(target, 'package.json'));
      cpSync(join(packageDir, 'dist'), join(target, 'dist'), { recursive: true });
      writeFileSync(join(dir, copy, 'load.js'), "module.exports = require('@errinject/core');\n");
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('when two copies of the package are loaded', () => {
    it('should share one registry, one control tree and one set of tasks', () => {
      const result = run(
        dir,
        'two-copies.js',
        `
        const a = require('./a/load.js');
        const b = require('./b/load.js');
        if (a.shouldFail === b.shouldFail) throw new Error('expected two copies of the code');
        const attr = a.declareFaultAttr('shared_cap', { probability: 100, times: -1, verbose: 0 });
        const out = {
          listedByB: b.debugfs.list().includes('shared_cap'),
          failsThroughB: b.shouldFail(attr),
          lookupInB: b.getFaultAttr('shared_cap') === attr,
        };
        b.debugfs.write('shared_cap/probability', '0');
        out.readByA = a.debugfs.read('shared_cap/probability');
        out.nthSeenByB = a.runTask(() => { a.procfs.write('self/fail-nth', '3'); return b.procfs.read('self/fail-nth'); });
        out.rootAfter = b.procfs.read('self/fail-nth');
        try { b.declareFaultAttr('shared_cap'); } catch (e) { out.duplicate = e.code; }
        out.errorFromOtherCopy = b.isErrInjectError((() => { try { a.debugfs.write('x/y', '1'); } catch (e) { return e; } })());
        console.log(JSON.stringify(out));
        `,
      );
      expect(result.stderr).to.equal('');
      expect(JSON.parse(result.stdout)).to.deep.equal({
        listedByB: true,
        failsThroughB: true,
        lookupInB: true,
        readByA: '0\n',
        nthSeenByB: '3\n',
        rootAfter: '0\n',
        duplicate: 'EEXIST',
        errorFromOtherCopy: true,
      });
    });

    it('should apply the boot configuration once, not once per copy', () => {
      const result = run(
        dir,
        'boot-once.js',
        `
        const a = require('./a/load.js');
        a.debugfs.write('fail_function/times', '7');
        const b = require('./b/load.js');
        console.log(b.debugfs.read('fail_function/times').trim(), b.debugfs.read('fail_function/probability').trim());
        `,
        { ERRINJECT: 'fail_function=1,5,0,3' },
      );
      expect(result.stdout.trim()).to.equal('7 5');
    });

    it('should refuse to load a copy whose state layout differs, naming both versions', () => {
      const result = run(
        dir,
        'mismatch.js',
        `
        const a = require('./a/load.js');
        globalThis[Symbol.for('errinject.core.state')].version = 999;
        try { require('./b/load.js'); console.log('loaded'); } catch (e) { console.log(e.code + ' ' + e.message); }
        `,
      );
      // The state object is frozen against replacement, not against edits; editing its version here
      // stands in for a future copy with another layout.
      expect(result.stdout).to.match(/^ERR_STATE_VERSION @errinject\/core \S+ \(state layout 3\) cannot share this process with @errinject\/core \S+ \(state layout 999\)/);
    });
  });

  describe('when the package is loaded from CommonJS and from ESM', () => {
    it('should share one state', () => {
      const result = run(
        join(dir, 'a'),
        'mixed.mjs',
        `
        import { createRequire } from 'node:module';
        import * as esm from '@errinject/core';
        const cjs = createRequire(import.meta.url)('@errinject/core');
        esm.declareFaultAttr('mixed_cap');
        console.log(JSON.stringify({ seen: cjs.debugfs.list().includes('mixed_cap'), same: esm.shouldFail === cjs.shouldFail }));
        `,
      );
      expect(result.stderr).to.equal('');
      expect(JSON.parse(result.stdout)).to.deep.equal({ seen: true, same: true });
    });
  });

  describe('when this test build and the package build run in one process', () => {
    it('should see the same capabilities from both', () => {
      // This file runs from the test build (dist-test), a copy of the core of its own.
      const built = require('@errinject/core') as typeof import('../../src/index');
      const own = require('../../src/index') as typeof import('../../src/index');
      expect(built.declareFaultAttr).to.not.equal(own.declareFaultAttr);
      own.declareFaultAttr('state_test_own_build');
      expect(built.debugfs.list()).to.include('state_test_own_build');
    });
  });
});
