import { expect } from 'chai';
import { runInThisContext } from 'node:vm';
import * as ts from 'typescript';
import { captureCallSite } from '../../src/report/captureCallSite';
import { formatCallSite } from '../../src/report/formatCallSite';
import { throughInspectedSourceMap } from '../../src/report/inspectedSourceMap';

/**
 * Code a test runner evaluates from memory (jest's vm scripts), with its source map inline: Node.js
 * knows no source map for it, and no stack-trace formatter is installed.
 */
function evaluate(file: string, source: string): (entry: () => unknown) => unknown {
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, inlineSourceMap: true, removeComments: false },
  });
  // The wrapper stays on the first line, so that the lines are those the source map maps.
  return runInThisContext(`(function (entry) {${outputText}\n})`, { filename: file }) as (entry: () => unknown) => unknown;
}

function entry(): NodeJS.CallSite {
  const site = captureCallSite(entry);
  if (site === undefined) throw new Error('no call site');
  return site;
}

describe('a call site in TypeScript a test runner evaluated from memory', () => {
  it('should be named in the TypeScript source, through the inline source map the inspector lists', () => {
    // Arrange: types that the compiler removes, so that the call's column moves in its output.
    const file = `/virtual/app-${process.pid}/src/store.ts`;
    const run = evaluate(
      file,
      ['interface Row {', '  readonly key: string;', '}', 'type Entry = () => unknown;', 'type Rows = Row[];', 'const rows: Rows = [];', 'return (entry as Entry)();'].join('\n'),
    );

    // Act
    const site = run(entry) as NodeJS.CallSite;
    const named = formatCallSite(site);

    // Assert: line 7 of the source (at entry, inside the parentheses), where the compiled code has it on another line.
    expect(site.getLineNumber()).to.not.equal(7);
    expect(named).to.equal(`${file}:7:9`);
  });

  it('should leave a frame of a JavaScript file, or of a script without a source map, to V8', () => {
    const js = evaluate(`/virtual/app-${process.pid}/src/plain.js`, 'return entry();');
    const site = js(entry) as NodeJS.CallSite;
    expect(throughInspectedSourceMap(site)).to.equal(undefined);

    const bare = runInThisContext('(function (entry) { return entry(); })', { filename: `/virtual/app-${process.pid}/src/bare.ts` }) as (e: () => unknown) => unknown;
    const bareSite = bare(entry) as NodeJS.CallSite;
    expect(throughInspectedSourceMap(bareSite)).to.equal(undefined);
    expect(formatCallSite(bareSite)).to.equal(`/virtual/app-${process.pid}/src/bare.ts:1:28`);
  });
});
