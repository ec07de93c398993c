import { expect } from 'chai';
import { requireBuiltCore, runChild } from './childProcess';

/**
 * Disarming a method whose class was frozen after it was armed (regression: `!A.m` threw a raw
 * TypeError after removing the name from `inject` and its directory, leaving the wrapper on the class
 * and the function never armable again; the empty write stopped part-way). A write happens whole or
 * changes nothing; the empty write disarms all it can, then names the rest with EPERM. Each case runs
 * in a child process: a frozen class stays armed for good, and every later test disarms all.
 */

/** Marks A.m, A.n and B.k (experimentalDecorators' form), arms them, then freezes A.prototype. */
const SETUP = `
  const { AllowErrorInjection, EI_TYPE_NULL, debugfs } = core;
  class A { m() { return 'm'; } n() { return 'n'; } }
  class B { k() { return 'k'; } }
  const originals = { m: A.prototype.m, n: A.prototype.n, k: B.prototype.k };
  for (const [klass, key] of [[A, 'm'], [A, 'n'], [B, 'k']]) {
    AllowErrorInjection(EI_TYPE_NULL)(klass.prototype, key, Object.getOwnPropertyDescriptor(klass.prototype, key));
  }
  for (const name of ['A.m', 'A.n', 'B.k']) debugfs.write('fail_function/inject', name);
  debugfs.write('fail_function/probability', '100');
  debugfs.write('fail_function/times', '-1');
  const wrappers = { m: A.prototype.m, n: A.prototype.n, k: B.prototype.k };
  Object.freeze(A.prototype);
  const errorOf = (fn) => { try { fn(); return 'ok'; } catch (e) { return { name: e.name, code: e.code, message: e.message }; } };
  const view = () => ({
    inject: debugfs.read('fail_function/inject'),
    dirs: debugfs.list('fail_function').filter((n) => /^[AB]\\./.test(n)),
    m: A.prototype.m === wrappers.m ? 'wrapper' : A.prototype.m === originals.m ? 'original' : 'other',
    k: B.prototype.k === wrappers.k ? 'wrapper' : B.prototype.k === originals.k ? 'original' : 'other',
    calls: [new A().m(), new A().n(), new B().k()],
  });
`;

describe('disarming a method whose class was frozen after it was armed', function () {
  this.timeout(30000);
  requireBuiltCore();

  describe('when !name is written', () => {
    it('should refuse it with EPERM and change nothing: the name, its directory, the wrapper and its faults stay', () => {
      // Act
      const { out } = runChild(
        undefined,
        `${SETUP}
         out.before = view();
         out.error = errorOf(() => debugfs.write('fail_function/inject', '!A.m'));
         out.after = view();
         out.again = codeOf(() => debugfs.write('fail_function/inject', 'A.m'));`,
      );

      // Assert
      const error = out['error'] as { name: string; code: string; message: string };
      expect(error.name).to.equal('ErrInjectError');
      expect(error.code).to.equal('EPERM');
      expect(error.message).to.include('A.m').and.to.include('frozen');
      expect(out['after']).to.deep.equal(out['before']);
      expect(out['after']).to.deep.include({ inject: 'A.m\nA.n\nB.k\n', dirs: ['A.m', 'A.n', 'B.k'], m: 'wrapper', calls: [null, null, null] });
      expect(out['again']).to.equal('EBUSY');
    });
  });

  describe('when the empty write disarms every function', () => {
    it('should disarm every other function, put their methods back, end inject=*, and name those left armed with EPERM', () => {
      // Act
      const { out } = runChild(
        undefined,
        `${SETUP}
         debugfs.write('fail_function/inject', '*');
         out.error = errorOf(() => debugfs.write('fail_function/inject', ''));
         out.after = view();
         out.stopAll = codeOf(() => debugfs.write('fail_function/inject', '!*'));`,
      );

      // Assert
      const error = out['error'] as { code: string; message: string };
      expect(error.code).to.equal('EPERM');
      expect(error.message).to.include('A.m, A.n stay armed');
      expect(out['after']).to.deep.equal({ inject: 'A.m\nA.n\n', dirs: ['A.m', 'A.n'], m: 'wrapper', k: 'original', calls: [null, null, 'k'] });
      expect(out['stopAll']).to.equal('ENOENT');
    });
  });

  describe('when the write comes over the control socket', () => {
    it('should answer EPERM with the message, not EIO', () => {
      // Act
      const { out } = runChild(
        undefined,
        `${SETUP}
         const { serveControlRequest } = require(require('node:path').join(require('node:path').dirname(${JSON.stringify(require.resolve('@errinject/core'))}), 'remote/serveControlRequest.js'));
         out.answer = serveControlRequest(JSON.stringify({ id: 1, op: 'write', tree: 'debugfs', path: 'fail_function/inject', value: '!A.m' }));`,
      );

      // Assert
      expect(out['answer']).to.deep.include({ id: 1, ok: false, code: 'EPERM' });
    });
  });

  describe('when a sweep must disarm it for its run', () => {
    it('should refuse the sweep with EPERM and leave everything as it found it', () => {
      // Act
      const { out } = runChild(
        undefined,
        `${SETUP}
         out.before = view();
         out.knobs = ['probability', 'times'].map((k) => debugfs.read('fail_function/' + k));
         out.sweep = codeOf(() => core.sweepSync(() => new B().k(), { inject: ['B.k'] }));
         out.after = view();
         out.knobsAfter = ['probability', 'times'].map((k) => debugfs.read('fail_function/' + k));`,
      );

      // Assert
      expect(out['sweep']).to.equal('EPERM');
      expect(out['after']).to.deep.equal(out['before']);
      expect(out['knobsAfter']).to.deep.equal(out['knobs']);
    });
  });
});
