import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSweep, MochaSweepError } from '../src/index';
import { runMocha } from './runMocha';

/** The seed program's shape with two error-injectable functions, in a spec file. */
const STORE = [
  "const open = core.allowErrorInjection(core.EI_TYPE_ERRNO, function open(path) { return path.length; }, { name: 'Store.open' });",
  "const alloc = core.allowErrorInjection(core.EI_TYPE_NULL, function alloc(size) { return Buffer.alloc(size); }, { name: 'Store.alloc' });",
];

describe('describeSweep', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'errinject-mocha-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when every error path is handled', () => {
    it('should give each n a passing case named after the function that fails and its call site', () => {
      // Act
      const { status, report } = runMocha(dir, [
        ...STORE,
        "describeSweep('Store.save', () => {",
        "  const fd = open('/data');",
        '  if (fd < 0) return fd;',
        '  const buffer = alloc(16);',
        '  return buffer === null ? -12 : fd + buffer.length;',
        '});',
      ]);

      // Assert
      expect(status).to.equal(0);
      expect(report.tests.map((test) => test.fullTitle)).to.deep.equal([
        'Store.save sweeps every fault point: 2 found in 3 runs',
        'Store.save n=1: Store.open fails at spec.js:6:14',
        'Store.save n=2: Store.alloc fails at spec.js:8:18',
        'Store.save n=3: no fault injected (every fault point was reached)',
      ]);
      expect(report.stats).to.include({ tests: 4, passes: 4, failures: 0 });
    });
  });

  describe('when an error path crashes', () => {
    it('should fail the case of that fault point with the error, and pass the others', () => {
      // Act
      const { status, report } = runMocha(dir, [
        ...STORE,
        "describeSweep('Store.load', async () => {",
        "  const fd = open('/data');",
        '  if (fd < 0) return fd;',
        '  await Promise.resolve();',
        '  const buffer = alloc(16);',
        '  return buffer.length; // the bug: alloc may fail',
        '});',
      ]);

      // Assert
      expect(status).to.equal(1);
      expect(report.failures.map((test) => test.title)).to.deep.equal(['n=2: Store.alloc fails at spec.js:9:18']);
      expect(report.failures[0]?.err.message).to.equal("Cannot read properties of null (reading 'length')");
      expect(report.failures[0]?.err.stack).to.contain('spec.js:10:');
      expect(report.stats).to.include({ passes: 3, failures: 1 });
    });

    it('should pass the case when throws are allowed', () => {
      // Act
      const { status, report } = runMocha(dir, [
        ...STORE,
        "describeSweep('Store.strict', () => {",
        "  if (open('/x') < 0) throw new Error('cannot open');",
        '}, { allowThrow: true });',
      ]);

      // Assert
      expect(status).to.equal(0);
      expect(report.stats).to.include({ passes: 3, failures: 0 });
    });
  });

  describe('when a check is given', () => {
    it('should fail the case whose check throws, with the check\'s error', () => {
      // Act
      const { status, report } = runMocha(dir, [
        ...STORE,
        'let leaked = 0;',
        "describeSweep('Store.copy', () => {",
        '  const a = alloc(1);',
        '  const b = alloc(1);',
        '  if (b === null) { leaked++; return -12; } // the bug: a is not released',
        '  return 0;',
        '}, {',
        "  inject: ['Store.alloc'],",
        '  check(run) { if (leaked > 0) { leaked = 0; throw new Error(`leaked after n=${run.n}`); } },',
        '});',
      ]);

      // Assert
      expect(status).to.equal(1);
      expect(report.tests.map((test) => test.title)).to.deep.equal([
        'sweeps every fault point: 2 found in 3 runs',
        'n=1: Store.alloc fails at spec.js:7:13',
        'n=2: Store.alloc fails at spec.js:8:13',
        'n=3: no fault injected (every fault point was reached)',
      ]);
      expect(report.failures.map((test) => [test.title, test.err.message])).to.deep.equal([['n=2: Store.alloc fails at spec.js:8:13', 'leaked after n=2']]);
    });
  });

  describe('when max stops the sweep', () => {
    it('should fail the first case, saying so', () => {
      // Act
      const { report } = runMocha(dir, [...STORE, "describeSweep('Store.many', () => [open('a'), open('b'), open('c')], { max: 2 });"]);

      // Assert
      expect(report.tests.map((test) => test.title)).to.deep.equal([
        'sweeps every fault point: 2 found in 2 runs (stopped at max)',
        'n=1: Store.open fails at spec.js:5:36',
        'n=2: Store.open fails at spec.js:5:47',
      ]);
      expect(report.failures.map((test) => test.err.message)).to.deep.equal([
        'the sweep stopped at max = 2 runs with a fault injected in each: more fault points may lie beyond; raise options.max',
      ]);
    });
  });

  describe('when the sweep refuses its options', () => {
    it('should fail the before hook with the core\'s message, and run none of the cases', () => {
      // Act
      const { status, report } = runMocha(dir, [...STORE, "describeSweep('Store.bad', () => 0, { inject: ['Store.close'] });"]);

      // Assert
      expect(status).to.equal(1);
      expect(report.failures.map((test) => test.title)).to.deep.equal(['"before all" hook for "sweeps every fault point"']);
      expect(report.failures[0]?.err.message).to.match(/^sweep: options\.inject names "Store\.close", which is no error-injectable function; /);
      expect(report.passes).to.deep.equal([]);
    });
  });

  describe('when given a timeout', () => {
    it('should give the sweep that long', () => {
      // Act
      const { status, report } = runMocha(
        dir,
        [...STORE, "describeSweep('Store.slow', async () => { await new Promise((r) => setTimeout(r, 60)); return open('x'); }, { timeout: 1000 });"],
        ['--timeout', '100'],
      );

      // Assert
      expect(status).to.equal(0);
      expect(report.stats).to.include({ passes: 3, failures: 0 });
    });
  });

  describe('when only or skip is used', () => {
    it('should run only that suite, or none of it', () => {
      // Act
      const { report } = runMocha(dir, [
        ...STORE,
        "describeSweep.only('Store.first', () => open('a'));",
        "describeSweep('Store.second', () => open('b'));",
        "describeSweep.skip('Store.third', () => open('c'));",
      ]);

      // Assert
      expect(report.tests.map((test) => test.fullTitle)).to.deep.equal([
        'Store.first sweeps every fault point: 1 found in 2 runs',
        'Store.first n=1: Store.open fails at spec.js:5:41',
        'Store.first n=2: no fault injected (every fault point was reached)',
      ]);
    });

    it('should leave a skipped suite pending, sweeping nothing', () => {
      // Act
      const { report } = runMocha(dir, [...STORE, "describeSweep.skip('Store.third', () => { throw new Error('ran'); });"]);

      // Assert
      expect(report.pending.map((test) => test.fullTitle)).to.deep.equal(['Store.third sweeps every fault point']);
      expect(report.stats).to.include({ passes: 0, failures: 0, pending: 1 });
    });
  });

  describe('when its arguments are bad', () => {
    const cases: ReadonlyArray<readonly [string, () => unknown, string, string]> = [
      ['the title is no string', () => describeSweep(1 as unknown as string, () => 0), 'ERR_INVALID_ARG_TYPE', 'describeSweep: title must be a string, got number'],
      ['fn is no function', () => describeSweep('t', 'f' as unknown as () => 0), 'ERR_INVALID_ARG_TYPE', 'describeSweep: fn must be a function, got string'],
      ['options is null', () => describeSweep('t', () => 0, null as unknown as object), 'ERR_INVALID_ARG_TYPE', 'describeSweep: options must be an object, got null'],
      ['options is a number', () => describeSweep.only('t', () => 0, 3 as unknown as object), 'ERR_INVALID_ARG_TYPE', 'describeSweep: options must be an object, got number'],
      ['allowThrow is no boolean', () => describeSweep.skip('t', () => 0, { allowThrow: 1 as unknown as boolean }), 'ERR_INVALID_ARG_TYPE', 'describeSweep: options.allowThrow must be a boolean, got number'],
      ['timeout is negative', () => describeSweep('t', () => 0, { timeout: -1 }), 'ERR_INVALID_ARG_VALUE', 'describeSweep: options.timeout must be a number of ms, 0 or more (0: none), got -1'],
      ['timeout is no number', () => describeSweep('t', () => 0, { timeout: '5' as unknown as number }), 'ERR_INVALID_ARG_VALUE', 'describeSweep: options.timeout must be a number of ms, 0 or more (0: none), got 5'],
    ];
    for (const [when, call, code, message] of cases) {
      it(`should refuse it at once when ${when}`, () => {
        // Act
        let error: unknown;
        try {
          call();
        } catch (caught) {
          error = caught;
        }

        // Assert
        expect(error).to.be.an.instanceOf(MochaSweepError);
        expect(error).to.include({ code, message, name: 'MochaSweepError' });
      });
    }
  });

  describe("when mocha's interface is not loaded", () => {
    it('should refuse with ERR_NO_MOCHA', () => {
      // Arrange
      const scope = globalThis as { describe?: unknown };
      const saved = scope.describe;
      delete scope.describe;

      // Act
      let error: unknown;
      try {
        describeSweep('t', () => 0);
      } catch (caught) {
        error = caught;
      } finally {
        scope.describe = saved;
      }

      // Assert
      expect(error).to.include({
        code: 'ERR_NO_MOCHA',
        message: "describeSweep: mocha's BDD interface (describe, it, before) is not loaded; call it from a spec file that mocha runs with its default interface",
      });
    });
  });
});
