/**
 * The consumer that type-checks the published types in a scratch project (test/packaging/consumerTypes.test.ts):
 * its source files and its tsconfig files, one a module setting.
 */

/** Uses every package's entry point, so that an `any` (an unresolved or broken type) shows. */
export const CONSUMER = `import { AllowErrorInjection, EI_TYPE_ERRNO, debugfs, errno, FAULT_CHANNEL, sweep, type FaultEvent, type SweepReport } from '@errinject/core';
import { lintSources, formatStylish, RULES, type Finding, type LintResult } from '@errinject/lint';
import { parseFailcmdArgs, formatSweepTable, type CommandSweepReport } from '@errinject/cli';
import { describeSweep, caseTitle, type DescribeSweepOptions } from '@errinject/mocha';
import { FS_ERRNOS, fsError, registerNodeCapabilities, NODE_CAPABILITIES, type FsError } from '@errinject/node';
import '@errinject/node/register';

export const enomem: number = errno.ENOMEM;
export const channel: string = FAULT_CHANNEL;
export const knobs: string[] = debugfs.list('fail_function');
export const findings: Finding[] = lintSources({ 'a.ts': 'export {};' });
export const text: string = formatStylish(findings, { cwd: '.', color: false });
export const ruleIds: string[] = RULES.map((rule) => rule.id);
export type Reported = LintResult | CommandSweepReport | FaultEvent;
export const args = parseFailcmdArgs(['--', 'node']);
export const table: (report: CommandSweepReport) => string = (report) => formatSweepTable(report);
export const title: typeof caseTitle = caseTitle;
export const options: DescribeSweepOptions<number> = { allowThrow: true };
export const report: Promise<SweepReport<number>> = sweep(() => 1);
export const suite: Mocha.Suite = describeSweep('store', () => 1, options);
export const type: number = EI_TYPE_ERRNO;
export const decorate = AllowErrorInjection(EI_TYPE_ERRNO);
export const fsFailure: FsError = fsError(FS_ERRNOS.open[0], { syscall: 'open', path: 'x' });
export const loaded: string[] = registerNodeCapabilities();
export const capabilities: readonly string[] = NODE_CAPABILITIES;

// @ts-expect-error: errno values are numbers (fails if the types were lost to any)
export const wrong: string = errno.ENOMEM;
// @ts-expect-error: lintSources takes a record of sources
lintSources('a.ts');
// @ts-expect-error: an errno's table is of names (fails if the types were lost to any)
export const wrongErrno: number = FS_ERRNOS.open[0];
`;

/** A class decorated with the core's decorator, for both decorator modes. */
export const DECORATED = `import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';

export class Store {
  private readonly files = new Map<string, number>();

  @AllowErrorInjection(EI_TYPE_ERRNO)
  open(path: string): number {
    return this.files.get(path) ?? 0;
  }

  @AllowErrorInjection(EI_TYPE_NULL, { name: 'Store.read' })
  async read(path: string): Promise<string | null> {
    return path;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO)
  static create(): number {
    return 0;
  }
}
`;

/** An ES module consumer, for the Node module settings. */
export const ESM_CONSUMER = `import { errno, sweep } from '@errinject/core';
import { lintSources } from '@errinject/lint';
import { parseFailcmdArgs } from '@errinject/cli';
import { caseTitle } from '@errinject/mocha';
import { fsError } from '@errinject/node';
import '@errinject/node/register';

export const values: [number, unknown, unknown, unknown, unknown, unknown] = [errno.EIO, sweep, lintSources, parseFailcmdArgs, caseTitle, fsError];
`;

export interface ConsumerConfig {
  /** Names the tsconfig file (`tsconfig.<name>.json`). */
  readonly name: string;
  readonly module: string;
  readonly moduleResolution?: string;
  readonly experimentalDecorators: boolean;
  readonly files: readonly string[];
}

/**
 * The module settings: CommonJS without `esModuleInterop`, Node's ES module resolution (with an ES
 * module consumer too) and a bundler's. Each carries one decorator mode, so that every TypeScript
 * version checks both. (`node16` resolves as `nodenext` does for these packages, and `preserve` as
 * `esnext` with the bundler resolution; each run costs seconds of a shared CI machine.)
 */
export const CONFIGS: readonly ConsumerConfig[] = [
  { name: 'commonjs', module: 'commonjs', experimentalDecorators: true, files: ['src/consumer.ts', 'src/decorated.ts'] },
  { name: 'nodenext', module: 'nodenext', experimentalDecorators: false, files: ['src/consumer.ts', 'src/decorated.ts', 'src/esm.mts'] },
  { name: 'bundler', module: 'esnext', moduleResolution: 'bundler', experimentalDecorators: true, files: ['src/consumer.ts', 'src/decorated.ts'] },
];

/** The tsconfig of a setting: strict, no emit, `skipLibCheck: false`, Node's types only. */
export function tsconfig(config: ConsumerConfig): string {
  const compilerOptions: Record<string, unknown> = {
    target: 'es2022',
    lib: ['es2022'],
    module: config.module,
    ...(config.moduleResolution === undefined ? {} : { moduleResolution: config.moduleResolution }),
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
    ...(config.experimentalDecorators ? { experimentalDecorators: true } : {}),
  };
  return `${JSON.stringify({ compilerOptions, files: config.files }, null, 2)}\n`;
}

/**
 * Every file of the consumer: its sources and a tsconfig per module setting (`tsconfig.<name>.json`).
 *
 * @returns the files, by path relative to the project
 */
export function consumerFiles(): Record<string, string> {
  const files: Record<string, string> = { 'src/consumer.ts': CONSUMER, 'src/decorated.ts': DECORATED, 'src/esm.mts': ESM_CONSUMER };
  for (const config of CONFIGS) files[`tsconfig.${config.name}.json`] = tsconfig(config);
  return files;
}
