import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The READMEs send readers to folders and files of the repository (`packages/core/src/inject/`);
 * each path they name must exist. Regression: the root README named files that had been renamed.
 */

const repository = dirname(dirname(dirname(require.resolve('@errinject/core/package.json'))));

function namedPaths(markdown: string): string[] {
  const paths = new Set<string>();
  for (const match of markdown.matchAll(/`((?:packages|examples|tools|test)\/[^`\s]*)`/g)) paths.add(match[1] as string);
  return [...paths];
}

describe('README paths', () => {
  for (const readme of ['README.md']) {
    describe(readme, () => {
      const paths = namedPaths(readFileSync(join(repository, readme), 'utf8'));

      it('should name paths of the repository', () => {
        expect(paths.length).to.be.greaterThan(5);
      });

      it('should name only paths that exist', () => {
        expect(paths.filter((path) => !existsSync(join(repository, path)))).to.deep.equal([]);
      });
    });
  }
});
