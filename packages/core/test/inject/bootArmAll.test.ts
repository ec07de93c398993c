import { expect } from 'chai';
import { allowErrorInjection, debugfs, EI_TYPE_ERRNO, pendingBootEntries } from '../../src/index';
import { applyCollecting, isPendingEntry } from '../support/boot';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { requireBuiltCore, runChild } from './childProcess';
import { injectLines, markedNames, useFailFunction } from './failFunctionHooks';

/**
 * `fail_function/inject=*` in the boot configuration: it applies at once, and arms each function as
 * its module marks it, leaving a function that boot entries wait for to them. The in-process cases
 * use `applyBootConfig`; `ERRINJECT` itself is read once, when the core first loads, and `off` cannot
 * be undone, so those cases run in a child process that requires the built package.
 *
 * `*` arms every function of the process, the other test files' included, so the expected reads of
 * `inject` are built from `fail_function/injectable`.
 */

const uniqueName = uniqueNames('inject-boot-armall');

const STAR = 'fail_function/inject=*';

function readInject(): string {
  return debugfs.read('fail_function/inject');
}

/** Marks a plain ERRNO function under this name. */
function mark(name: string): void {
  allowErrorInjection(EI_TYPE_ERRNO, (): number => 0, { name });
}

describe('boot configuration of fail_function/inject=*', () => {
  describe('when applyBootConfig writes *', () => {
    useFailFunction();

    it('should apply at once, arming every marked function, and leave nothing waiting', () => {
      // Arrange
      mark(uniqueName('early'));

      // Act
      const reported = applyCollecting(STAR);

      // Assert
      expect(reported).to.deep.equal([]);
      expect(isPendingEntry(STAR)).to.equal(false);
      expect(readInject()).to.equal(injectLines(markedNames()));
    });

    it('should arm each function as it is marked afterwards, with its default retval', () => {
      // Arrange
      const reported = applyCollecting(STAR);
      const before = readInject();
      const late = uniqueName('late');

      // Act
      mark(late);

      // Assert
      expect(reported).to.deep.equal([]);
      expect(readInject()).to.equal(`${before}${late}\n`);
      expect(debugfs.read(`fail_function/${late}/retval`)).to.equal('-22\n');
    });
  });

  describe('when * is followed by entries naming a function marked later', () => {
    useFailFunction();

    it('should never arm a function excluded by !Name', () => {
      // Arrange
      const name = uniqueName('excluded');
      const other = uniqueName('other');
      const reported = applyCollecting(`${STAR} fail_function/inject=!${name}`);
      const before = readInject();

      // Act
      mark(name);
      mark(other);

      // Assert
      expect(reported).to.deep.equal([]);
      expect(readInject()).to.equal(`${before}${other}\n`);
      expect(debugfs.stat(`fail_function/${name}`)).to.equal(undefined);
    });

    it('should arm a function named by Name once, reporting no EBUSY', () => {
      // Arrange
      const name = uniqueName('named');
      const entry = `fail_function/inject=${name}`;
      const reported = applyCollecting(`${STAR} ${entry}`);
      const pendingBefore = isPendingEntry(entry);
      const before = readInject();

      // Act
      mark(name);

      // Assert
      expect(pendingBefore).to.equal(true);
      expect(isPendingEntry(entry)).to.equal(false);
      expect(reported).to.deep.equal([]);
      expect(readInject()).to.equal(`${before}${name}\n`);
    });

    it('should leave a function named by Name then !Name disarmed: the entries waiting for it decide', () => {
      // Arrange
      const name = uniqueName('named-then-excluded');
      const arm = `fail_function/inject=${name}`;
      const disarm = `fail_function/inject=!${name}`;
      const reported = applyCollecting(`${STAR} ${arm} ${disarm}`);
      const before = readInject();

      // Act
      mark(name);

      // Assert
      expect(reported).to.deep.equal([]);
      expect([isPendingEntry(arm), isPendingEntry(disarm)]).to.deep.equal([false, false]);
      expect(readInject()).to.equal(before);
      expect(debugfs.stat(`fail_function/${name}`)).to.equal(undefined);
    });
  });

  describe('when * comes after entries that wait for a function', () => {
    useFailFunction();

    it('should arm the function after they apply, as the three writes in a row would (Name, !Name, *)', () => {
      // Arrange
      const name = uniqueName('excluded-then-star');
      const arm = `fail_function/inject=${name}`;
      const disarm = `fail_function/inject=!${name}`;
      const reported = applyCollecting(`${arm} ${disarm} ${STAR}`);
      const before = readInject();

      // Act
      mark(name);

      // Assert
      expect(reported).to.deep.equal([]);
      expect([isPendingEntry(arm), isPendingEntry(disarm)]).to.deep.equal([false, false]);
      expect(readInject()).to.equal(`${before}${name}\n`);
    });
  });

  describe('when * comes after an empty write that waits behind a function marked later', () => {
    useFailFunction();

    it('should wait behind it until the function is marked, then arm every marked function', () => {
      // Arrange
      const early = uniqueName('awaited');
      const meanwhile = uniqueName('meanwhile');
      const clear = 'fail_function/inject=';

      // Act
      const reported = applyCollecting(`fail_function/inject=${early} ${clear} ${STAR}`);
      const pendingBefore = [isPendingEntry(`fail_function/inject=${early}`), isPendingEntry(clear), isPendingEntry(STAR)];
      mark(meanwhile);
      const injectMeanwhile = readInject();
      mark(early);
      const injectAfter = readInject();
      const later = uniqueName('after-all');
      mark(later);

      // Assert
      expect(reported).to.deep.equal([]);
      expect(pendingBefore).to.deep.equal([true, true, true]);
      expect(injectMeanwhile).to.equal('');
      expect(pendingBootEntries()).to.deep.equal([]);
      expect(injectAfter).to.equal(injectLines(markedNames().filter((name) => name !== later)));
      expect(injectAfter.split('\n')).to.include.members([early, meanwhile]);
      expect(readInject()).to.equal(`${injectAfter}${later}\n`);
    });
  });

  describe('when the process starts with ERRINJECT', function () {
    this.timeout(30000);

    requireBuiltCore();

    it('should arm, with fail_function/inject=*, two functions marked after load, so that both fail', () => {
      // Act
      const { out, stderr } = runChild(
        'fail_function=1,100,0,-1 fail_function/verbose=0 fail_function/inject=*',
        `out.pending = core.pendingBootEntries().map((e) => e.text);
         let ran = 0;
         const open = core.allowErrorInjection(core.EI_TYPE_ERRNO, function open() { ran++; return 3; });
         const alloc = core.allowErrorInjection(core.EI_TYPE_NULL, function alloc() { ran++; return {}; });
         out.inject = core.debugfs.read('fail_function/inject');
         out.results = [open(), alloc(), open()];
         out.ran = ran;`,
      );

      // Assert
      expect(out).to.deep.equal({ pending: [], inject: 'open\nalloc\n', results: [-22, null, -22], ran: 0 });
      expect(stderr).to.equal('');
    });

    it('should not report fail_function/inject=* as never applied at exit when nothing is marked', () => {
      // Act
      const { out, stderr } = runChild(
        'fail_function/inject=*',
        `out.pending = core.pendingBootEntries().map((e) => e.text);
         out.stop = codeOf(() => core.debugfs.write('fail_function/inject', '!*'));`,
      );

      // Assert
      expect(out).to.deep.equal({ pending: [], stop: 'ok' });
      expect(stderr).to.equal('');
    });

    it('should report at exit a !name under * whose function was never marked, and not one that was', () => {
      // Act
      const { out, stderr } = runChild(
        'fail_function/inject=* fail_function/inject=!Stroe.open fail_function/inject=!Store.close',
        `core.allowErrorInjection(core.EI_TYPE_ERRNO, function close() { return 0; }, { name: 'Store.close' });
         out.inject = core.debugfs.read('fail_function/inject');`,
      );

      // Assert
      expect(out).to.deep.equal({ inject: '' });
      expect(stderr).to.equal(
        'errinject: ERRINJECT entry 2 at column 24 ("fail_function/inject=!Stroe.open"): never applied: no error-injectable function named ' +
          '"Stroe.open" was marked for inject=* to leave out; nothing of this entry was applied\n',
      );
    });

    it('should, with ERRINJECT=off, refuse * and !* with EPERM and arm nothing', () => {
      // Act
      const { out, stderr } = runChild(
        'off',
        `out.star = codeOf(() => core.debugfs.write('fail_function/inject', '*'));
         out.stop = codeOf(() => core.debugfs.write('fail_function/inject', '!*'));
         const fn = function off_fn() { return 1; };
         out.same = core.allowErrorInjection(core.EI_TYPE_ERRNO, fn) === fn;
         out.injectable = core.debugfs.read('fail_function/injectable');
         out.inject = core.debugfs.read('fail_function/inject');`,
      );

      // Assert
      expect(out).to.deep.equal({ star: 'EPERM', stop: 'EPERM', same: true, injectable: '', inject: '' });
      expect(stderr).to.equal('');
    });
  });

  describe('when the boot configuration turns * on and the test writes it again', () => {
    useFailFunction();

    it('should refuse a second * with EBUSY', () => {
      // Arrange
      applyCollecting(STAR);

      // Act
      const error = catchErrInject(() => debugfs.write('fail_function/inject', '*'));

      // Assert
      expect(error.code).to.equal('EBUSY');
    });
  });
});
