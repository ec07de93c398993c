import { expect } from 'chai';
import { rmSync, writeFileSync } from 'node:fs';
import { createScratchProject, describeResult, type ScratchProject } from '../support/scratchProject';
import { caseTitle, differences, jsonReportCases, literal, OPEN_SITE, READ_SITE, UNCHECKED_SOURCE, uncheckedTest } from './support/cases';
import { VITEST_VITE7_PINS, VITEST_VITE8_PINS } from './support/pins';
import { commandOf, recipe, type Recipe } from './support/readmeRecipes';
import { startWatcher } from './support/watcher';

/**
 * The README's vitest recipe, run as written in scratch projects of the packed tarballs: vitest 4 on
 * vite 7 (esbuild) in both decorator modes, with its watch mode, and on vite 8 (Oxc), where only
 * `experimentalDecorators` work.
 */


/** vitest colours its output unless told not to, a terminal or not. */
const NO_COLOR = { NO_COLOR: '1' };

/** The recipe's cases: the summary, then one a run. */
const SWEPT: ReadonlyArray<readonly [RegExp, boolean]> = [
  [/^reaches every fault point$/, true],
  [caseTitle(1, 'Store\\.open', literal(OPEN_SITE)), true],
  [caseTitle(2, 'Store\\.read', literal(READ_SITE)), true],
  [caseTitle(3), true],
];

/** The recipe's files without its tsconfig.json, which sets experimentalDecorators. */
function standardFiles(own: Recipe): Record<string, string> {
  const files = { ...own.files };
  expect(files['tsconfig.json']).to.include('"experimentalDecorators": true');
  delete files['tsconfig.json'];
  return files;
}

describe('the README recipe for vitest', function () {
  this.timeout(300_000);
  const own = recipe('vitest');
  const command = `${commandOf(own, /^npx vitest run$/)} --reporter=json --outputFile=report.json`;

  /** Runs the recipe's command and reads its report. */
  async function runVitest(project: ScratchProject, status = 0, filter = ''): Promise<ReturnType<typeof jsonReportCases>> {
    rmSync(project.path('report.json'), { force: true });
    const result = await project.run('sh', ['-c', `${command} ${filter}`], { env: NO_COLOR });
    expect(result.status, describeResult(result)).to.equal(status);
    return jsonReportCases(project.readFile('report.json'));
  }

  describe('when vitest 4.1 runs on vite 7', () => {
    let project: ScratchProject | undefined;
    before(async () => {
      project = await createScratchProject({ name: 'vitest-vite7', packages: ['core'], dependencies: VITEST_VITE7_PINS, files: standardFiles(own) });
    });
    after(() => project?.remove());

    function scratch(): ScratchProject {
      return project as ScratchProject;
    }

    describe('when the decorators are standard', () => {
      it('should give each fault point a passing case named after the function that fails', async () => {
        const cases = await runVitest(scratch());

        expect(differences(cases, SWEPT)).to.deep.equal([]);
      });

      describe('when the code does not survive a fault point', () => {
        it("should fail that fault point's case, and only that one", async () => {
          // Arrange
          const project = scratch();
          project.writeFile('src/unchecked.ts', UNCHECKED_SOURCE);
          project.writeFile('test/unchecked.test.ts', uncheckedTest(own.files['test/store.test.ts'] as string));

          // Act
          let cases: ReturnType<typeof jsonReportCases>;
          try {
            cases = await runVitest(project, 1, 'test/unchecked.test.ts');
          } finally {
            rmSync(project.path('src/unchecked.ts'));
            rmSync(project.path('test/unchecked.test.ts'));
          }

          // Assert
                    expect(differences(cases, [
            [/^reaches every fault point$/, true],
            [caseTitle(1, 'Store\\.open', 'src/unchecked\\.ts:4:20'), true],
            [caseTitle(2, 'Store\\.read', 'src/unchecked\\.ts:6:34'), false],
            [caseTitle(3), true],
          ])).to.deep.equal([]);
        });
      });

      describe('when vitest watches the files and the source changes', () => {
        it('should run the file again, the sweep passing with the same names at the new call sites', async () => {
          // Arrange
          const project = scratch();
          const source = project.readFile('src/store.ts');
          const watcher = startWatcher(`${commandOf(own, /^npx vitest --watch$/)} --reporter=verbose`, project.dir, NO_COLOR);
          const done = /Waiting for file changes/g;
          let output = '';
          try {
            await watcher.waitFor(done, 1, 60_000);

            // Act: a line more above the class, so that every call site moves one line down
            writeFileSync(project.path('src/store.ts'), `// edited\n${source}`);
            await watcher.waitFor(done, 2, 60_000);
            output = watcher.output();
          } finally {
            await watcher.stop();
            writeFileSync(project.path('src/store.ts'), source);
          }

          // Assert
          const rerun = output.slice(output.lastIndexOf('RERUN'));
          expect(rerun, output).to.match(/RERUN .*src\/store\.ts/);
          const suite = '✓ test/store\\.test\\.ts > load survives every fault point > ';
          expect(rerun).to.match(new RegExp(`${suite}n=1: Store\\.open fails at src/store\\.ts:18:20 `));
          expect(rerun).to.match(new RegExp(`${suite}n=2: Store\\.read fails at src/store\\.ts:20:34 `));
          expect(rerun).to.match(new RegExp(`${suite}n=3: no fault injected `));
          expect(rerun).to.match(/Tests {2}4 passed \(4\)/);
        });
      });
    });

    describe('when the decorators are experimentalDecorators', () => {
      it('should give each fault point a passing case named after the function that fails', async () => {
        scratch().writeFile('tsconfig.json', own.files['tsconfig.json'] as string);

        const cases = await runVitest(scratch());

        expect(differences(cases, SWEPT)).to.deep.equal([]);
      });
    });
  });

  describe('when vitest 4.1 runs on vite 8', () => {
    let project: ScratchProject | undefined;
    before(async () => {
      project = await createScratchProject({ name: 'vitest-vite8', packages: ['core'], dependencies: VITEST_VITE8_PINS, files: own.files });
    });
    after(() => project?.remove());

    function scratch(): ScratchProject {
      return project as ScratchProject;
    }

    describe('when the decorators are experimentalDecorators, as the README sets them', () => {
      it('should give each fault point a passing case named after the function that fails', async () => {
        const cases = await runVitest(scratch());

        expect(differences(cases, SWEPT)).to.deep.equal([]);
      });
    });

    describe('when the decorators are standard', () => {
      it("should fail to load the file with Oxc's SyntaxError, as the README says", async () => {
        rmSync(scratch().path('tsconfig.json'));

        const result = await scratch().run('sh', ['-c', commandOf(own, /^npx vitest run$/)], { env: NO_COLOR });

        expect(result.status, describeResult(result)).to.equal(1);
        expect(result.stdout + result.stderr).to.include('SyntaxError: Invalid or unexpected token');
      });
    });
  });
});
