import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRunReport } from '../../src/failcmd/createRunReport';

const LOADED = '{"event":"loaded","pid":7,"threadId":0,"version":"0.1.0"}\n';
/** failcmd's directory of this user, where the environment of this test process puts it. */
function userDir(): string {
  const runtime = process.env['XDG_RUNTIME_DIR'];
  return runtime !== undefined && runtime !== '' ? path.join(runtime, 'errinject-failcmd') : path.join(os.tmpdir(), `errinject-failcmd-${process.getuid?.()}`);
}

/** Runs `fn` with XDG_RUNTIME_DIR set to `value`, and puts the old value back. */
function withRuntimeDir<T>(value: string, fn: () => T): T {
  const saved = process.env['XDG_RUNTIME_DIR'];
  process.env['XDG_RUNTIME_DIR'] = value;
  try {
    return fn();
  } finally {
    if (saved === undefined) delete process.env['XDG_RUNTIME_DIR'];
    else process.env['XDG_RUNTIME_DIR'] = saved;
  }
}

const MARKED = '{"event":"marked","pid":7,"threadId":0,"functions":[{"name":"open","type":"ERRNO"}]}\n';

describe('createRunReport', () => {
  describe('when the user has no ERRINJECT_REPORT', () => {
    it("should name failcmd's own file in the user's private directory, read it, and remove it on close", () => {
      // Arrange
      const report = createRunReport({});

      // Act
      appendFileSync(report?.path as string, LOADED + MARKED);
      const read = report?.read();
      report?.close();

      // Assert
      expect(report?.path).to.equal(path.join(userDir(), `failcmd-${process.pid}.jsonl`));
      expect(statSync(userDir()).mode & 0o777).to.equal(0o700);
      expect(read).to.include({ loaded: 1, coreLoaded: true });
      expect(read?.marked).to.deep.equal(['open']);
      expect(existsSync(report?.path as string)).to.equal(false);
    });

    it('should read nothing when no process wrote, and remove the files of failcmds that are gone, not of live ones', () => {
      // Arrange: a pid that is gone (a child that has exited), and one that lives (this process's parent)
      const dir = userDir();
      const gone = path.join(dir, `failcmd-${spawnSync(process.execPath, ['-e', '']).pid}.jsonl`);
      const live = path.join(dir, `failcmd-${process.ppid}.jsonl`);
      writeFileSync(gone, LOADED);
      writeFileSync(live, LOADED);

      // Act
      const report = createRunReport({ ERRINJECT_REPORT: '' });
      const read = report?.read();
      report?.close();

      // Assert
      try {
        expect(read).to.include({ loaded: 0, coreLoaded: false });
        expect(existsSync(gone)).to.equal(false);
        expect(existsSync(live)).to.equal(true);
      } finally {
        rmSync(live, { force: true });
      }
    });
  });

  describe("when the user's directory cannot be used", () => {
    it('should use a temporary directory of its own, and remove it on close: no directory, or one not private', () => {
      // Arrange: a runtime directory that does not exist, and one where failcmd's directory is open to others
      const shared = mkdtempSync(path.join(os.tmpdir(), 'failcmd-report-runtime-'));
      mkdirSync(path.join(shared, 'errinject-failcmd'), { mode: 0o755 });
      try {
        // Act
        const reports = [
          withRuntimeDir(path.join(os.tmpdir(), 'errinject-no-such-runtime-dir', 'x'), () => createRunReport({})),
          withRuntimeDir(shared, () => createRunReport({})),
        ];
        const seen = reports.map((report) => {
          appendFileSync(report?.path as string, LOADED);
          const read = report?.read();
          report?.close();
          return { dir: path.dirname(report?.path as string), loaded: read?.loaded };
        });

        // Assert
        for (const { dir, loaded } of seen) {
          expect(path.dirname(dir)).to.equal(os.tmpdir());
          expect(path.basename(dir)).to.match(/^failcmd-/);
          expect(loaded).to.equal(1);
          expect(existsSync(dir)).to.equal(false);
        }
        expect(statSync(path.join(shared, 'errinject-failcmd')).mode & 0o777).to.equal(0o755);
      } finally {
        rmSync(shared, { recursive: true, force: true });
      }
    });
  });

  describe('when the user has an ERRINJECT_REPORT of their own', () => {
    it('should keep it, read only what the run appended, and leave the file', () => {
      // Arrange
      const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-report-test-'));
      const file = path.join(dir, 'mine.jsonl');
      writeFileSync(file, LOADED + MARKED);
      try {
        // Act
        const report = createRunReport({ ERRINJECT_REPORT: file });
        appendFileSync(file, '{"event":"loaded","pid":8,"threadId":0,"version":"0.1.0"}\n');
        const read = report?.read();
        report?.close();

        // Assert
        expect(report?.path).to.equal(file);
        expect(read).to.include({ loaded: 1 });
        expect(read?.marked).to.deep.equal([]);
        expect(existsSync(file)).to.equal(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('should read it whole when it was cut short meanwhile, and give no report for a relative path', () => {
      // Arrange
      const dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-report-test-'));
      const file = path.join(dir, 'mine.jsonl');
      writeFileSync(file, LOADED + MARKED + MARKED);
      try {
        // Act
        const report = createRunReport({ ERRINJECT_REPORT: file });
        writeFileSync(file, MARKED);
        const read = report?.read();

        // Assert
        expect(read?.marked).to.deep.equal(['open']);
        expect(createRunReport({ ERRINJECT_REPORT: 'report.jsonl' })).to.equal(undefined);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
