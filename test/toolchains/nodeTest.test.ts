import { expect } from 'chai';
import { createScratchProject, describeResult, type ScratchProject } from '../support/scratchProject';
import { caseTitle, differences, literal, OPEN_SITE, READ_SITE, tapCases, UNCHECKED_SOURCE, uncheckedTest } from './support/cases';
import { NODE_TEST_PINS } from './support/pins';
import { commandOf, recipe } from './support/readmeRecipes';

/**
 * The README's node:test recipe, run as written in a scratch project of the packed tarballs: tsc
 * compiles it, `node --test` runs it, in both decorator modes.
 */

/** The cases of the recipe's sweep of `load`, with sites as tsc's source maps give them. */
const SWEPT: ReadonlyArray<readonly [RegExp, boolean]> = [
  [caseTitle(1, 'Store\\.open', literal(OPEN_SITE)), true],
  [caseTitle(2, 'Store\\.read', literal(READ_SITE)), true],
  [caseTitle(3), true],
];

/** Two async describe bodies in one file, whose sweeps overlap as node:test loads it. */
const OVERLAPPING = `import { describe, it } from 'node:test';
import { sweep } from '@errinject/core';
import { load } from '../src/store';

for (const path of ['/a', '/b/c']) {
  describe(\`load \${path}\`, async () => {
    const report = await sweep(() => load(path));
    for (const run of report.runs) {
      it(\`n=\${run.n}: \${run.function ?? 'no fault injected'}\`, () => {
        if (run.outcome.kind !== 'returned') throw run.outcome.error;
      });
    }
  });
}
`;

const LEGACY = /"strict": true,\n/;

describe('the README recipe for node:test', function () {
  this.timeout(300_000);
  const own = recipe('node:test');
  let project: ScratchProject | undefined;

  before(async () => {
    project = await createScratchProject({ name: 'node-test', packages: ['core'], dependencies: NODE_TEST_PINS, files: own.files });
  });
  after(() => project?.remove());

  function scratch(): ScratchProject {
    return project as ScratchProject;
  }

  /** Runs a command in the project, checking its exit status. */
  async function run(command: string, status = 0): Promise<string> {
    const result = await scratch().run('sh', ['-c', command]);
    expect(result.status, describeResult(result)).to.equal(status);
    return result.stdout;
  }

  describe('when tsc compiles it with standard decorators', () => {
    it('should give each fault point a passing subtest named after the function that fails and its call site', async () => {
      const stdout = await run(commandOf(own, /node --test/));

      expect(differences(tapCases(stdout), SWEPT), stdout).to.deep.equal([]);
    });
  });

  describe('when tsc compiles it with experimentalDecorators', () => {
    // One compilation for the recipe and the variants below, which node --test runs a file at a time.
    before(async () => {
      const tsconfig = own.files['tsconfig.json'] as string;
      expect(tsconfig).to.match(LEGACY);
      scratch().writeFile('tsconfig.json', tsconfig.replace(LEGACY, '$&    "experimentalDecorators": true,\n'));
      scratch().writeFile('src/unchecked.ts', UNCHECKED_SOURCE);
      scratch().writeFile('test/unchecked.test.ts', uncheckedTest(own.files['test/store.test.ts'] as string));
      scratch().writeFile('test/overlapping.test.ts', OVERLAPPING);
      await run('rm -rf dist && npx tsc');
    });

    it('should give each fault point a passing subtest named after the function that fails and its call site', async () => {
      const stdout = await run('node --test --enable-source-maps dist/test/store.test.js');

      expect(differences(tapCases(stdout), SWEPT), stdout).to.deep.equal([]);
    });

    describe('when the code does not survive a fault point', () => {
      it("should fail that fault point's subtest, and only that one, with the error", async () => {
        const stdout = await run('node --test --enable-source-maps dist/test/unchecked.test.js', 1);

        const expected = [
          [caseTitle(1, 'Store\\.open', 'src/unchecked\\.ts:4:20'), true],
          [caseTitle(2, 'Store\\.read', 'src/unchecked\\.ts:6:34'), false],
          [caseTitle(3), true],
        ] as const;
        expect(differences(tapCases(stdout), expected), stdout).to.deep.equal([]);
        expect(stdout).to.include(`error: "Cannot read properties of null (reading 'length')"\n      code: 'ERR_TEST_FAILURE'\n      name: 'TypeError'`);
      });
    });

    describe('when two async describe bodies sweep in one file', () => {
      it('should run the second sweep once the first is done, each case in its suite (it was refused with EBUSY)', async () => {
        const stdout = await run('node --test --enable-source-maps dist/test/overlapping.test.js');

        const suite = [
          [/^n=1: Store\.open$/, true],
          [/^n=2: Store\.read$/, true],
          [/^n=3: no fault injected$/, true],
        ] as const;
        expect(differences(tapCases(stdout), [...suite, ...suite]), stdout).to.deep.equal([]);
        expect(stdout).to.match(/# Subtest: load \/a\n {4}# Subtest: n=1: Store\.open\n/);
        expect(stdout).to.match(/# Subtest: load \/b\/c\n {4}# Subtest: n=1: Store\.open\n/);
      });
    });
  });
});
