import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect } from 'chai';
import { enableCompileCache } from '../../src/cli/compileCache';
import { tempDir, type TempDir } from '../config/tempDir';

const BIN = path.resolve(__dirname, '../../../bin/ei-lint.js');
const TSCONFIG = { compilerOptions: { strict: true, noEmit: true, target: 'es2022', types: [] }, include: ['src'] };
const LIB = `
import { allowErrorInjection, EI_TYPE_NULL } from '@errinject/core';
export const find = allowErrorInjection(EI_TYPE_NULL, function find(name: string): string | null { return name === '' ? null : name; });
export function size(name: string): number {
  return find(name)!.length;
}
`;

/** The cache's files: name, size and modification time. */
function listing(directory: string): { name: string; size: number; mtimeMs: number }[] {
  return readdirSync(directory)
    .sort()
    .map((name) => {
      const { size, mtimeMs } = statSync(path.join(directory, name));
      return { name, size, mtimeMs };
    });
}

describe('the compile cache of the ei-lint bin', () => {
  let tmp: TempDir;
  let cache: string;
  beforeEach(() => {
    tmp = tempDir();
    tmp.write('project/tsconfig.json', TSCONFIG);
    tmp.write('project/src/lib.ts', LIB);
    cache = tmp.mkdir('cache');
    chmodSync(cache, 0o700);
  });
  afterEach(() => tmp.remove());

  function lint(env: Record<string, string> = {}): SpawnSyncReturns<string> {
    const result = spawnSync(process.execPath, [BIN, '-p', 'project', '--format', 'json'], {
      cwd: tmp.root,
      encoding: 'utf8',
      env: { ...process.env, NODE_COMPILE_CACHE: cache, NODE_DISABLE_COMPILE_CACHE: '', ...env },
      timeout: 60_000,
    });
    expect(result.signal, 'ei-lint did not return').to.equal(null);
    return result;
  }

  describe('when ei-lint runs for the first time', () => {
    it('should write V8\'s code of TypeScript to the directory NODE_COMPILE_CACHE names, private to the user', () => {
      // Act
      const result = lint();

      // Assert: the finding, and TypeScript's 9 MB of JavaScript cached in some megabytes
      expect(result.status, result.stderr).to.equal(1);
      expect((JSON.parse(result.stdout) as { ruleId: string }[]).map((finding) => finding.ruleId)).to.deep.equal(['ei/unchecked-call']);
      const files = listing(cache);
      expect(Math.max(...files.map((file) => file.size))).to.be.greaterThan(1 << 20);
      for (const file of readdirSync(cache)) expect(statSync(path.join(cache, file)).mode & 0o077, file).to.equal(0);
    });
  });

  describe('when ei-lint runs again', () => {
    it('should use the cache as it is, and find the same', () => {
      // Arrange
      const first = lint();
      const before = listing(cache);

      // Act
      const second = lint();

      // Assert: a cache V8 rejected would have been written again
      expect(second.stdout).to.equal(first.stdout);
      expect(second.status).to.equal(first.status);
      expect(listing(cache)).to.deep.equal(before);
    });
  });

  describe('when the cache is corrupt', () => {
    it('should run as without one, and write it again', () => {
      // Arrange
      const first = lint();
      const names = readdirSync(cache);
      for (const name of names) writeFileSync(path.join(cache, name), 'not code');

      // Act
      const second = lint();

      // Assert
      expect(second.stdout).to.equal(first.stdout);
      expect(second.stderr).to.equal(first.stderr);
      const sizes = listing(cache).map((file) => file.size);
      expect(Math.max(...sizes)).to.be.greaterThan(1 << 20);
    });
  });

  describe('when the directory can be written by others', () => {
    it('should not use it', () => {
      // Arrange: code read from there would run as ours
      chmodSync(cache, 0o777);

      // Act
      const result = lint();

      // Assert
      expect(result.status, result.stderr).to.equal(1);
      expect(readdirSync(cache)).to.deep.equal([]);
    });
  });

  describe('when NODE_DISABLE_COMPILE_CACHE is set', () => {
    it('should write nothing', () => {
      // Act
      const result = lint({ NODE_DISABLE_COMPILE_CACHE: '1' });

      // Assert
      expect(result.status, result.stderr).to.equal(1);
      expect(readdirSync(cache)).to.deep.equal([]);
    });

    it('should say the cache is off, and leave the module loader alone', () => {
      // Act, assert
      expect(enableCompileCache({ NODE_DISABLE_COMPILE_CACHE: '1' })).to.equal('off');
    });
  });
});
