import { expect } from 'chai';
import * as path from 'node:path';
import { createScratchProject, describeResult, type CommandResult, type ScratchProject } from '../support/scratchProject';
import { CONFIGS, consumerFiles, type ConsumerConfig } from './consumerFiles';

/**
 * The published `.d.ts` of every package, as a TypeScript 5 or 6 consumer type-checks them: the
 * tarballs installed in a scratch project outside the monorepo, a consumer that imports every public
 * entry point (each package's `exports` has one, `.`) and decorates methods in both decorator modes,
 * and `tsc -p` with `skipLibCheck: false` and `types: ["node"]` for each module setting (regression:
 * TS1192 under `module: commonjs` without `esModuleInterop`, TS2503 for `@errinject/mocha`'s `Mocha`
 * namespace, TS2552 `MapIterator` from ts-morph's types behind `@errinject/lint`'s on TypeScript 5.0
 * and 5.4).
 *
 * One scratch install per TypeScript version (cached between runs by the harness), several tsconfig
 * files in it.
 */

/** The version of a package the monorepo has installed: the repository's own toolchain. */
function installedVersion(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** TypeScript 5.0 (the oldest a consumer may use), 5.4, 5.9 (the last 5.x) and the repository's own 6.0. */
const TYPESCRIPTS: readonly string[] = ['5.0.4', '5.4.5', '5.9.3', installedVersion('typescript')];

/** How many compilers run at once: the CI machine's two cores. */
const CONCURRENCY = 2;

/** The other packages a consumer installs: Node's types, and mocha's for `@errinject/mocha`. */
const CONSUMER_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/node': installedVersion('@types/node'),
  mocha: installedVersion('mocha'),
  '@types/mocha': installedVersion('@types/mocha'),
};

/** The files of the program `tsc --listFiles` printed, relative to the project's node_modules. */
function listedPackages(project: ScratchProject, stdout: string): string[] {
  const modules = project.path('node_modules') + path.sep;
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(modules))
    .map((line) => line.slice(modules.length));
}

/**
 * Runs tasks, at most `limit` at a time.
 *
 * @returns each task's promise, in order
 */
function limited<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Array<Promise<T>> {
  const lanes: Array<Promise<unknown>> = Array.from({ length: limit }, () => Promise.resolve());
  return tasks.map((task, index) => {
    const result = lanes[index % limit]!.then(task);
    lanes[index % limit] = result.catch(() => undefined);
    return result;
  });
}

/** The message of a failed check: the compiler's diagnostics, without the files `--listFiles` printed. */
function diagnostics(project: ScratchProject, result: CommandResult): string {
  const stdout = result.stdout
    .split('\n')
    .filter((line) => !line.startsWith(project.dir) && !line.includes('/node_modules/typescript/lib/'))
    .join('\n');
  return describeResult({ ...result, stdout });
}

function title(config: ConsumerConfig): string {
  const resolution = config.moduleResolution === undefined ? '' : ` and moduleResolution ${config.moduleResolution}`;
  return `module ${config.module}${resolution} (${config.experimentalDecorators ? 'experimentalDecorators' : 'standard decorators'})`;
}

describe('the published types, type-checked by a consumer', function () {
  // A cold cache installs each TypeScript from the registry; each compiler run takes seconds.
  this.timeout(300_000);

  for (const version of TYPESCRIPTS) {
    describe(`when the consumer uses TypeScript ${version}`, () => {
      let project: ScratchProject | undefined;
      let checks: Array<Promise<CommandResult>> = [];

      before(async () => {
        project = await createScratchProject({ name: `types-ts${version.replace(/\W/g, '')}`, dependencies: { typescript: version, ...CONSUMER_DEPENDENCIES }, files: consumerFiles() });
        const tsc = project.path('node_modules/typescript/bin/tsc');
        checks = limited(
          CONFIGS.map((config) => () => project!.run(process.execPath, [tsc, '-p', `tsconfig.${config.name}.json`, '--listFiles'], { timeoutMs: 180_000 })),
          CONCURRENCY,
        );
      });

      after(async () => {
        await Promise.all(checks);
        project?.remove();
      });

      it('should install the tarballs, resolved from the scratch project rather than the monorepo', async () => {
        const result = await project!.run(process.execPath, ['-p', "[require.resolve('@errinject/lint'), require('typescript/package.json').version].join(' ')"]);
        expect(result.status, describeResult(result)).to.equal(0);
        expect(result.stdout.trim()).to.equal(`${project!.path('node_modules/@errinject/lint/dist/index.js')} ${version}`);
      });

      CONFIGS.forEach((config, index) => {
        it(`should type-check every entry point with ${title(config)}, skipLibCheck false`, async () => {
          // Act
          const result = await checks[index]!;

          // Assert
          expect(result.status, diagnostics(project!, result)).to.equal(0);
          const listed = listedPackages(project!, result.stdout);
          for (const name of ['core', 'node', 'lint', 'cli', 'mocha']) expect(listed, `@errinject/${name}'s types checked`).to.include(`@errinject/${name}/dist/index.d.ts`);
          expect(
            listed.filter((file) => /^(ts-morph|@ts-morph)\/|^typescript\/lib\/typescript\.d\.ts$/.test(file)),
            "the compiler's own types, behind @errinject/lint's (TS2552 MapIterator on TypeScript 5.0 and 5.4)",
          ).to.deep.equal([]);
        });
      });
    });
  }
});
