import { transformSync as babelTransform } from '@babel/core';
import { transformSync as swcTransform } from '@swc/core';
import { expect } from 'chai';
import { transformSync as esbuildTransform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { childEnv } from '../support/childEnv';

/**
 * The names of a class's error-injectable methods, and the call sites of their faults, whatever
 * compiled the class (regression: esbuild, as tsx and vite run it, named static methods `_Net.open`,
 * since it keeps the class as `_Net` until its static initializers have run).
 *
 * One realistic class (fields, a static field, decorated and undecorated, instance and static
 * methods), compiled by each compiler in each of its decorator modes, with an inline source map, and
 * run in a process of its own with --enable-source-maps: it prints what `fail_function/injectable`
 * lists at its definition, at the end of it, at its first instance, and the sweep of three calls.
 */

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'compilers', 'net.ts');
const OUT = join(__dirname, '..', 'compiled');
const source = readFileSync(FIXTURE, 'utf8');

interface Compiled {
  readonly code: string;
  /** `.js` (CommonJS) or `.mjs`. */
  readonly extension: '.js' | '.mjs';
}

interface Compiler {
  readonly title: string;
  /** Lists every method at the class's definition: its decorators are handed the class, or tsc's call site shows it. */
  readonly namesInstanceMethodsAtDefinition: boolean;
  readonly compile: () => Compiled;
}

function tsc(target: ts.ScriptTarget, legacy: boolean, metadata = false): Compiled {
  const { outputText } = ts.transpileModule(source, {
    fileName: FIXTURE,
    compilerOptions: {
      target,
      module: ts.ModuleKind.CommonJS,
      experimentalDecorators: legacy,
      emitDecoratorMetadata: metadata,
      inlineSourceMap: true,
      inlineSources: true,
      sourceRoot: dirname(FIXTURE),
    },
  });
  return { code: outputText, extension: '.js' };
}

function esbuild(legacy: boolean): Compiled {
  // As tsx runs it: the Node.js version as target, names kept.
  const { code } = esbuildTransform(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    keepNames: true,
    sourcemap: 'inline',
    sourcefile: FIXTURE,
    tsconfigRaw: { compilerOptions: { experimentalDecorators: legacy } },
  });
  return { code, extension: '.js' };
}

function swc(legacy: boolean): Compiled {
  const { code } = swcTransform(source, {
    filename: FIXTURE,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2022',
      keepClassNames: true,
      transform: legacy ? { legacyDecorator: true, decoratorMetadata: true } : { decoratorVersion: '2022-03' },
    },
    module: { type: 'commonjs' },
  });
  return { code, extension: '.js' };
}

function babel(legacy: boolean): Compiled {
  const result = babelTransform(source, {
    filename: FIXTURE,
    sourceMaps: 'inline',
    sourceFileName: FIXTURE,
    babelrc: false,
    configFile: false,
    presets: [[require.resolve('@babel/preset-typescript'), {}]],
    plugins: [[require.resolve('@babel/plugin-proposal-decorators'), legacy ? { version: 'legacy' } : { version: '2023-11' }]],
  });
  return { code: result?.code ?? '', extension: '.mjs' };
}

const COMPILERS: readonly Compiler[] = [
  { title: 'tsc, experimentalDecorators, ES2018', namesInstanceMethodsAtDefinition: true, compile: () => tsc(ts.ScriptTarget.ES2018, true) },
  { title: 'tsc, experimentalDecorators + metadata, ES2022', namesInstanceMethodsAtDefinition: true, compile: () => tsc(ts.ScriptTarget.ES2022, true, true) },
  { title: 'tsc, standard decorators, ES2022', namesInstanceMethodsAtDefinition: true, compile: () => tsc(ts.ScriptTarget.ES2022, false) },
  { title: 'tsc, standard decorators, ES2018', namesInstanceMethodsAtDefinition: false, compile: () => tsc(ts.ScriptTarget.ES2018, false) },
  { title: 'esbuild (tsx, vite), standard decorators', namesInstanceMethodsAtDefinition: false, compile: () => esbuild(false) },
  { title: 'esbuild (tsx, vite), experimentalDecorators', namesInstanceMethodsAtDefinition: true, compile: () => esbuild(true) },
  { title: 'swc, decorators 2022-03', namesInstanceMethodsAtDefinition: false, compile: () => swc(false) },
  { title: 'swc, legacy decorators + metadata', namesInstanceMethodsAtDefinition: true, compile: () => swc(true) },
  { title: 'Babel, decorators 2023-11', namesInstanceMethodsAtDefinition: false, compile: () => babel(false) },
  { title: 'Babel, legacy decorators', namesInstanceMethodsAtDefinition: true, compile: () => babel(true) },
];

interface Printed {
  readonly atDefinition: string[];
  readonly afterDefinition: string[];
  readonly afterInstance: string[];
  readonly runs: Array<{ function?: string; site?: string; outcome: { kind: string; value?: unknown } }>;
}

/** The fixture's line and column (1-based) of a call: where the called property's name starts, as V8 names a call. */
function positionOf(call: string, property: string): string {
  const lines = source.split('\n');
  const line = lines.findIndex((candidate) => candidate.includes(call));
  return `${line + 1}:${(lines[line] as string).indexOf(call) + call.indexOf(property) + 1}`;
}

function run(id: string, compiled: Compiled): Printed {
  const dir = join(OUT, id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `net${compiled.extension}`);
  writeFileSync(file, compiled.code);
  const out = execFileSync(process.execPath, ['--enable-source-maps', file], { cwd: dirname(FIXTURE), env: childEnv(), encoding: 'utf8', timeout: 30000 });
  return JSON.parse(out) as Printed;
}

describe('error-injectable methods compiled by each compiler', function () {
  this.timeout(60000);

  COMPILERS.forEach((compiler, index) => {
    describe(`when compiled by ${compiler.title}`, () => {
      let printed: Printed;
      before(() => {
        printed = run(String(index), compiler.compile());
      });

      it('should list every method as Class.method, the static one at the end of the class definition at the latest', () => {
        expect(printed.afterDefinition).to.include('Net.connect');
        expect(printed.afterInstance).to.have.members(['Net.open', 'Net.lookup', 'Net.connect']);
        expect([...printed.atDefinition, ...printed.afterDefinition].filter((name) => !name.startsWith('Net.'))).to.deep.equal([]);
      });

      it(compiler.namesInstanceMethodsAtDefinition ? 'should list the instance methods before any instance exists' : 'should list the instance methods once an instance exists', () => {
        expect(printed.afterDefinition.includes('Net.open')).to.equal(compiler.namesInstanceMethodsAtDefinition);
      });

      it("should fail each call in turn, at the call site in the TypeScript source, relative to the working directory", () => {
        const injected = printed.runs.filter((one) => one.function !== undefined);
        expect(injected.map((one) => one.function)).to.deep.equal(['Net.open', 'Net.connect', 'Net.lookup']);
        expect(injected.map((one) => one.site)).to.deep.equal([
          `net.ts:${positionOf('net.open(80)', 'open')}`,
          `net.ts:${positionOf('Net.connect()', 'connect')}`,
          `net.ts:${positionOf("net.lookup('a')", 'lookup')}`,
        ]);
        const values = injected.map((one) => one.outcome.value as [number, number, unknown]);
        expect(values[0]?.[0]).to.be.below(0);
        expect(values[1]?.[1]).to.be.below(0);
        expect(values[2]?.[2]).to.equal(null);
      });
    });
  });
});
