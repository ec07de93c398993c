import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Code a test runner evaluates from memory (jest's vm scripts), with its source map inline: Node.js
 * knows no source map for it, and no stack-trace formatter is installed. Each case runs in a child
 * process: the inspector's listing is not used under NODE_V8_COVERAGE, which this suite's c8 sets.
 */

const CORE = join(__dirname, '..', '..', 'src', 'report');

/**
 * This process's environment with NODE_V8_COVERAGE empty: Node.js takes no coverage then (one left
 * out of a child's environment would be put back by Node.js, for the coverage of child processes).
 */
function withoutCoverage(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_V8_COVERAGE: '' };
}

/** A child that evaluates TypeScript compiled with an inline source map and prints how its call site is named. */
function nameInChild(file: string, source: string, env: NodeJS.ProcessEnv): string {
  const script = `
    const ts = require('typescript');
    const { runInThisContext } = require('node:vm');
    const { captureCallSite } = require(${JSON.stringify(join(CORE, 'captureCallSite'))});
    const { formatCallSite } = require(${JSON.stringify(join(CORE, 'formatCallSite'))});
    const file = ${JSON.stringify(file)};
    const { outputText } = ts.transpileModule(${JSON.stringify(source)}, {
      fileName: file,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, inlineSourceMap: true },
    });
    // The wrapper stays on the first line, so that the lines are those the source map maps.
    const run = runInThisContext('(function (entry) {' + outputText + '\\n})', { filename: file });
    function entry() { return captureCallSite(entry); }
    process.stdout.write(formatCallSite(run(entry)));
  `;
  return execFileSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), env, encoding: 'utf8', timeout: 30000 });
}

/** Types that the compiler removes, so that the call moves to another line of its output. */
const SOURCE = ['interface Row {', '  readonly key: string;', '}', 'type Entry = () => unknown;', 'type Rows = Row[];', 'const rows: Rows = [];', 'return (entry as Entry)();'].join('\n');

describe('a call site in TypeScript a test runner evaluated from memory', function () {
  this.timeout(60000);
  const file = `/virtual/app-${process.pid}/src/store.ts`;

  it('should be named in the TypeScript source, through the inline source map the inspector lists', () => {
    const env = withoutCoverage();
    // Line 7 of the source, at entry inside the parentheses; the compiled code has it on line 3.
    expect(nameInChild(file, SOURCE, env)).to.equal(`${file}:7:9`);
  });

  it("should leave a JavaScript file's position to V8", () => {
    const env = withoutCoverage();
    expect(nameInChild(file.replace(/\.ts$/, '.js'), SOURCE, env)).to.equal(`${file.replace(/\.ts$/, '.js')}:3:8`);
  });

  it('should leave the position to V8 in a process whose coverage Node.js takes (disabling the debugger would spoil it)', () => {
    const coverage = mkdtempSync(join(tmpdir(), 'errinject-coverage-'));
    try {
      expect(nameInChild(file, SOURCE, { ...withoutCoverage(), NODE_V8_COVERAGE: coverage })).to.equal(`${file}:3:8`);
    } finally {
      rmSync(coverage, { recursive: true, force: true });
    }
  });
});
