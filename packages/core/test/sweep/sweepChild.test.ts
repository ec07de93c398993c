import { expect } from 'chai';
import { requireBuiltCore, runChild } from '../inject/childProcess';

/**
 * Sweeps that need a process of their own: the default armed set is every error-injectable function
 * of the process (the test process holds every test file's), and `ERRINJECT` is read once.
 */

describe('sweep in a process of its own', () => {
  requireBuiltCore();

  describe('when no functions are named', () => {
    it('should arm every error-injectable function, in the order of fail_function/injectable', () => {
      // Act
      const { out } = runChild(
        undefined,
        `
        const open = core.allowErrorInjection(core.EI_TYPE_ERRNO, function open() { return 3; });
        const alloc = core.allowErrorInjection(core.EI_TYPE_NULL, function alloc() { return {}; });
        const report = core.sweepSync(() => [open(), alloc()]);
        out.inject = report.inject;
        out.runs = report.runs.map((run) => [run.n, run.function, run.outcome.value]);
        out.armed = core.debugfs.read('fail_function/inject');
        `,
      );

      // Assert
      expect(out).to.deep.equal({
        inject: ['open', 'alloc'],
        // JSON has no undefined: the last run's function reads null.
        runs: [
          [1, 'open', [-22, {}]],
          [2, 'alloc', [3, null]],
          [3, null, [3, {}]],
        ],
        armed: '',
      });
    });

    it('should refuse a name when no function is marked at all, saying so', () => {
      // Act
      const { out } = runChild(
        undefined,
        `try { core.sweepSync(() => 0, { inject: ['Store.open'] }); } catch (e) { out.code = e.code; out.message = e.message; }`,
      );

      // Assert
      expect(out).to.deep.equal({
        code: 'ERR_INVALID_ARG_VALUE',
        message: 'sweepSync: options.inject names "Store.open", which is no error-injectable function; none is marked yet',
      });
    });

    it('should name at most 12 of the functions that are marked', () => {
      // Act
      const { out } = runChild(
        undefined,
        `for (let i = 0; i < 3; i++) core.allowErrorInjection(core.EI_TYPE_NULL, () => null, { name: 'f' + i });
        try { core.sweepSync(() => 0, { inject: ['g'] }); } catch (e) { out.message = e.message; }`,
      );

      // Assert
      expect(out['message']).to.equal('sweepSync: options.inject names "g", which is no error-injectable function; fail_function/injectable lists 3: f0, f1, f2');
    });
  });

  describe('when fault injection is switched off (ERRINJECT=off)', () => {
    it('should refuse to sweep with EPERM', () => {
      // Act
      const { out } = runChild('off', `try { core.sweepSync(() => 0); } catch (e) { out.code = e.code; out.message = e.message; }`);

      // Assert
      expect(out).to.deep.equal({
        code: 'EPERM',
        message: 'sweepSync: fault injection is switched off in this process (ERRINJECT=off), so nothing can be swept',
      });
    });
  });
});
