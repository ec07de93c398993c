import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrashReportRecord, FaultReportRecord, MarkedReportRecord, ReportRecord } from '../../src/index';
import type { ExitReportRecord, LoadedReportRecord } from '../../src/report/ReportRecord';
import { CORE, requireBuiltCore } from '../inject/childProcess';

/**
 * `ERRINJECT_REPORT` as the tools that run a program under faults use it: the variable is read once,
 * when the core loads, and every process of the tree appends to the one file.
 */

interface Run {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
  /** The report's records, or undefined when the file does not exist. */
  readonly records: ReportRecord[] | undefined;
  /** The program's path, as sites name it. */
  readonly program: string;
}

describe('ERRINJECT_REPORT', () => {
  requireBuiltCore();
  let dir = '';

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errinject-report-child-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs a program (lines of JavaScript, `core` bound to the built package) with the report on. */
  function run(lines: readonly string[], env: Record<string, string> = {}): Run {
    const program = join(dir, 'program.js');
    const report = join(dir, 'report.jsonl');
    writeFileSync(program, [`const core = require(${JSON.stringify(CORE)});`, ...lines].join('\n'));
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ERRINJECT_REPORT: report, ...env };
    delete childEnv['NODE_OPTIONS'];
    if (env['ERRINJECT'] === undefined) delete childEnv['ERRINJECT'];
    const child = spawnSync(process.execPath, [program], { env: childEnv, encoding: 'utf8', timeout: 15000 });
    const records = existsSync(report)
      ? readFileSync(report, 'utf8')
          .split('\n')
          .filter((line) => line !== '')
          .map((line) => JSON.parse(line) as ReportRecord)
      : undefined;
    return { status: child.status, stderr: child.stderr, stdout: child.stdout, records, program };
  }

  const { version } = require('@errinject/core/package.json') as { version: string };

  /** The `loaded` record of the main thread of a process. */
  const loaded = (pid: number): LoadedReportRecord => ({ event: 'loaded', pid, threadId: 0, version });

  /** The records but `loaded` and `exit`. */
  const events = (records: readonly ReportRecord[] | undefined): ReportRecord[] | undefined => records?.filter((record) => record.event !== 'loaded' && record.event !== 'exit');

  const ARMED = { ERRINJECT: 'fail_function=1,100,0,-1 fail_function/verbose=0 fail_function/inject=open' };
  const OPEN = "const open = core.allowErrorInjection(core.EI_TYPE_ERRNO, function open() { return 3; });";

  describe('when the program injects faults', () => {
    it("should write one record per fault, naming the function and the caller's call site", () => {
      // Act
      const result = run([OPEN, 'open();', '  open();', 'console.log("done");'], ARMED);

      // Assert
      expect(result.status).to.equal(0);
      const pid = (result.records?.[0] as LoadedReportRecord).pid;
      expect(result.records).to.deep.equal([
        loaded(pid),
        { event: 'marked', pid, threadId: 0, functions: [{ name: 'open', type: 'ERRNO' }] },
        { event: 'fault', pid, capability: 'fail_function', function: 'open', site: `${result.program}:3:1` },
        { event: 'fault', pid, capability: 'fail_function', function: 'open', site: `${result.program}:4:3` },
        { event: 'exit', pid, threadId: 0, armed: ['open'], armAll: false },
      ]);
    });

    it('should name no function for a capability of declareFaultAttr', () => {
      // Act
      const result = run(["const slab = core.declareFaultAttr('fail_slab', { verbose: 0 });", 'core.shouldFail(slab);'], {
        ERRINJECT: 'fail_slab=1,100,0,1',
      });

      // Assert
      expect(events(result.records)).to.have.length(1);
      expect(events(result.records)?.[0]).to.include({ event: 'fault', capability: 'fail_slab', function: null, site: `${result.program}:3:6` });
    });

    it('should share the file between the processes of the tree and their worker threads', () => {
      // Act
      const result = run(
        [
          OPEN,
          'open();',
          "const { spawnSync } = require('node:child_process');",
          "spawnSync(process.execPath, ['-e', `const core = require(${JSON.stringify(require.resolve(CORE_PATH))}); core.allowErrorInjection(core.EI_TYPE_NULL, function child() { return {}; })()`], { stdio: 'inherit' });",
          "const { Worker } = require('node:worker_threads');",
          "new Worker(`const core = require(${JSON.stringify(CORE_PATH)}); core.allowErrorInjection(core.EI_TYPE_NULL, function inWorker() { return {}; })()`, { eval: true });",
        ].map((line) => line.replace(/CORE_PATH/g, JSON.stringify(CORE))),
        { ERRINJECT: 'fail_function=1,100,0,-1 fail_function/verbose=0 fail_function/inject=open fail_function/inject=child fail_function/inject=inWorker' },
      );

      // Assert
      expect(result.status, result.stderr).to.equal(0);
      const faults = (result.records ?? []).filter((record): record is FaultReportRecord => record.event === 'fault');
      expect(faults.map((record) => record.function).sort()).to.deep.equal(['child', 'inWorker', 'open']);
      const pids = new Map(faults.map((record) => [record.function, record.pid]));
      expect(pids.get('child')).to.not.equal(pids.get('open'));
      expect(pids.get('inWorker')).to.equal(pids.get('open'));
      // Each process and each worker lists the functions it marks, the worker with its thread id.
      const marked = (result.records ?? []).filter((record): record is MarkedReportRecord => record.event === 'marked');
      expect(marked.map((record) => [record.pid, record.threadId, record.functions.map((f) => f.name).join()]).sort()).to.deep.equal(
        [
          [pids.get('child'), 0, 'child'],
          [pids.get('open'), 1, 'inWorker'],
          [pids.get('open'), 0, 'open'],
        ].sort(),
      );
      // Each process and each worker says that it loaded the core, and what it had armed as it exited.
      const threads = (event: string): unknown[] =>
        (result.records ?? []).filter((record) => record.event === event).map((record) => [record.pid, (record as LoadedReportRecord).threadId]).sort();
      const all = [[pids.get('child'), 0], [pids.get('open'), 1], [pids.get('open'), 0]].sort();
      expect(threads('loaded')).to.deep.equal(all);
      expect(threads('exit')).to.deep.equal(all);
      const exits = (result.records ?? []).filter((record): record is ExitReportRecord => record.event === 'exit');
      expect(exits.map((record) => record.armed.join()).sort()).to.deep.equal(['child', 'inWorker', 'open']);
    });
  });

  describe('when the program crashes', () => {
    it('should record the fault, then the uncaught exception', () => {
      // Act
      const result = run(
        [
          "const alloc = core.allowErrorInjection(core.EI_TYPE_NULL, function alloc() { return { length: 1 }; });",
          'const buffer = alloc();',
          'console.log(buffer.length);',
        ],
        { ERRINJECT: 'fail_function=1,100,0,-1 fail_function/verbose=0 fail_function/inject=alloc' },
      );

      // Assert
      expect(result.status).to.equal(1);
      expect(result.records?.map((record) => record.event)).to.deep.equal(['loaded', 'marked', 'fault', 'crash', 'exit']);
      const crash = result.records?.[3] as CrashReportRecord;
      expect(crash).to.include({ origin: 'uncaughtException', message: "Cannot read properties of null (reading 'length')" });
      expect(crash.stack).to.match(/^TypeError: Cannot read properties of null \(reading 'length'\)\n\s+at .*program\.js:4:/);
    });

    it('should record an unhandled rejection as such', () => {
      // Act
      const result = run(["Promise.reject(new RangeError('no space'));"]);

      // Assert
      expect(result.status).to.equal(1);
      expect(events(result.records)).to.have.length(1);
      expect(events(result.records)?.[0]).to.include({ event: 'crash', origin: 'unhandledRejection', message: 'no space' });
    });
  });

  describe('when the program marks functions and injects nothing', () => {
    it('should list each function it marks, with its type, as it is marked', () => {
      // Act
      const result = run([OPEN, "core.allowErrorInjection(core.EI_TYPE_TRUE, function busy() { return false; }, { name: 'Dev.busy' });", 'open();', 'process.exitCode = 3;']);

      // Assert
      expect(result.status).to.equal(3);
      const pid = (result.records?.[0] as LoadedReportRecord).pid;
      expect(result.records).to.deep.equal([
        loaded(pid),
        { event: 'marked', pid, threadId: 0, functions: [{ name: 'open', type: 'ERRNO' }] },
        { event: 'marked', pid, threadId: 0, functions: [{ name: 'Dev.busy', type: 'TRUE' }] },
        { event: 'exit', pid, threadId: 0, armed: [], armAll: false },
      ]);
    });

    it('should have listed them when a signal kills it', () => {
      // Act
      const result = run([OPEN, "process.kill(process.pid, 'SIGKILL');"]);

      // Assert
      expect(result.status).to.equal(null);
      expect(events(result.records)?.map((record) => [record.event, (record as MarkedReportRecord).functions[0]?.name])).to.deep.equal([['marked', 'open']]);
      expect(result.records?.map((record) => record.event)).to.deep.equal(['loaded', 'marked']);
    });
  });

  describe('when the program marks nothing, injects nothing and does not crash', () => {
    it('should say only that the core loaded, and that nothing was armed as it exited', () => {
      // Act
      const result = run(['core.debugfs.read("fail_function/inject");', 'process.exitCode = 3;']);

      // Assert
      expect(result.status).to.equal(3);
      const pid = (result.records?.[0] as LoadedReportRecord).pid;
      expect(result.records).to.deep.equal([loaded(pid), { event: 'exit', pid, threadId: 0, armed: [], armAll: false }]);
    });
  });

  describe('when the program arms every function, or arms one itself and disarms it', () => {
    it('should say what was armed as it exited', () => {
      // Act
      const all = run(['process.exitCode = 0;'], { ERRINJECT: 'fail_function/inject=*' });
      const armedInCode = run([OPEN, 'core.debugfs.write("fail_function/inject", "open");']);
      const disarmed = run([OPEN, 'core.debugfs.write("fail_function/inject", "open");', 'core.debugfs.write("fail_function/inject", "!open");']);

      // Assert
      expect(all.records?.at(-1)).to.include({ event: 'exit', armAll: true }).and.to.have.deep.property('armed', []);
      expect(armedInCode.records?.at(-1)).to.include({ event: 'exit', armAll: false }).and.to.have.deep.property('armed', ['open']);
      expect(disarmed.records?.at(-1)).to.include({ event: 'exit', armAll: false }).and.to.have.deep.property('armed', []);
    });
  });

  describe('when the program never loads the core', () => {
    it('should not create the file', () => {
      // Act
      const program = join(dir, 'plain.js');
      const report = join(dir, 'plain.jsonl');
      writeFileSync(program, 'process.exitCode = 4;');
      const child = spawnSync(process.execPath, [program], { env: { ...process.env, ERRINJECT_REPORT: report }, timeout: 15000 });

      // Assert
      expect(child.status).to.equal(4);
      expect(existsSync(report)).to.equal(false);
    });
  });

  describe('when the path is relative', () => {
    it('should say so on stderr and run the program without a report', () => {
      // Act
      const result = run([OPEN, 'open();'], { ...ARMED, ERRINJECT_REPORT: 'report.jsonl' });

      // Assert
      expect(result.status).to.equal(0);
      expect(result.stderr).to.equal('errinject: ERRINJECT_REPORT="report.jsonl" is not an absolute path; no fault report is written\n');
      expect(result.records).to.equal(undefined);
    });
  });
});
