import { expect } from 'chai';
import { allowErrorInjection, debugfs, EI_TYPE_ERRNO, EI_TYPE_NULL, runTask } from '../../src/index';
import { uniqueNames } from '../support/names';
import { warningsOf } from '../support/warnings';
import { failEveryCall, useFailFunction } from './failFunctionHooks';

const uniqueName = uniqueNames('inject-promise');

function arm(name: string): void {
  debugfs.write('fail_function/inject', name);
}

/** A function that returns a Promise without being async, as esbuild, swc and vitest leave one undeclared. */
function promiseReturning(label: string, options: { async?: boolean } = {}): { readonly name: string; readonly fn: (x: number) => Promise<number | null>; readonly runs: () => number } {
  const name = uniqueName(label);
  let runs = 0;
  const fn = allowErrorInjection(
    EI_TYPE_NULL,
    (x: number): Promise<number | null> => {
      runs++;
      return Promise.resolve(x);
    },
    { name, ...options },
  );
  return { name, fn, runs: () => runs };
}

describe('failures of functions that return Promises without being async', () => {
  useFailFunction();

  describe('when a call ran through the armed function before one failed', () => {
    it('should fail with a resolved Promise of the failure value, and warn of nothing', async () => {
      // Arrange
      const { name, fn } = promiseReturning('learnt');
      arm(name);

      // Act
      const { value: results, warnings } = await warningsOf(() => runTask(() => [fn(1), fn(2)], { failNth: 2 }));

      // Assert
      expect(results[1]).to.be.an.instanceOf(Promise);
      expect(await Promise.all(results)).to.deep.equal([1, null]);
      expect(warnings.filter((warning) => warning.code === 'ERRINJECT_UNDECLARED_ASYNC')).to.deep.equal([]);
    });
  });

  describe('when the first call through the armed function fails', () => {
    it('should fail with the bare value, then warn once with ERRINJECT_UNDECLARED_ASYNC when a call returns a Promise, and fail with Promises from then on', async () => {
      // Arrange
      const { name, fn } = promiseReturning('unknown-first');
      arm(name);
      failEveryCall();

      // Act
      const first: unknown = fn(1);
      debugfs.write('fail_function/probability', '0');
      const { warnings } = await warningsOf(() => [fn(2), fn(3)]);
      debugfs.write('fail_function/probability', '100');
      const later: unknown = fn(4);
      const { warnings: again } = await warningsOf(() => {
        debugfs.write('fail_function/probability', '0');
        return fn(5);
      });

      // Assert
      expect(first).to.equal(null);
      const undeclared = warnings.filter((warning) => warning.code === 'ERRINJECT_UNDECLARED_ASYNC');
      expect(undeclared).to.have.length(1);
      expect(undeclared[0]?.message).to.include(name).and.to.include('{ async: true }');
      expect(later).to.be.an.instanceOf(Promise);
      expect(await later).to.equal(null);
      expect(again.filter((warning) => warning.code === 'ERRINJECT_UNDECLARED_ASYNC')).to.deep.equal([]);
    });
  });

  describe('when the function returns something else', () => {
    it('should keep failing with the bare value, and warn of nothing', async () => {
      // Arrange
      const name = uniqueName('sync');
      const fn = allowErrorInjection(EI_TYPE_ERRNO, (x: number): number => x, { name });
      arm(name);
      failEveryCall();

      // Act
      const { value: results, warnings } = await warningsOf(() => {
        const failed = fn(1);
        debugfs.write('fail_function/probability', '0');
        const passed = fn(2);
        debugfs.write('fail_function/probability', '100');
        return [failed, passed, fn(3)];
      });

      // Assert
      expect(results).to.deep.equal([-22, 2, -22]);
      expect(warnings.filter((warning) => warning.code === 'ERRINJECT_UNDECLARED_ASYNC')).to.deep.equal([]);
    });
  });

  describe('when options.async says so', () => {
    it('should fail with a Promise at the first call with async: true', async () => {
      // Arrange
      const { name, fn, runs } = promiseReturning('declared', { async: true });
      arm(name);
      failEveryCall();

      // Act
      const result = fn(1);

      // Assert
      expect(result).to.be.an.instanceOf(Promise);
      expect(await result).to.equal(null);
      expect(runs()).to.equal(0);
    });

    it('should keep failing with the bare value with async: false, whatever the function returns, and warn of nothing', async () => {
      // Arrange
      const { name, fn } = promiseReturning('declared-not', { async: false });
      arm(name);
      failEveryCall();

      // Act
      const { value: results, warnings } = await warningsOf(() => {
        const failed: unknown = fn(1);
        debugfs.write('fail_function/probability', '0');
        const passed: unknown = fn(2);
        debugfs.write('fail_function/probability', '100');
        return [failed, passed, fn(3) as unknown];
      });

      // Assert
      expect(results[0]).to.equal(null);
      expect(results[1]).to.be.an.instanceOf(Promise);
      expect(results[2]).to.equal(null);
      expect(warnings.filter((warning) => warning.code === 'ERRINJECT_UNDECLARED_ASYNC')).to.deep.equal([]);
    });
  });

  describe('when the first call fails and the function is an async function compiled for a target before ES2017', () => {
    // The shapes each compiler emits, as their output reads (the helpers themselves stand in).
    const helpers = {
      __awaiter: (_self: unknown, _args: unknown, _p: unknown, body: () => Generator): Promise<unknown> => Promise.resolve(body().next().value),
      __async: (_self: unknown, _args: unknown, body: () => Generator): Promise<unknown> => Promise.resolve(body().next().value),
      _async_to_generator: (body: () => Generator) => (): Promise<unknown> => Promise.resolve(body().next().value),
      tslib_1: {},
    };
    helpers.tslib_1 = { __awaiter: helpers.__awaiter };
    const compiled: ReadonlyArray<readonly [string, string]> = [
      ['TypeScript (method)', 'return { read(x) {\n    return __awaiter(this, void 0, void 0, function* () { return x; });\n} }.read;'],
      ['TypeScript (arrow)', 'return (x) => __awaiter(void 0, void 0, void 0, function* () { return x; });'],
      ['TypeScript with importHelpers', 'return function read(x) {\n  return tslib_1.__awaiter(this, void 0, void 0, function* () { return x; });\n};'],
      ['esbuild', 'return { read(x) {\n    return __async(this, null, function* () {\n      return x;\n    });\n} }.read;'],
      ['swc', 'return function read(x) {\n        return _async_to_generator(function*() {\n            return x;\n        })();\n};'],
      ['swc (arrow)', 'return (x)=>_async_to_generator(function*() {\n        return x;\n    })();'],
    ];
    for (const [label, source] of compiled) {
      it(`should fail with a Promise for ${label}, and warn of nothing`, async () => {
        // Arrange
        const name = uniqueName('compiled');
        const fn = new Function(...Object.keys(helpers), `'use strict'; ${source}`)(...Object.values(helpers)) as (x: number) => Promise<number | null>;
        const wrapped = allowErrorInjection(EI_TYPE_NULL, fn, { name });
        arm(name);
        failEveryCall();

        // Act
        const { value: result, warnings } = await warningsOf(() => wrapped(1) as unknown);

        // Assert
        expect(result).to.be.an.instanceOf(Promise);
        expect(await result).to.equal(null);
        expect(warnings.filter((warning) => warning.code === 'ERRINJECT_UNDECLARED_ASYNC')).to.deep.equal([]);
      });
    }

    it('should not take a function that only calls such a helper further on for one', () => {
      // Arrange
      const name = uniqueName('not-compiled');
      const __awaiter = (): Promise<null> => Promise.resolve(null);
      const fn = new Function('__awaiter', "'use strict'; return function sync(x) { const later = () => __awaiter(); return x + (later ? 1 : 0); };")(__awaiter) as (x: number) => number;
      const wrapped = allowErrorInjection(EI_TYPE_NULL, fn, { name });
      arm(name);
      failEveryCall();

      // Act
      const result = wrapped(1);

      // Assert
      expect(result).to.equal(null);
    });
  });

  describe('when the function is called while it is not armed', () => {
    it('should learn nothing (an unarmed call only reads one field), so that the first armed failure is bare', () => {
      // Arrange
      const { name, fn } = promiseReturning('unarmed-calls');
      void fn(1);
      void fn(2);
      arm(name);
      failEveryCall();

      // Act
      const result: unknown = fn(3);

      // Assert
      expect(result).to.equal(null);
    });
  });
});
