import { expect } from 'chai';
import { allowErrorInjection, debugfs, EI_TYPE_ERRNO, EI_TYPE_NULL } from '../../src/index';
import { applyCollecting, isPendingEntry } from '../support/boot';
import { uniqueNames } from '../support/names';
import { requireBuiltCore, runChild } from './childProcess';
import { failEveryCall, useFailFunction } from './failFunctionHooks';

/**
 * The boot configuration meets error-injectable functions: functions are marked as their modules
 * load, after the core has read `ERRINJECT`, so a `fail_function/inject=<name>` entry waits for its
 * function. The in-process cases use `applyBootConfig`; `ERRINJECT` itself is read once, when the
 * core first loads, and `off` cannot be undone, so those cases run in a child process that requires
 * the built package (see ./childProcess).
 */

const uniqueName = uniqueNames('inject-boot');

describe('boot configuration of error-injectable functions', () => {
  describe('when applyBootConfig names a function marked later', () => {
    useFailFunction();

    it('should wait for the function, and arm it when allowErrorInjection marks it', () => {
      // Arrange
      const name = uniqueName('late');
      const entry = `fail_function/inject=${name}`;

      // Act
      const reported = applyCollecting(entry);
      const pendingBefore = isPendingEntry(entry);
      const injectBefore = debugfs.read('fail_function/inject');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name });

      // Assert
      expect(reported).to.deep.equal([]);
      expect(pendingBefore).to.equal(true);
      expect(injectBefore.split('\n')).to.not.include(name);
      expect(isPendingEntry(entry)).to.equal(false);
      expect(debugfs.read('fail_function/inject').split('\n')).to.include(name);
      expect(debugfs.read(`fail_function/${name}/retval`)).to.equal('-22\n');
      failEveryCall();
      expect(wrapped()).to.equal(-22);
    });

    it('should keep the written order: arm, then disarm, once the function is marked (regression: the disarm ran first)', () => {
      // Arrange
      const name = uniqueName('late-arm-disarm');
      const arm = `fail_function/inject=${name}`;
      const disarm = `fail_function/inject=!${name}`;

      // Act
      const reported = applyCollecting(`${arm} ${disarm}`);
      const pendingBefore = [isPendingEntry(arm), isPendingEntry(disarm)];
      allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name });

      // Assert
      expect(reported).to.deep.equal([]);
      expect(pendingBefore).to.deep.equal([true, true]);
      expect([isPendingEntry(arm), isPendingEntry(disarm)]).to.deep.equal([false, false]);
      expect(debugfs.read('fail_function/inject').split('\n')).to.not.include(name);
    });

    it('should refuse a bare ! at once without holding back the entries after it, as the empty write does (regression)', () => {
      // Arrange
      const never = uniqueName('never-marked');
      const name = uniqueName('after-bare-bang');

      // Act
      const reported = applyCollecting(`fail_function/inject=${never} fail_function/inject=! fail_function/inject=${name}`);
      allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name });

      // Assert
      expect(reported).to.have.length(1);
      expect(reported[0]).to.contain('("fail_function/inject=!")').and.to.contain('ENOENT');
      expect(debugfs.read('fail_function/inject').split('\n')).to.include(name);
      expect(isPendingEntry(`fail_function/inject=${never}`)).to.equal(true);
      // An entry left waiting would hold back every later empty write of the process.
      allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name: never });
      expect(isPendingEntry(`fail_function/inject=${never}`)).to.equal(false);
    });

    it('should hold an empty inject write behind the functions armed before it, and those after it behind it', () => {
      // Arrange
      const early = uniqueName('late-before-clear');
      const late = uniqueName('late-after-clear');
      const arm = `fail_function/inject=${late}`;
      const clear = 'fail_function/inject=';

      // Act
      const reported = applyCollecting(`fail_function/inject=${early} ${clear} ${arm}`);
      allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name: late });
      const whileEarlyWaits = [isPendingEntry(clear), isPendingEntry(arm), debugfs.read('fail_function/inject').split('\n').includes(late)];
      allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name: early });

      // Assert
      expect(reported).to.deep.equal([]);
      expect(whileEarlyWaits).to.deep.equal([true, true, false]);
      expect([isPendingEntry(clear), isPendingEntry(arm)]).to.deep.equal([false, false]);
      expect(debugfs.read('fail_function/inject')).to.equal(`${late}\n`);
    });

    it('should apply a retval written after it in the same configuration once the function is armed', () => {
      // Arrange
      const name = uniqueName('late-retval');
      const inject = `fail_function/inject=${name}`;
      const retval = `fail_function/${name}/retval=-12`;

      // Act
      const reported = applyCollecting(`${inject} ${retval}`);
      const pendingBefore = [isPendingEntry(inject), isPendingEntry(retval)];
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name });

      // Assert
      expect(reported).to.deep.equal([]);
      expect(pendingBefore).to.deep.equal([true, true]);
      expect([isPendingEntry(inject), isPendingEntry(retval)]).to.deep.equal([false, false]);
      expect(debugfs.read(`fail_function/${name}/retval`)).to.equal('-12\n');
      failEveryCall();
      expect(wrapped()).to.equal(-12);
    });

    it('should report a retval out of the range of the type with EINVAL once armed, and keep the default', () => {
      // Arrange
      const name = uniqueName('late-bad-retval');
      const retval = `fail_function/${name}/retval=-12`;

      // Act
      const reported = applyCollecting(`fail_function/inject=${name};${retval}`);
      const before = [...reported];
      allowErrorInjection(EI_TYPE_NULL, (): object | null => ({}), { name });

      // Assert
      expect(before).to.deep.equal([]);
      expect(reported).to.have.length(1);
      expect(reported[0]).to.include(retval);
      expect(reported[0]).to.match(/\bEINVAL\b/);
      expect(isPendingEntry(retval)).to.equal(false);
      expect(debugfs.read(`fail_function/${name}/retval`)).to.equal('0\n');
    });

    it('should arm a function marked before at once, leaving nothing waiting', () => {
      // Arrange
      const name = uniqueName('early');
      allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name });
      const entry = `fail_function/inject=${name}`;

      // Act
      const reported = applyCollecting(entry);

      // Assert
      expect(reported).to.deep.equal([]);
      expect(isPendingEntry(entry)).to.equal(false);
      expect(debugfs.read('fail_function/inject').split('\n')).to.include(name);
    });
  });

  describe('when the process starts with ERRINJECT', function () {
    this.timeout(30000);

    requireBuiltCore();

    it('should, with ERRINJECT=off, return the function itself and refuse arming with EPERM', () => {
      // Act
      const { out, stderr } = runChild(
        'off',
        `function off_fn() { return 1; }
         const marked = core.allowErrorInjection(core.EI_TYPE_ERRNO, off_fn);
         out.same = marked === off_fn;
         const arrow = () => null;
         out.namedSame = core.allowErrorInjection(core.EI_TYPE_NULL, arrow, { name: 'off_named' }) === arrow;
         out.injectable = core.debugfs.read('fail_function/injectable');
         out.arm = codeOf(() => core.debugfs.write('fail_function/inject', 'off_fn'));
         out.disarmAll = codeOf(() => core.debugfs.write('fail_function/inject', ''));
         out.probability = codeOf(() => core.debugfs.write('fail_function/probability', '100'));
         out.inject = core.debugfs.read('fail_function/inject');
         out.result = marked();`,
      );

      // Assert
      expect(out).to.deep.equal({
        same: true,
        namedSame: true,
        injectable: '',
        arm: 'EPERM',
        disarmAll: 'EPERM',
        probability: 'EPERM',
        inject: '',
        result: 1,
      });
      expect(stderr).to.equal('');
    });

    it('should, with ERRINJECT=off, leave decorated methods exactly as written in both decorator modes', () => {
      // Act: the decorator is applied as TypeScript's output applies it, legacy (target, key,
      // descriptor) and standard (value, context).
      const { out, stderr } = runChild(
        'off',
        `class Legacy { open() { return 1; } }
         const legacyBefore = Object.getOwnPropertyDescriptor(Legacy.prototype, 'open');
         out.legacyReturned = core.AllowErrorInjection(core.EI_TYPE_ERRNO)(Legacy.prototype, 'open', legacyBefore) === undefined;
         out.legacySame = Object.getOwnPropertyDescriptor(Legacy.prototype, 'open').value === legacyBefore.value;
         const initializers = [];
         function open() { return 2; }
         const context = { kind: 'method', name: 'open', static: false, private: false, metadata: {},
           access: { has: () => true, get: () => open }, addInitializer: (fn) => initializers.push(fn) };
         out.standardReturned = core.AllowErrorInjection(core.EI_TYPE_NULL)(open, context) === undefined;
         out.initializers = initializers.length;
         out.injectable = core.debugfs.read('fail_function/injectable');
         out.arm = codeOf(() => core.debugfs.write('fail_function/inject', 'Legacy.open'));
         out.result = new Legacy().open();`,
      );

      // Assert
      expect(out).to.deep.equal({
        legacyReturned: true,
        legacySame: true,
        standardReturned: true,
        initializers: 0,
        injectable: '',
        arm: 'EPERM',
        result: 1,
      });
      expect(stderr).to.equal('');
    });

    it('should arm a function marked after load that ERRINJECT names, so that its call fails', () => {
      // Act
      const { out, stderr } = runChild(
        'fail_function/inject=late_fn fail_function/probability=100',
        `core.setVerboseSink(() => {});
         out.pendingBefore = core.pendingBootEntries().map((e) => e.text);
         let ran = 0;
         const late_fn = core.allowErrorInjection(core.EI_TYPE_ERRNO, function late_fn() { ran++; return 0; });
         out.pendingAfter = core.pendingBootEntries().map((e) => e.text);
         out.inject = core.debugfs.read('fail_function/inject');
         out.result = late_fn();
         out.ran = ran;`,
      );

      // Assert
      expect(out).to.deep.equal({
        pendingBefore: ['fail_function/inject=late_fn'],
        pendingAfter: [],
        inject: 'late_fn\n',
        result: -22,
        ran: 0,
      });
      expect(stderr).to.equal('');
    });

    it('should report an entry naming a function never marked on stderr at exit', () => {
      // Act
      const { out, stderr } = runChild(
        'fail_function/inject=never_marked_fn',
        `out.pending = core.pendingBootEntries().map((e) => e.text);
         core.allowErrorInjection(core.EI_TYPE_ERRNO, function some_other_fn() { return 0; });`,
      );

      // Assert
      expect(out['pending']).to.deep.equal(['fail_function/inject=never_marked_fn']);
      expect(stderr).to.include('never applied');
      expect(stderr).to.include('never_marked_fn');
      expect(stderr.trimEnd().split('\n')).to.have.length(1);
    });
  });
});
