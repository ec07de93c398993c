import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { createScratchProject, describeResult, type ScratchProject } from '../support/scratchProject';
import { caseTitle, differences, jsonReportCases, literal, OPEN_SITE, READ_SITE, UNCHECKED_SOURCE, uncheckedTest } from './support/cases';
import { JEST_PINS } from './support/pins';
import { commandOf, recipe } from './support/readmeRecipes';

/**
 * The README's jest recipe, run as written in a scratch project of the packed tarballs: jest 30 in
 * its ES module mode, with ts-jest and with @swc/jest, each in both decorator modes.
 */


/** The recipe's cases: the summary, then one a run, at the call sites in the TypeScript source. */
const SWEPT: ReadonlyArray<readonly [RegExp, boolean]> = [
  [/^reaches every fault point$/, true],
  [caseTitle(1, 'Store\\.open', literal(OPEN_SITE)), true],
  [caseTitle(2, 'Store\\.read', literal(READ_SITE)), true],
  [caseTitle(3), true],
];

const STRICT = /"strict": true,\n/;
const SWC_STANDARD = "transform: { decoratorVersion: '2022-03' },";

describe('the README recipe for jest', function () {
  this.timeout(300_000);
  const own = recipe('jest');
  const tsJest = commandOf(own, /npx jest$/);
  const swcJest = commandOf(own, /npx jest -c jest\.swc\.config\.mjs$/);
  let project: ScratchProject | undefined;

  before(async () => {
    project = await createScratchProject({ name: 'jest', packages: ['core'], dependencies: JEST_PINS, files: own.files });
  });
  after(() => project?.remove());

  function scratch(): ScratchProject {
    return project as ScratchProject;
  }

  /** Runs a command of the recipe and reads jest's report. */
  async function runJest(command: string, status = 0, filter = ''): Promise<ReturnType<typeof jsonReportCases>> {
    rmSync(scratch().path('report.json'), { force: true });
    const result = await scratch().run('sh', ['-c', `${command} --json --outputFile=report.json ${filter}`]);
    expect(result.status, describeResult(result)).to.equal(status);
    return jsonReportCases(scratch().readFile('report.json'));
  }

  describe('when ts-jest compiles it', () => {
    describe('when the decorators are standard', () => {
      it('should give each fault point a passing case named after the function that fails', async () => {
        const cases = await runJest(tsJest);

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
            cases = await runJest(tsJest, 1, 'test/unchecked.test.ts');
          } finally {
            rmSync(project.path('src/unchecked.ts'));
            rmSync(project.path('test/unchecked.test.ts'));
          }

          // Assert
                    expect(
            differences(cases, [
              [/^reaches every fault point$/, true],
              [caseTitle(1, 'Store\\.open', 'src/unchecked\\.ts:4:20'), true],
              [caseTitle(2, 'Store\\.read', 'src/unchecked\\.ts:6:34'), false],
              [caseTitle(3), true],
            ]),
          ).to.deep.equal([]);
        });
      });
    });

    describe('when the decorators are experimentalDecorators', () => {
      it('should give each fault point a passing case named after the function that fails', async () => {
        const tsconfig = own.files['tsconfig.json'] as string;
        expect(tsconfig).to.match(STRICT);
        scratch().writeFile('tsconfig.json', tsconfig.replace(STRICT, '$&    "experimentalDecorators": true,\n'));

        let cases: ReturnType<typeof jsonReportCases>;
        try {
          cases = await runJest(tsJest);
        } finally {
          scratch().writeFile('tsconfig.json', tsconfig);
        }

        expect(differences(cases, SWEPT)).to.deep.equal([]);
      });
    });
  });

  describe('when @swc/jest compiles it', () => {
    describe("when the decorators are standard (swc's 2022-03)", () => {
      it('should give each fault point a passing case named after the function that fails', async () => {
        const cases = await runJest(swcJest);

        expect(differences(cases, SWEPT)).to.deep.equal([]);
      });
    });

    describe("when the decorators are swc's legacyDecorator", () => {
      it('should give each fault point a passing case named after the function that fails', async () => {
        const config = own.files['jest.swc.config.mjs'] as string;
        expect(config).to.include(SWC_STANDARD);
        scratch().writeFile('jest.swc.config.mjs', config.replace(SWC_STANDARD, 'transform: { legacyDecorator: true, decoratorMetadata: true },'));

        const cases = await runJest(swcJest);

        expect(differences(cases, SWEPT)).to.deep.equal([]);
      });
    });
  });
});
