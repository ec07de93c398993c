import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { median } from './harness';

/**
 * Marking cost as an application grows: a module marks 10,000 functions, and the time of each
 * thousand marks is taken as it goes. Marking must cost the same for the ten-thousandth function as
 * for the first (it once scanned the whole registry at each mark: 5,000 marks took 15 s, the next
 * 5,000 35 s). Three fixtures, each one module compiled here with the repository's TypeScript and run
 * in a child process of its own (the registry is per process):
 *
 * - `functions`: 10,000 plain functions wrapped by `allowErrorInjection`;
 * - `legacy`: 2,000 classes under `experimentalDecorators`, each with two fields and five decorated
 *   methods beside an undecorated one;
 * - `standard`: the same classes under standard decorators (target ES2022, where the class name is
 *   read from the decorator's call site).
 *
 * Each fixture runs in three child processes, after a warm-up thousand of the same kind that is not
 * timed; each thousand's time is the median over them. The figure is the ratio of the last three
 * thousands' median to the first three's (bar 1.5: near 1, with room for this machine's noise and the
 * garbage collector; the registry's old scan made it 10x and more), and the time per mark.
 */

const MARKS = 10_000;
const PER_CLASS = 5;
const THOUSAND = 1000;
/** Child processes a fixture runs in; each thousand's figure is the median over them. */
const ROUNDS = 3;

type Fixture = 'functions' | 'legacy' | 'standard';

function functionsSource(prefix: string, marks: number): string {
  const lines = ["import { allowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';", 'declare const tick: () => void;', 'tick();'];
  for (let i = 0; i < marks; i++) {
    lines.push(`export const ${prefix}${i} = allowErrorInjection(EI_TYPE_ERRNO, function ${prefix}${i}(n: number): number { return n > ${i} ? -22 : n; });`);
    if ((i + 1) % THOUSAND === 0) lines.push('tick();');
  }
  return lines.join('\n');
}

function classesSource(prefix: string, marks: number): string {
  const lines = ["import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';", 'declare const tick: () => void;', 'tick();'];
  const classes = marks / PER_CLASS;
  for (let i = 0; i < classes; i++) {
    lines.push(`export class ${prefix}${i} {`);
    lines.push(`  private readonly rows = new Map<string, number>();`);
    lines.push(`  private count = ${i};`);
    lines.push(`  @AllowErrorInjection(EI_TYPE_ERRNO) open(path: string): number { return path.length + this.count; }`);
    lines.push(`  @AllowErrorInjection(EI_TYPE_NULL) read(key: string): number | null { return this.rows.get(key) ?? null; }`);
    lines.push(`  @AllowErrorInjection(EI_TYPE_ERRNO) write(key: string, value: number): number { this.rows.set(key, value); return 0; }`);
    lines.push(`  @AllowErrorInjection(EI_TYPE_ERRNO) sync(): number { return this.rows.size; }`);
    lines.push(`  @AllowErrorInjection(EI_TYPE_NULL) static create(): ${prefix}${i} | null { return new ${prefix}${i}(); }`);
    lines.push(`  close(): void { this.rows.clear(); }`);
    lines.push('}');
    if (((i + 1) * PER_CLASS) % THOUSAND === 0) lines.push('tick();');
  }
  return lines.join('\n');
}

function compile(fixture: Fixture, dir: string, prefix: string, marks: number): string {
  const source = fixture === 'functions' ? functionsSource(prefix, marks) : classesSource(prefix, marks);
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      experimentalDecorators: fixture === 'legacy',
      useDefineForClassFields: true,
    },
  });
  const file = join(dir, `mark-${fixture}-${prefix}.js`);
  writeFileSync(file, outputText);
  return file;
}

/**
 * Runs one fixture in a child process, after a warm-up module of the same kind (a thousand marks
 * that are not timed, so that the first thousand timed is not the one that compiles the core).
 *
 * @returns milliseconds per thousand marks, in order
 */
function run(warmUp: string, file: string, core: string): number[] {
  const script = `
    const Module = require('node:module');
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      return resolve.call(this, request === '@errinject/core' ? ${JSON.stringify(core)} : request, ...rest);
    };
    const times = [];
    let last = process.hrtime.bigint();
    globalThis.tick = () => { const now = process.hrtime.bigint(); times.push(Number(now - last) / 1e6); last = now; };
    require(${JSON.stringify(core)});
    require(${JSON.stringify(warmUp)});
    times.length = 0;
    last = process.hrtime.bigint();
    require(${JSON.stringify(file)});
    // The first tick, at the top of the module, ends its loading and compiling.
    process.stdout.write(JSON.stringify(times.slice(1)));`;
  const env = { ...process.env };
  delete env['ERRINJECT'];
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8', maxBuffer: 1 << 20 })) as number[];
}

/**
 * The benchmark.
 *
 * @param core - the core to measure (the workspace's build unless `--core <path>` names another, to
 * measure an older build the same way)
 * @returns whether every fixture met the bar
 */
export function benchMark(core: string = require.resolve('@errinject/core')): boolean {
  console.log(`\nmark: marking ${MARKS} functions in one module, ms per thousand marks (core: ${core})`);
  const dir = join(__dirname, '..', '.cache');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '*\n');
  const bar = 1.5;
  let ok = true;
  for (const fixture of ['functions', 'legacy', 'standard'] as const) {
    const warmUp = compile(fixture, dir, 'Warm', THOUSAND);
    const file = compile(fixture, dir, 'Store', MARKS);
    const runs = Array.from({ length: ROUNDS }, () => run(warmUp, file, core));
    // Each thousand's median over the runs; then the first three thousands against the last three.
    const times = Array.from({ length: MARKS / THOUSAND }, (_, i) => median(runs.map((times) => times[i] as number)));
    const ratio = median(times.slice(-3)) / median(times.slice(0, 3));
    const total = times.reduce((a, b) => a + b, 0);
    const pass = runs.every((times) => times.length === MARKS / THOUSAND) && ratio <= bar;
    ok &&= pass;
    console.log(
      `${pass ? 'PASS' : 'FAIL'}  mark ${fixture}: last three thousand / first three thousand ${ratio.toFixed(3)}x (bar ${bar}x)  ` +
        `[${((total * 1000) / MARKS).toFixed(2)} µs per mark; per thousand: ${times.map((t) => t.toFixed(0)).join(' ')} ms]`,
    );
  }
  return ok;
}
