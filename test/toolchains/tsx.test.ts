import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { createScratchProject, describeResult, type ScratchProject } from '../support/scratchProject';
import { caseTitle, differences, literal, OPEN_SITE, READ_SITE, tapCases } from './support/cases';
import { NODE_TEST_PINS } from './support/pins';
import { commandOf, recipe } from './support/readmeRecipes';
import { startWatcher } from './support/watcher';

/**
 * The README's tsx recipe, run as written in a scratch project of the packed tarballs: the node:test
 * recipe's file run by `node --import tsx --test` and `tsx --test`, in both decorator modes, and
 * node:test's watch mode.
 */

/** The cases of the recipe's sweep, at the call sites of a file with `shift` lines more above. */
function swept(shift = 0): Array<readonly [RegExp, boolean]> {
  const at = (site: string): string => literal(site.replace(/:(\d+):/, (_, line: string) => `:${Number(line) + shift}:`));
  return [
    [caseTitle(1, 'Store\\.open', at(OPEN_SITE)), true],
    [caseTitle(2, 'Store\\.read', at(READ_SITE)), true],
    [caseTitle(3), true],
  ];
}

const STRICT = /"strict": true,\n/;

describe('the README recipe for tsx', function () {
  this.timeout(300_000);
  const own = recipe('tsx');
  const nodeTest = recipe('node:test');
  let project: ScratchProject | undefined;

  before(async () => {
    project = await createScratchProject({ name: 'tsx', packages: ['core'], dependencies: NODE_TEST_PINS, files: { ...nodeTest.files, ...own.files } });
  });
  after(() => project?.remove());

  function scratch(): ScratchProject {
    return project as ScratchProject;
  }

  for (const mode of ['standard decorators', 'experimentalDecorators'] as const) {
    describe(`when the decorators are ${mode}`, () => {
      before(() => {
        const tsconfig = nodeTest.files['tsconfig.json'] as string;
        expect(tsconfig).to.match(STRICT);
        scratch().writeFile('tsconfig.json', mode === 'standard decorators' ? tsconfig : tsconfig.replace(STRICT, '$&    "experimentalDecorators": true,\n'));
      });

      for (const runner of [/^node --import tsx --test test/, /^npx tsx --test/]) {
        const command = commandOf(own, runner);
        it(`should give each fault point a passing subtest named after the function that fails and its call site, under ${command}`, async () => {
          const result = await scratch().run('sh', ['-c', command]);

          expect(result.status, describeResult(result)).to.equal(0);
          expect(differences(tapCases(result.stdout), swept()), result.stdout).to.deep.equal([]);
        });
      }
    });
  }

  describe('when node:test watches the file and the source changes', () => {
    it('should run it again in a new process, the sweep passing with the same names at the new call sites', async () => {
      // Arrange
      const project = scratch();
      const source = project.readFile('src/store.ts');
      const watcher = startWatcher(commandOf(own, /--watch/), project.dir);
      const done = /^# duration_ms /gm;
      let output = '';
      try {
        await watcher.waitFor(done, 1, 60_000);
        const first = watcher.output().length;

        // Act: a line more above the class, so that every call site moves one line down
        writeFileSync(project.path('src/store.ts'), `// edited\n${source}`);
        await watcher.waitFor(done, 2, 60_000);
        // The last run's report: a change that comes while a run starts may restart it.
        const runs = watcher.output().slice(first).split(/^# duration_ms .*$/m);
        output = runs[runs.length - 2] ?? '';
      } finally {
        await watcher.stop();
        writeFileSync(project.path('src/store.ts'), source);
      }

      // Assert
      expect(differences(tapCases(output), swept(1)), output).to.deep.equal([]);
      expect(output).to.match(/^# fail 0$/m);
    });
  });
});
