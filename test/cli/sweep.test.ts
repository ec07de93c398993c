import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { childEnv } from '../support/childEnv';
import { FAILCMD, root, runBin } from './cliBins';

interface Run {
  n: number;
  injected: boolean;
  function: string | null;
  site: string | null;
  exitCode: number | null;
  signal: string | null;
  crashed: boolean;
  crashes: Array<{ origin: string; message: string }>;
}

interface Report {
  functions: string[];
  runs: Run[];
  faultPoints: number;
  crashed: number;
  complete: boolean;
  noFaultReason: string | null;
}

function sweep(args: readonly string[]): { status: number | null; report: Report } {
  const run = runBin(FAILCMD, ['--sweep', '--json', ...args]);
  expect(run.stderr).to.equal('');
  return { status: run.status, report: JSON.parse(run.stdout) as Report };
}

const socketpairMain = require.resolve('@errinject/examples/dist/socketpair/main.js');
const socketpairOnce = require.resolve('@errinject/examples/dist/socketpair/once.js');
const kernel = require.resolve('@errinject/examples/dist/socketpair/kernel.js');
const kernelSource = path.join(root, 'examples', 'src', 'socketpair', 'kernel.ts');
const buggyMain = require.resolve('@errinject/examples/dist/buggy-cache/main.js');
const buggySource = path.join(root, 'examples', 'buggy-cache', 'src', 'cache.ts');

describe('failcmd --sweep', () => {
  describe('when it sweeps the socketpair example', () => {
    let faultsInTheExample: number;
    before(() => {
      const lines = execFileSync(process.execPath, [socketpairMain], { encoding: 'utf8', env: childEnv() }).split('\n');
      faultsInTheExample = lines.filter((line) => / fault Y: /.test(line)).length;
    });

    it('should find exactly the fault points the example\'s own fail-nth loop shows, each named', () => {
      // Act
      const { status, report } = sweep(['--', 'node', socketpairOnce]);

      // Assert
      expect(status).to.equal(0);
      expect(faultsInTheExample).to.equal(13);
      expect(report.faultPoints).to.equal(faultsInTheExample);
      expect(report.runs.map((run) => run.n)).to.deep.equal(Array.from({ length: faultsInTheExample + 1 }, (_, i) => i + 1));
      expect(report.functions.slice().sort()).to.deep.equal(['Fd.getUnused', 'Slab.kmalloc', 'Sock.connectPair', 'Sock.create', 'SockFile.alloc']);
      expect(report.runs.map((run) => run.function)).to.deep.equal([
        'Fd.getUnused', 'Fd.getUnused',
        'Sock.create', 'Slab.kmalloc', 'Slab.kmalloc',
        'Sock.create', 'Slab.kmalloc', 'Slab.kmalloc',
        'Sock.connectPair',
        'SockFile.alloc', 'Slab.kmalloc',
        'SockFile.alloc', 'Slab.kmalloc',
        null,
      ]);
      // kernel.js, or kernel.ts where the processes keep source maps (as they do under coverage)
      expect(report.runs.slice(0, -1).every((run) => run.site?.startsWith(`${kernel}:`) || run.site?.startsWith(`${kernelSource}:`))).to.equal(true, report.runs[0]?.site ?? '');
      expect(report.runs.every((run) => run.exitCode === 0 && !run.crashed)).to.equal(true);
      expect(report).to.include({ crashed: 0, complete: true });
    });

    it('should give the same report with -j 2', () => {
      // Act
      const one = sweep(['--', 'node', socketpairOnce]).report;
      const two = sweep(['-j', '2', '--', 'node', socketpairOnce]).report;

      // Assert
      const shape = (report: Report): unknown[] => report.runs.map((run) => [run.n, run.injected, run.function, run.site, run.exitCode, run.crashed]);
      expect(shape(two)).to.deep.equal(shape(one));
    });
  });

  describe('when it sweeps the examples in shards and merges them (issue 13)', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-e2e-shards-'));
    });
    after(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    for (const [name, command, status] of [
      ['socketpair', ['node', socketpairOnce], 0],
      ['buggy cache', ['node', '--enable-source-maps', buggyMain], 1],
    ] as const) {
      it(`should merge 1/3, 2/3 and 3/3 of the ${name} into the unsharded report, run for run, with its table and exit status`, () => {
        // Arrange
        const whole = runBin(FAILCMD, ['--sweep', '--json', '--', ...command]);
        const wholeTable = runBin(FAILCMD, ['--sweep', '--', ...command]);
        const files = [1, 2, 3].map((index) => {
          const shard = runBin(FAILCMD, ['--sweep', '--json', '--shard', `${index}/3`, '--', ...command]);
          expect(shard.stderr).to.equal('');
          const file = path.join(dir, `${name}-${index}.json`);
          writeFileSync(file, shard.stdout);
          return file;
        });

        // Act
        const merged = runBin(FAILCMD, ['--merge', '--json', ...files]);
        const mergedTable = runBin(FAILCMD, ['--merge', ...files.reverse()]);

        // Assert: the same fault points, functions, call sites and outcomes, run for run
        const [one, all] = [JSON.parse(whole.stdout) as Report, JSON.parse(merged.stdout) as Report];
        const shape = (report: Report): unknown[] => report.runs.map((run) => [run.n, run.injected, run.function, run.site, run.exitCode, run.signal, run.crashed]);
        expect(shape(all)).to.deep.equal(shape(one));
        expect(all.runs.length).to.be.greaterThan(3);
        expect([all.functions, all.faultPoints, all.crashed, all.complete, all.noFaultReason]).to.deep.equal([one.functions, one.faultPoints, one.crashed, one.complete, one.noFaultReason]);
        expect(mergedTable.stdout).to.equal(wholeTable.stdout);
        expect([merged.status, mergedTable.status, whole.status]).to.deep.equal([status, status, status]);
        expect(merged.stderr).to.equal('');
      });
    }
  });

  describe('when it sweeps the buggy cache', () => {
    const sourceLines = readFileSync(buggySource, 'utf8').split('\n');
    const bugLine = sourceLines.findIndex((line) => line.includes('alloc(value.length)!')) + 1;
    const bugColumn = (sourceLines[bugLine - 1] as string).indexOf('alloc(') + 1;

    it('should report the crash at n = 3, naming alloc and its call site in put', () => {
      // Act
      const { status, report } = sweep(['--', 'node', '--enable-source-maps', buggyMain]);

      // Assert
      expect(status).to.equal(1);
      const crashed = report.runs.filter((run) => run.crashed);
      expect(crashed.map((run) => [run.n, run.function, run.exitCode])).to.deep.equal([[3, 'alloc', 1]]);
      expect(crashed[0]?.crashes[0]?.origin).to.equal('uncaughtException');
      expect(crashed[0]?.crashes[0]?.message).to.contain('null');
      const [, file, line, column] = /^(.*):(\d+):(\d+)$/.exec(crashed[0]?.site ?? '') ?? [];
      expect(file).to.equal(buggySource);
      expect(Number(line)).to.equal(bugLine);
      // V8 names the call by its callee or, for TypeScript's (0, f)(...) form, its "(".
      expect(Number(column)).to.be.within(bugColumn, bugColumn + 'alloc'.length);
      expect(report.runs.filter((run) => run.function === 'alloc' && !run.crashed).every((run) => !run.site?.endsWith(`:${bugLine}:${column}`))).to.equal(true);
      expect(report).to.include({ faultPoints: 6, crashed: 1, complete: true });
    });

    it('should print the crash in its table and exit 1', () => {
      // Act
      const run = runBin(FAILCMD, ['--sweep', '-j', '2', '--', 'node', '--enable-source-maps', buggyMain]);

      // Assert
      expect(run.status).to.equal(1);
      expect(run.stdout).to.match(new RegExp(`\\n *3 +Y +alloc +examples/buggy-cache/src/cache\\.ts:${bugLine}:\\d+ +1 +uncaughtException: Cannot set properties of null`));
      expect(run.stdout).to.contain('6 fault points in 7 runs, 1 crashed');
    });

    it('should name the call site ei-lint reports as an unchecked call', () => {
      // Arrange
      const { report } = sweep(['--', 'node', '--enable-source-maps', buggyMain]);
      const site = report.runs.find((run) => run.crashed)?.site ?? '';

      // Act
      const lint = spawnSync(process.execPath, [path.join(path.dirname(require.resolve('@errinject/lint/package.json')), 'bin', 'ei-lint.js'), '-p', 'examples/buggy-cache', '--format', 'json'], {
        cwd: root,
        encoding: 'utf8',
        env: childEnv(),
      });

      // Assert: the same file and line; ei-lint's column is the call's first character
      const findings = JSON.parse(lint.stdout) as Array<{ ruleId: string; file: string; line: number; column: number }>;
      expect(findings.map((finding) => [finding.ruleId, path.join(root, finding.file), finding.line, finding.column])).to.deep.equal([['ei/unchecked-call', buggySource, bugLine, bugColumn]]);
      expect(site.startsWith(`${buggySource}:${bugLine}:`)).to.equal(true);
    });
  });

  describe('when the command finds no fault point', () => {
    it('should say why in the table and the JSON report: a command that never loads the core, one that marks none of the functions named', () => {
      // Act
      const plain = runBin(FAILCMD, ['--sweep', '--', 'node', '-e', '']);
      const typo = sweep(['--inject', 'Sock.craete', '--', 'node', socketpairOnce]);

      // Assert
      expect(plain.status).to.equal(0);
      expect(plain.stdout.split('\n').slice(-3)).to.deep.equal([
        '0 fault points in 1 run, 0 crashed',
        'no fault point: the command never loaded @errinject/core (is it a Node.js program that imports it?)',
        '',
      ]);
      expect(typo.report).to.include({
        faultPoints: 0,
        noFaultReason: 'the command marked none of the functions named with --inject (it marked Slab.kmalloc, Fd.getUnused, Sock.create, Sock.connectPair, SockFile.alloc)',
      });
    });
  });
});
