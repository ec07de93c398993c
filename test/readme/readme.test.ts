import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { childEnv } from '../support/childEnv';

/**
 * The packages' READMEs promise runnable examples: every ```ts block followed by a ```text block is
 * compiled, run as a program of its own, and must print exactly that text.
 */

interface Example {
  readonly line: number;
  readonly source: string;
  readonly output: string;
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const block = /```(\w+)\n([\s\S]*?)```/g;
  const blocks: Array<{ lang: string; body: string; index: number }> = [];
  for (let match = block.exec(markdown); match !== null; match = block.exec(markdown)) {
    blocks.push({ lang: match[1] as string, body: match[2] as string, index: match.index });
  }
  for (let i = 0; i < blocks.length - 1; i++) {
    const code = blocks[i] as (typeof blocks)[number];
    const next = blocks[i + 1] as (typeof blocks)[number];
    if (code.lang === 'ts' && next.lang === 'text') {
      examples.push({ line: markdown.slice(0, code.index).split('\n').length, source: code.body, output: next.body });
    }
  }
  return examples;
}

const root = dirname(dirname(require.resolve('@errinject/core/package.json')));
const readmes = ['core/README.md', 'node/README.md'].map((file) => join(root, file));
// Inside the repository, so that the examples resolve the packages by name.
const scratch = join(__dirname, 'readme-examples');

describe('README examples', () => {
  before(() => mkdirSync(scratch, { recursive: true }));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const readme of readmes) {
    const examples = examplesOf(readFileSync(readme, 'utf8'));
    describe(readme.slice(root.length + 1), () => {
      it('should have examples to run', () => {
        expect(examples.length).to.be.greaterThan(3);
      });
      it('should type-check every example under the strict settings', () => {
        const files = examples.map((example) => {
          const file = join(scratch, `typed-${example.line}.ts`);
          // A module of its own each, so that examples do not share top-level names.
          writeFileSync(file, `${example.source}\nexport {};\n`);
          return file;
        });
        const program = ts.createProgram(files, {
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          module: ts.ModuleKind.NodeNext,
          moduleResolution: ts.ModuleResolutionKind.NodeNext,
          target: ts.ScriptTarget.ES2022,
          types: ['node'],
          esModuleInterop: true,
          skipLibCheck: true,
        });
        const problems = ts.getPreEmitDiagnostics(program).map((d) => {
          const where = d.file ? `${d.file.fileName.slice(scratch.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
          return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
        });
        expect(problems).to.deep.equal([]);
      });
      for (const example of examples) {
        it(`should print what the README shows for the example at line ${example.line}`, () => {
          const js = ts.transpileModule(example.source, {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
          }).outputText;
          const file = join(scratch, `example-${example.line}.js`);
          writeFileSync(file, js);
          const result = spawnSync(process.execPath, [file], { encoding: 'utf8', env: childEnv() });
          expect(result.stderr).to.equal('');
          expect(result.status).to.equal(0);
          expect(result.stdout.trimEnd()).to.equal(example.output.trimEnd());
        });
      }
    });
  }
});
