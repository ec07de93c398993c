import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { allowErrorInjection, debugfs, EI_TYPE_ERRNO, EI_TYPE_NULL, sweepSync } from '../../src/index';
import { CORE, requireBuiltCore, runChild } from '../inject/childProcess';
import { useFailFunction } from '../inject/failFunctionHooks';
import { uniqueNames } from '../support/names';

/**
 * A sweep meets functions marked while it runs (a module loaded, or an error path taken, for the
 * first time): without `inject` it arms them as `fail_function/inject=*` would, for the rest of the
 * sweep, and puts everything back afterwards; with `inject` it leaves them alone.
 *
 * A sweep without `inject` arms every function of its process, and the test process holds every test
 * file's (one of them a method of a frozen class, which can never be armed again): those cases run
 * in a process of their own (see ../inject/childProcess).
 */

const uniqueName = uniqueNames('sweep-armall');

/** The child's prelude: `open` marked before the sweep, `late` marked by the swept function's first run. */
const OPEN_AND_LATE = `
  const open = core.allowErrorInjection(core.EI_TYPE_ERRNO, function open() { return 3; });
  let late;
  const openAndLate = () => {
    late ??= core.allowErrorInjection(core.EI_TYPE_NULL, function late() { return {}; });
    return [open(), late()];
  };
  const summary = (report) => report.runs.map((run) => [run.n, run.function, run.outcome.value]);
`;

/** Like runChild, with `await` allowed in the body. */
function runAsyncChild(body: string): Record<string, unknown> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['ERRINJECT'];
  delete env['ERRINJECT_SEED'];
  delete env['NODE_OPTIONS'];
  const script = [
    `const core = require(${JSON.stringify(CORE)});`,
    'const out = {};',
    `(async () => {\n${body}\n})().then(() => process.stdout.write(JSON.stringify(out)), (error) => { console.error(error); process.exitCode = 1; });`,
  ].join('\n');
  const child = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 15000 });
  expect(child.status, child.stderr).to.equal(0);
  return JSON.parse(child.stdout) as Record<string, unknown>;
}

describe('sweep of functions marked while it runs', () => {
  describe('when no functions are named (a process of its own)', function () {
    this.timeout(30000);

    requireBuiltCore();

    it('should arm a function marked during a run for the rest of the sweep, sweep its fault point, and put inject back as it read', () => {
      // Act
      const { out } = runChild(
        undefined,
        `const kept = core.allowErrorInjection(core.EI_TYPE_ERRNO, function kept() { return 0; });
         ${OPEN_AND_LATE}
         core.debugfs.write('fail_function/inject', 'kept');
         core.debugfs.write('fail_function/kept/retval', '-7');
         const report = core.sweepSync(openAndLate);
         out.inject = report.inject;
         out.runs = summary(report);
         out.faultPoints = report.faultPoints;
         out.complete = report.complete;
         out.after = core.debugfs.read('fail_function/inject');
         out.keptRetval = core.debugfs.read('fail_function/kept/retval');
         out.stop = codeOf(() => core.debugfs.write('fail_function/inject', '!*'));
         core.allowErrorInjection(core.EI_TYPE_ERRNO, function afterSweep() { return 0; });
         out.afterMark = core.debugfs.read('fail_function/inject');`,
      );

      // Assert
      expect(out).to.deep.equal({
        inject: ['kept', 'open', 'late'],
        // JSON has no undefined: the last run's function reads null.
        runs: [
          [1, 'open', [-22, {}]],
          [2, 'late', [3, null]],
          [3, null, [3, {}]],
        ],
        faultPoints: 2,
        complete: true,
        after: 'kept\n',
        keptRetval: '-7\n',
        stop: 'ENOENT',
        afterMark: 'kept\n',
      });
    });

    it('should list the functions in the order fail_function/injectable lists them, whichever were armed before, then those marked during it', () => {
      // Act
      const { out } = runChild(
        undefined,
        `const first = core.allowErrorInjection(core.EI_TYPE_ERRNO, function first() { return 0; });
         ${OPEN_AND_LATE}
         core.debugfs.write('fail_function/inject', 'open');
         out.inject = core.sweepSync(openAndLate).inject;`,
      );

      // Assert
      expect(out).to.deep.equal({ inject: ['first', 'open', 'late'] });
    });

    it('should do the same in sweep, which awaits each run', () => {
      // Act
      const out = runAsyncChild(
        `${OPEN_AND_LATE}
         const report = await core.sweep(async () => openAndLate());
         out.inject = report.inject;
         out.runs = summary(report);
         out.after = core.debugfs.read('fail_function/inject');`,
      );

      // Assert
      expect(out).to.deep.equal({
        inject: ['open', 'late'],
        runs: [
          [1, 'open', [-22, {}]],
          [2, 'late', [3, null]],
          [3, null, [3, {}]],
        ],
        after: '',
      });
    });

    it('should, when * was on before, turn it on again and arm afterwards the functions marked during the sweep as * would have', () => {
      // Act
      const { out } = runChild(
        undefined,
        `${OPEN_AND_LATE}
         core.debugfs.write('fail_function/inject', '*');
         core.debugfs.write('fail_function/inject', '!skipped');
         let skipped;
         const report = core.sweepSync(() => {
           const values = openAndLate();
           skipped ??= core.allowErrorInjection(core.EI_TYPE_ERRNO, function skipped() { return 1; });
           return [...values, skipped()];
         });
         out.inject = report.inject;
         out.runs = summary(report);
         out.after = core.debugfs.read('fail_function/inject');
         out.again = codeOf(() => core.debugfs.write('fail_function/inject', '*'));
         core.allowErrorInjection(core.EI_TYPE_ERRNO, function afterSweep() { return 0; });
         out.afterMark = core.debugfs.read('fail_function/inject');`,
      );

      // Assert
      expect(out).to.deep.equal({
        inject: ['open', 'late', 'skipped'],
        runs: [
          [1, 'open', [-22, {}, 1]],
          [2, 'late', [3, null, 1]],
          [3, 'skipped', [3, {}, -22]],
          [4, null, [3, {}, 1]],
        ],
        // skipped was excluded by !skipped before the sweep: * leaves it unarmed.
        after: 'open\nlate\n',
        again: 'EBUSY',
        afterMark: 'open\nlate\nafterSweep\n',
      });
    });

    it('should, with functions named and * on before, leave a function marked during the sweep unswept, and arm it afterwards', () => {
      // Act
      const { out } = runChild(
        undefined,
        `${OPEN_AND_LATE}
         core.debugfs.write('fail_function/inject', '*');
         const report = core.sweepSync(openAndLate, { inject: ['open'] });
         out.inject = report.inject;
         out.runs = summary(report);
         out.after = core.debugfs.read('fail_function/inject');`,
      );

      // Assert
      expect(out).to.deep.equal({
        inject: ['open'],
        runs: [
          [1, 'open', [-22, {}]],
          [2, null, [3, {}]],
        ],
        after: 'open\nlate\n',
      });
    });
  });

  describe('when functions are named', () => {
    useFailFunction();

    it('should not arm a function marked during the sweep', () => {
      // Arrange
      const openName = uniqueName('open');
      const lateName = uniqueName('late');
      const open = allowErrorInjection(EI_TYPE_ERRNO, (): number => 3, { name: openName });
      let late: (() => object | null) | undefined;

      // Act
      const report = sweepSync(
        () => {
          late ??= allowErrorInjection(EI_TYPE_NULL, (): object | null => ({}), { name: lateName });
          return [open(), late()];
        },
        { inject: [openName] },
      );

      // Assert
      expect(report.inject).to.deep.equal([openName]);
      expect(report.runs.map((run) => [run.n, run.function, run.outcome])).to.deep.equal([
        [1, openName, { kind: 'returned', value: [-22, {}] }],
        [2, undefined, { kind: 'returned', value: [3, {}] }],
      ]);
      expect(debugfs.read('fail_function/injectable').split('\n')).to.include(`${lateName}\tNULL`);
      expect(debugfs.read('fail_function/inject')).to.equal('');
    });

    it("should refuse '*' among the names, saying to leave options.inject out", () => {
      // Act
      let error: unknown;
      try {
        sweepSync(() => 0, { inject: ['*'] });
      } catch (caught) {
        error = caught;
      }

      // Assert
      expect(error).to.have.property('code', 'ERR_INVALID_ARG_VALUE');
      expect((error as Error).message).to.equal(
        "sweepSync: options.inject names '*': to sweep every function (those marked during the sweep included), leave options.inject out",
      );
    });
  });
});
