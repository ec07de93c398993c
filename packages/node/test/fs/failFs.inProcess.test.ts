import { expect } from 'chai';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { debugfs, procfs, runTask } from '@errinject/core';
// The register, compiled with these tests: fail_fs in this process. Nothing fails here unless a
// task arms its own fail-nth or make-it-fail, so mocha's own fs calls (root task) go through.
import '../../src/register';

/** What a call threw, by code, syscall and path, or 'ok'. */
function outcome(call: () => unknown): unknown {
  try {
    call();
    return 'ok';
  } catch (error) {
    const { code, syscall, path: where } = error as NodeJS.ErrnoException;
    return [code, syscall, where];
  }
}

describe('fail_fs in the test process', () => {
  let dir: string;
  let file: string;
  before(() => debugfs.write('fail_fs/verbose', '0'));
  after(() => debugfs.write('fail_fs/verbose', '2'));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(tmpdir(), 'errinject-failfs-task-'));
    file = path.join(dir, 'file.txt');
    fs.writeFileSync(file, 'hello');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('when a task arms fail-nth', () => {
    it("should fail that task's n-th call and none of the process's others", () => {
      // Act
      const first = runTask(() => outcome(() => fs.readFileSync(file)), { failNth: 1 });
      const second = runTask(() => [outcome(() => fs.statSync(file)), outcome(() => fs.readFileSync(file)), procfs.read('self/fail-nth')], { failNth: 2 });
      const outside = outcome(() => fs.readFileSync(file));

      // Assert
      expect(first).to.deep.equal(['ENOENT', 'open', file]);
      expect(second).to.deep.equal(['ok', ['ENOENT', 'open', file], '0\n']);
      expect(outside).to.equal('ok');
      expect(procfs.read('self/fail-nth')).to.equal('0\n');
    });

    it("should count only its own calls while other tasks' calls run between them", async () => {
      // Act
      const [armed, other] = await Promise.all([
        runTask(
          async () => {
            await fs.promises.readFile(file);
            await new Promise((resolve) => setImmediate(resolve));
            return fs.promises.readFile(file).then(
              () => 'read',
              (error: NodeJS.ErrnoException) => error.code,
            );
          },
          { failNth: 2 },
        ),
        runTask(async () => {
          const results: string[] = [];
          for (let i = 0; i < 4; i++) results.push(String(await fs.promises.readFile(file, 'utf8')));
          return results;
        }),
      ]);

      // Assert
      expect(armed).to.equal('ENOENT');
      expect(other).to.deep.equal(['hello', 'hello', 'hello', 'hello']);
    });
  });

  describe('when task-filter is on', () => {
    afterEach(() => {
      debugfs.write('fail_fs/probability', '0');
      debugfs.write('fail_fs/task-filter', 'N');
      debugfs.write('fail_fs/times', '1');
    });

    it('should fail only the calls of the task with make-it-fail', () => {
      // Arrange
      debugfs.write('fail_fs/times', '-1');
      debugfs.write('fail_fs/task-filter', 'Y');
      debugfs.write('fail_fs/probability', '100');

      // Act
      const marked = runTask(() => [outcome(() => fs.readFileSync(file)), outcome(() => fs.writeFileSync(file, 'x'))], { makeItFail: true });
      const unmarked = runTask(() => outcome(() => fs.readFileSync(file)));

      // Assert
      expect(marked).to.deep.equal([
        ['ENOENT', 'open', file],
        ['ENOSPC', 'write', undefined],
      ]);
      expect(unmarked).to.equal('ok');
    });
  });
});
