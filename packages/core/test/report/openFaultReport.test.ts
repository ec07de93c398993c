import { expect } from 'chai';
import diagnosticsChannel from 'node:diagnostics_channel';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowErrorInjection, declareFaultAttr, EI_TYPE_TRUE, type ReportRecord, shouldFail } from '../../src/index';
import { FAULT_NOTICE_CHANNEL } from '../../src/report/faultNoticeChannel';
import { type FaultReport, installFaultReport, openFaultReport } from '../../src/report/installFaultReport';
import { uniqueNames } from '../support/names';
import { here } from './here';

const uniqueName = uniqueNames('report-open');

function records(path: string): ReportRecord[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ReportRecord);
}

/** Captures what is written to stderr while `fn` runs. */
function stderrOf(fn: () => void): string {
  const write = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

describe('openFaultReport', () => {
  let dir = '';
  let report: FaultReport | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errinject-report-'));
  });
  afterEach(() => {
    report?.close();
    report = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a fault is injected', () => {
    it("should append one line with the pid, the capability, no function and the caller's call site", () => {
      // Arrange
      const path = join(dir, 'report.jsonl');
      const attr = declareFaultAttr(uniqueName('fault'), { probability: 100, times: 2, verbose: 0 });
      report = openFaultReport(path);

      // Act
      const at = here();
      shouldFail(attr);
      shouldFail(attr);
      shouldFail(attr);

      // Assert: V8 places a call through an import binding, `(0, index_1.shouldFail)(attr)` once
      // compiled, at its argument list, column 17 of `      shouldFail(attr);` in the source.
      expect(records(path)).to.deep.equal([
        { event: 'fault', pid: process.pid, capability: attr.name, function: null, site: `${at.file}:${at.line + 1}:17` },
        { event: 'fault', pid: process.pid, capability: attr.name, function: null, site: `${at.file}:${at.line + 2}:17` },
      ]);
    });

    it('should not create the file while nothing is injected, and stop writing once closed', () => {
      // Arrange
      const path = join(dir, 'quiet.jsonl');
      const attr = declareFaultAttr(uniqueName('quiet'), { probability: 0, verbose: 0 });
      report = openFaultReport(path);

      // Act
      shouldFail(attr);
      report.close();
      declareFaultAttr(uniqueName('after'), { probability: 100, verbose: 0 });
      shouldFail(declareFaultAttr(uniqueName('closed'), { probability: 100, verbose: 0 }));

      // Assert
      expect(existsSync(path)).to.equal(false);
    });
  });

  describe('when a function is marked error-injectable', () => {
    it('should append it at once, with its type and the thread, and not once the report is closed', () => {
      // Arrange
      const path = join(dir, 'marked.jsonl');
      const name = uniqueName('marked');
      report = openFaultReport(path);

      // Act
      allowErrorInjection(EI_TYPE_TRUE, (): boolean => false, { name });
      const written = records(path);
      report.close();
      allowErrorInjection(EI_TYPE_TRUE, (): boolean => false, { name: uniqueName('marked-after-close') });

      // Assert
      expect(written).to.deep.equal([{ event: 'marked', pid: process.pid, threadId: 0, functions: [{ name, type: 'TRUE' }] }]);
      expect(records(path)).to.deep.equal(written);
    });
  });

  describe('when the caller has no file position', () => {
    it('should write the record with site null', () => {
      // Arrange
      const path = join(dir, 'eval.jsonl');
      const attr = declareFaultAttr(uniqueName('eval'), { probability: 100, verbose: 0 });
      report = openFaultReport(path);

      // Act
      (0, eval)('(fail, attr) => fail(attr)')(shouldFail, attr);

      // Assert
      expect(records(path)).to.deep.equal([{ event: 'fault', pid: process.pid, capability: attr.name, function: null, site: null }]);
    });
  });

  describe('when a copy of the core without requestSite publishes a notice', () => {
    it('should write the record with the site taken at once, null when the entry point is not on the stack', () => {
      // Arrange
      const path = join(dir, 'old-copy.jsonl');
      report = openFaultReport(path);
      const notOnTheStack = (): void => {};
      function entry(): void {
        diagnosticsChannel.channel(FAULT_NOTICE_CHANNEL).publish({ capability: 'fail_function', function: 'Old.open', failNth: false, taskId: 0, entry });
      }

      // Act
      const at = here();
      entry();
      diagnosticsChannel.channel(FAULT_NOTICE_CHANNEL).publish({ capability: 'old', function: undefined, failNth: false, taskId: 0, entry: notOnTheStack });

      // Assert
      expect(records(path)).to.deep.equal([
        { event: 'fault', pid: process.pid, capability: 'fail_function', function: 'Old.open', site: `${at.file}:${at.line + 1}:7` },
        { event: 'fault', pid: process.pid, capability: 'old', function: null, site: null },
      ]);
    });
  });

  describe('when the process is dying of an uncaught exception or an unhandled rejection', () => {
    it('should append a crash record with the origin, the message and the stack', () => {
      // Arrange
      const path = join(dir, 'crash.jsonl');
      report = openFaultReport(path);
      const error = new TypeError("Cannot read properties of null (reading 'length')");

      const emit = (value: unknown, origin: string): boolean => (process as NodeJS.EventEmitter).emit('uncaughtExceptionMonitor', value, origin);

      // Act
      emit(error, 'uncaughtException');
      emit('a string', 'unhandledRejection');
      emit(Object.create(null), 'unhandledRejection');

      // Assert
      expect(records(path)).to.deep.equal([
        { event: 'crash', pid: process.pid, origin: 'uncaughtException', message: error.message, stack: error.stack },
        { event: 'crash', pid: process.pid, origin: 'unhandledRejection', message: 'a string', stack: 'a string' },
        { event: 'crash', pid: process.pid, origin: 'unhandledRejection', message: '[object Object]', stack: '[object Object]' },
      ]);
    });
  });

  describe('when the file cannot be written', () => {
    it('should say so once on stderr and write nothing more', () => {
      // Arrange
      const path = join(dir, 'missing', 'report.jsonl');
      report = openFaultReport(path);
      const attr = declareFaultAttr(uniqueName('unwritable'), { probability: 100, times: -1, verbose: 0 });

      // Act
      const stderr = stderrOf(() => {
        shouldFail(attr);
        shouldFail(attr);
      });

      // Assert
      expect(stderr.split('\n').filter((line) => line !== '')).to.have.length(1);
      expect(stderr).to.match(/^errinject: cannot write the fault report ERRINJECT_REPORT=.*missing\/report\.jsonl \(Error: ENOENT: .*\); no more records are written\n$/);
      expect(report.write({ event: 'crash', pid: 1, origin: 'uncaughtException', message: '', stack: '' })).to.equal(false);
    });
  });
});

describe('installFaultReport', () => {
  describe('when ERRINJECT_REPORT is unset or empty', () => {
    it('should start no report', () => {
      // Act
      const reports = [installFaultReport(undefined), installFaultReport('')];

      // Assert
      expect(reports).to.deep.equal([undefined, undefined]);
    });
  });

  describe('when ERRINJECT_REPORT is a relative path', () => {
    it('should refuse it on stderr, since the processes of a tree need not share a working directory', () => {
      // Act
      let report: FaultReport | undefined;
      const stderr = stderrOf(() => {
        report = installFaultReport('report.jsonl');
      });

      // Assert
      expect(report).to.equal(undefined);
      expect(stderr).to.equal('errinject: ERRINJECT_REPORT="report.jsonl" is not an absolute path; no fault report is written\n');
    });
  });

  describe('when ERRINJECT_REPORT is an absolute path', () => {
    it('should start the report on that file, and say at once that the core loaded in this thread', () => {
      // Arrange
      const dir = mkdtempSync(join(tmpdir(), 'errinject-install-report-'));
      const path = join(dir, 'report.jsonl');
      const { version } = require('@errinject/core/package.json') as { version: string };

      // Act
      const report = installFaultReport(path);
      report?.close();

      // Assert
      try {
        expect(report?.path).to.equal(path);
        expect(records(path)).to.deep.equal([{ event: 'loaded', pid: process.pid, threadId: 0, version }]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
