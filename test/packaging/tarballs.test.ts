import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/**
 * What each published package's tarball holds, as `npm pack` would make it (regression: no LICENSE in
 * the repository or any tarball, and source maps pointing at a src/ the tarballs did not ship, so
 * stack traces named files that do not exist).
 */

const repository = dirname(dirname(dirname(require.resolve('@errinject/core/package.json'))));
const PACKAGES = ['core', 'lint', 'cli', 'mocha', 'node'] as const;

interface PackEntry {
  readonly path: string;
}

/** The files `npm pack` would put in the package's tarball. */
function packedFiles(name: string): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: join(repository, 'packages', name), encoding: 'utf8' });
  const [pack] = JSON.parse(out) as Array<{ readonly files: readonly PackEntry[] }>;
  return (pack?.files ?? []).map((file) => file.path);
}

describe('the packages as published', function () {
  this.timeout(60000);

  for (const name of PACKAGES) {
    describe(`@errinject/${name}`, () => {
      let files: string[] = [];
      before(() => {
        files = packedFiles(name);
      });

      it("should ship the repository's MIT LICENSE", () => {
        expect(files).to.include('LICENSE');
        expect(readFileSync(join(repository, 'packages', name, 'LICENSE'), 'utf8')).to.equal(readFileSync(join(repository, 'LICENSE'), 'utf8'));
        expect(readFileSync(join(repository, 'LICENSE'), 'utf8')).to.match(/^MIT License\n/);
      });

      it('should ship every source its source maps name', () => {
        // Arrange
        const maps = files.filter((file) => file.endsWith('.map'));
        const shipped = new Set(files);

        // Act
        const missing: string[] = [];
        for (const map of maps) {
          const { sources } = JSON.parse(readFileSync(join(repository, 'packages', name, map), 'utf8')) as { sources: string[] };
          for (const source of sources) {
            const resolved = posix.normalize(posix.join(posix.dirname(map), source));
            if (!shipped.has(resolved)) missing.push(`${map} -> ${resolved}`);
          }
        }

        // Assert
        expect(maps.length).to.be.greaterThan(0);
        expect(missing).to.deep.equal([]);
      });

      it('should ship no tests and no build info', () => {
        expect(files.filter((file) => /(^|\/)test\/|\.tsbuildinfo$|^dist-test/.test(file))).to.deep.equal([]);
      });
    });
  }

  describe('@errinject/mocha', () => {
    it('should take the core as a peer dependency, so that tests and the code they sweep share one copy', () => {
      const manifest = JSON.parse(readFileSync(join(repository, 'packages', 'mocha', 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      expect(manifest.dependencies?.['@errinject/core']).to.equal(undefined);
      expect(manifest.peerDependencies?.['@errinject/core']).to.equal('^0.1.0');
    });
  });
});
