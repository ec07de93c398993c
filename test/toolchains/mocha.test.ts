import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { createScratchProject, describeResult, type ScratchProject } from '../support/scratchProject';
import { differences, literal, mochaJsonCases, OPEN_SITE, READ_SITE } from './support/cases';
import { MOCHA_PINS } from './support/pins';
import { commandOf, recipe } from './support/readmeRecipes';
import { startWatcher } from './support/watcher';

/**
 * The README's mocha recipe, run as written in a scratch project of the packed tarballs: mocha 12
 * with tsx and @errinject/mocha's describeSweep, in both decorator modes, with --parallel and
 * --watch.
 */

/**
 * The cases describeSweep gives the recipe's sweep, at the call sites of a file with `shift` lines
 * more above (a re-run in mocha's watch mode after a line was added names the new positions).
 */
function swept(shift = 0): Array<readonly [RegExp, boolean]> {
  const at = (site: string): string => literal(site.replace(/:(\d+):/, (_, line: string) => `:${Number(line) + shift}:`));
  return [
    [/^sweeps every fault point: 2 found in 3 runs$/, true],
    [new RegExp(`^n=1: Store\\.open fails at ${at(OPEN_SITE)}$`), true],
    [new RegExp(`^n=2: Store\\.read fails at ${at(READ_SITE)}$`), true],
    [/^n=3: no fault injected \(every fault point was reached\)$/, true],
  ];
}

/** A second spec file, for --parallel. */
const SECOND = `import { describeSweep } from '@errinject/mocha';
import { load } from '../src/store';

describeSweep('load survives every fault point, again', () => load('/data/again'));
`;

const MODES = {
  'standard decorators': undefined,
  experimentalDecorators: '{ "compilerOptions": { "target": "ES2022", "experimentalDecorators": true } }\n',
} as const;

describe('the README recipe for mocha', function () {
  this.timeout(300_000);
  const own = recipe('mocha');
  let project: ScratchProject | undefined;

  before(async () => {
    project = await createScratchProject({ name: 'mocha', packages: ['core', 'mocha'], dependencies: MOCHA_PINS, files: own.files });
  });
  after(() => project?.remove());

  function scratch(): ScratchProject {
    return project as ScratchProject;
  }

  for (const [mode, tsconfig] of Object.entries(MODES)) {
    describe(`when tsx compiles it with ${mode}`, () => {
      before(() => {
        scratch().writeFile('tsconfig.json', tsconfig ?? '{}\n');
      });

      it('should give each fault point a passing case named after the function that fails and its call site', async () => {
        const result = await scratch().run('sh', ['-c', `${commandOf(own, /^npx mocha$/)} --reporter=json`]);

        expect(result.status, describeResult(result)).to.equal(0);
        expect(differences(mochaJsonCases(result.stdout), swept())).to.deep.equal([]);
      });

      describe('when mocha watches the files and the source changes', () => {
        it('should run the sweep again, passing, with the same names and no warning', async () => {
          // Arrange
          const project = scratch();
          const source = project.readFile('src/store.ts');
          const watcher = startWatcher(commandOf(own, /--watch/), project.dir);
          // A change that comes while a run starts may give a run of no tests first, then a whole one.
          const done = /^ {2}[1-9]\d* passing|^ {2}\d+ failing/gm;
          let rerun = '';
          let output = '';
          try {
            await watcher.waitFor(done, 1, 60_000);
            const first = watcher.output().length;

            // Act: a line more above the class, so that every call site moves one line down
            writeFileSync(project.path('src/store.ts'), `// edited\n${source}`);
            await watcher.waitFor(done, 2, 60_000);
            rerun = watcher.output().slice(first);
            const end = [...rerun.matchAll(done)].pop()?.index ?? rerun.length;
            output = rerun.slice(Math.max(0, rerun.lastIndexOf('[mocha] waiting for changes', end)), end + 20);
          } finally {
            await watcher.stop();
            writeFileSync(project.path('src/store.ts'), source);
          }

          // Assert
          expect(output).to.match(/ {2}4 passing/);
          expect(output).not.to.match(/failing/);
          expect(rerun).not.to.match(/already marked|Warning/);
          const titles = [...output.matchAll(/✔ (.*?)(?: \(\d+ms\))?$/gm)].map((match) => ({ title: match[1] as string, passed: true }));
          expect(differences(titles, swept(1)), output).to.deep.equal([]);
        });
      });
    });
  }

  describe('when mocha runs the files in parallel', () => {
    it('should sweep each file in its worker, every case passing', async () => {
      // Arrange
      scratch().writeFile('test/again.test.ts', SECOND);

      // Act
      const result = await scratch().run('sh', ['-c', `${commandOf(own, /--parallel/)} --reporter=json`]);

      // Assert
      expect(result.status, describeResult(result)).to.equal(0);
      const cases = mochaJsonCases(result.stdout);
      expect(cases.map((test) => test.passed)).to.deep.equal(Array(8).fill(true));
      expect([cases.slice(0, 4), cases.slice(4)].map((file) => differences(file, swept()))).to.deep.equal([[], []]);
    });
  });
});
