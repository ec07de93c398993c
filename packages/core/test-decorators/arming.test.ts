import { expect } from 'chai';
import {
  AllowErrorInjection,
  applyBootConfig,
  debugfs,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  type ErrPtr,
  errno,
  isErr,
  ptrErr,
} from '@errinject/core';
import { captureMethod, type CapturedMethod } from './support/capture';
import { catchErrInject } from './support/errors';
import { arm, armedNames, disarm, failEveryCall, useFailFunction, writeRetval } from './support/failFunction';
import { describeMode, MODE, named, nameOf } from './support/mode';

/** The errno an ErrPtr carries, or `undefined` for anything else. */
function carriedErrno(value: unknown): number | undefined {
  return isErr(value) ? ptrErr(value) : undefined;
}

describeMode('fail_function/inject on @AllowErrorInjection methods', () => {
  useFailFunction();

  describe('when armed with the fail_function defaults (probability 0)', () => {
    it('should run every call normally', () => {
      // Arrange
      let runs = 0;
      class QuietDefaults {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('QuietDefaults.open'))
        open(): number {
          runs += 1;
          return 3;
        }
      }
      const quiet = new QuietDefaults();

      // Act
      arm(nameOf('QuietDefaults.open'));
      const results = [quiet.open(), quiet.open()];

      // Assert
      expect(armedNames()).to.deep.equal([nameOf('QuietDefaults.open')]);
      expect(results).to.deep.equal([3, 3]);
      expect(runs).to.equal(2);
    });
  });

  describe('when every call fails (probability 100, times -1)', () => {
    it('should return null from a NULL method without running its body', () => {
      // Arrange
      let runs = 0;
      class FailNull {
        @AllowErrorInjection(EI_TYPE_NULL, named('FailNull.alloc'))
        alloc(): object | null {
          runs += 1;
          return {};
        }
      }
      const pool = new FailNull();
      arm(nameOf('FailNull.alloc'));
      failEveryCall();

      // Act
      const results = [pool.alloc(), pool.alloc()];

      // Assert
      expect(results).to.deep.equal([null, null]);
      expect(runs).to.equal(0);
      expect(debugfs.read(`fail_function/${nameOf('FailNull.alloc')}/retval`)).to.equal('0\n');
    });

    it('should return -EINVAL from an ERRNO method by default, and the retval written since', () => {
      // Arrange
      let runs = 0;
      class FailErrno {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('FailErrno.open'))
        open(): number {
          runs += 1;
          return 0;
        }
      }
      const file = new FailErrno();
      arm(nameOf('FailErrno.open'));
      failEveryCall();

      // Act
      const byDefault = file.open();
      const defaultRetval = debugfs.read(`fail_function/${nameOf('FailErrno.open')}/retval`);
      writeRetval(nameOf('FailErrno.open'), '-ENOMEM');
      const afterWrite = file.open();

      // Assert
      expect(byDefault).to.equal(-errno.EINVAL);
      expect(defaultRetval).to.equal(`${-errno.EINVAL}\n`);
      expect(afterWrite).to.equal(-errno.ENOMEM);
      expect(runs).to.equal(0);
    });

    it('should return an ErrPtr from an ERRNO method marked errPtr', () => {
      // Arrange
      let runs = 0;
      class FailErrPtr {
        @AllowErrorInjection(EI_TYPE_ERRNO, { ...named('FailErrPtr.open'), errPtr: true })
        open(): Buffer | ErrPtr {
          runs += 1;
          return Buffer.alloc(1);
        }
      }
      const file = new FailErrPtr();
      arm(nameOf('FailErrPtr.open'));
      failEveryCall();

      // Act
      const byDefault = file.open();
      writeRetval(nameOf('FailErrPtr.open'), '-12');
      const afterWrite = file.open();

      // Assert
      expect(isErr(byDefault)).to.equal(true);
      expect(carriedErrno(byDefault)).to.equal(-errno.EINVAL);
      expect(carriedErrno(afterWrite)).to.equal(-errno.ENOMEM);
      expect(runs).to.equal(0);
    });

    it('should return null from an ERRNO_NULL method by default (retval 0), and the errno written since', () => {
      // Arrange
      let runs = 0;
      class FailErrnoNull {
        @AllowErrorInjection(EI_TYPE_ERRNO_NULL, named('FailErrnoNull.lookup'))
        lookup(): object | number | null {
          runs += 1;
          return {};
        }

        @AllowErrorInjection(EI_TYPE_ERRNO_NULL, { ...named('FailErrnoNull.find'), errPtr: true })
        find(): object | ErrPtr | null {
          runs += 1;
          return {};
        }
      }
      const table = new FailErrnoNull();
      arm(nameOf('FailErrnoNull.lookup'));
      arm(nameOf('FailErrnoNull.find'));
      failEveryCall();

      // Act
      const byDefault = [table.lookup(), table.find()];
      const defaultRetval = debugfs.read(`fail_function/${nameOf('FailErrnoNull.lookup')}/retval`);
      writeRetval(nameOf('FailErrnoNull.lookup'), '-12');
      writeRetval(nameOf('FailErrnoNull.find'), '-12');
      const lookedUp = table.lookup();
      const found = table.find();

      // Assert
      expect(byDefault).to.deep.equal([null, null]);
      expect(defaultRetval).to.equal('0\n');
      expect(lookedUp).to.equal(-errno.ENOMEM);
      expect(carriedErrno(found)).to.equal(-errno.ENOMEM);
      expect(runs).to.equal(0);
    });

    it('should return true from a TRUE method', () => {
      // Arrange
      let runs = 0;
      class FailTrue {
        @AllowErrorInjection(EI_TYPE_TRUE, named('FailTrue.busy'))
        busy(): boolean {
          runs += 1;
          return false;
        }
      }
      const device = new FailTrue();
      arm(nameOf('FailTrue.busy'));
      failEveryCall();

      // Act
      const result = device.busy();

      // Assert
      expect(result).to.equal(true);
      expect(runs).to.equal(0);
      expect(debugfs.read(`fail_function/${nameOf('FailTrue.busy')}/retval`)).to.equal('1\n');
    });

    it('should fail a static method the same way', () => {
      // Arrange
      let runs = 0;
      class FailStatic {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('FailStatic.mount'))
        static mount(): number {
          runs += 1;
          return 0;
        }
      }
      arm(nameOf('FailStatic.mount'));
      failEveryCall();

      // Act
      const result = FailStatic.mount();

      // Assert
      expect(result).to.equal(-errno.EINVAL);
      expect(runs).to.equal(0);
    });

    it('should return a Promise of the failure value from an async method', async () => {
      // Arrange
      let runs = 0;
      class FailAsync {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('FailAsync.read'))
        async read(): Promise<number> {
          runs += 1;
          return 5;
        }

        @AllowErrorInjection(EI_TYPE_NULL, named('FailAsync.fetch'))
        static async fetch(): Promise<object | null> {
          runs += 1;
          return {};
        }
      }
      const reader = new FailAsync();
      arm(nameOf('FailAsync.read'));
      arm(nameOf('FailAsync.fetch'));
      failEveryCall();

      // Act
      const read = reader.read();
      const fetched = FailAsync.fetch();

      // Assert
      expect(read).to.be.an.instanceOf(Promise);
      expect(fetched).to.be.an.instanceOf(Promise);
      expect(await read).to.equal(-errno.EINVAL);
      expect(await fetched).to.equal(null);
      expect(runs).to.equal(0);
    });

    it('should return a Promise of the failure value from a method that returns a Promise and says async: true', async () => {
      // Arrange
      let runs = 0;
      class FailFlagged {
        @AllowErrorInjection(EI_TYPE_ERRNO, { ...named('FailFlagged.read'), async: true })
        read(): Promise<number> {
          runs += 1;
          return Promise.resolve(5);
        }
      }
      const reader = new FailFlagged();
      arm(nameOf('FailFlagged.read'));
      failEveryCall();

      // Act
      const result = reader.read();

      // Assert
      expect(result).to.be.an.instanceOf(Promise);
      expect(await result).to.equal(-errno.EINVAL);
      expect(runs).to.equal(0);
    });

    it('should tell a method declared to return a Promise by its metadata only where it is emitted', async () => {
      // Arrange: not async, no option; only emitDecoratorMetadata records `design:returntype` Promise.
      let runs = 0;
      class FailDeclared {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('FailDeclared.read'))
        read(): Promise<number> {
          runs += 1;
          return Promise.resolve(5);
        }
      }
      const reader = new FailDeclared();
      arm(nameOf('FailDeclared.read'));
      failEveryCall();

      // Act
      const result: unknown = reader.read();

      // Assert
      if (MODE === 'metadata') {
        expect(result).to.be.an.instanceOf(Promise);
        expect(await result).to.equal(-errno.EINVAL);
      } else {
        expect(result).to.equal(-errno.EINVAL);
      }
      expect(runs).to.equal(0);
    });
  });

  describe('when times runs out (probability 100, times 1)', () => {
    it('should fail the first call only and leave times at 0', () => {
      // Arrange
      let runs = 0;
      class FailOnce {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('FailOnce.open'))
        open(): number {
          runs += 1;
          return 4;
        }
      }
      const file = new FailOnce();
      arm(nameOf('FailOnce.open'));
      debugfs.write('fail_function/probability', '100');

      // Act
      const results = [file.open(), file.open()];

      // Assert
      expect(results).to.deep.equal([-errno.EINVAL, 4]);
      expect(runs).to.equal(1);
      expect(debugfs.read('fail_function/times')).to.equal('0\n');
    });
  });

  describe('when an armed call does not fail', () => {
    it('should run the method with the same this and arguments, extra arguments included', () => {
      // Arrange
      const seen: Array<{ self: unknown; args: unknown[] }> = [];
      class PassThrough {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('PassThrough.write'))
        write(fd: number, data: string): number {
          // `arguments`: the arguments as passed, extra ones included.
          seen.push({ self: this, args: [...arguments] });
          return fd + data.length;
        }

        @AllowErrorInjection(EI_TYPE_ERRNO, named('PassThrough.sync'))
        static sync(fd: number): number {
          seen.push({ self: this, args: [fd] });
          return fd;
        }
      }
      class PassThroughChild extends PassThrough {}
      const pass = new PassThrough();
      const stranger = { name: 'not a PassThrough' };
      arm(nameOf('PassThrough.write'));
      arm(nameOf('PassThrough.sync'));

      // Act
      const results = [
        pass.write(3, 'abc'),
        Reflect.apply(PassThrough.prototype.write, stranger, [4, 'de', 'extra', 5]) as number,
        PassThroughChild.sync(9),
      ];

      // Assert
      expect(results).to.deep.equal([6, 6, 9]);
      expect(seen).to.have.lengthOf(3);
      expect(seen[0]?.self).to.equal(pass);
      expect(seen[0]?.args).to.deep.equal([3, 'abc']);
      expect(seen[1]?.self).to.equal(stranger);
      expect(seen[1]?.args).to.deep.equal([4, 'de', 'extra', 5]);
      expect(seen[2]?.self).to.equal(PassThroughChild);
    });

    it("should keep the method's name and length on the armed wrapper", () => {
      // Arrange
      const original: CapturedMethod = { fn: undefined };
      class Shaped {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Shaped.copy'))
        @captureMethod(original)
        copy(_from: string, _to: string, _flags = 0): number {
          return 0;
        }
      }
      new Shaped();

      // Act
      arm(nameOf('Shaped.copy'));
      const armed = Object.getOwnPropertyDescriptor(Shaped.prototype, 'copy')?.value as (...args: unknown[]) => unknown;

      // Assert: a wrapper is in place, with the method's name and length (a parameter with a default does not count).
      expect(armed).to.be.a('function');
      expect(armed).not.to.equal(original.fn);
      expect(armed.name).to.equal('copy');
      expect(armed.length).to.equal(2);
      expect(armed.length).to.equal((original.fn as (...args: unknown[]) => unknown).length);
    });
  });

  describe('when armed before the class has an instance', () => {
    it('should fail the calls of the first instance and restore the method when disarmed', () => {
      // Arrange
      const original: CapturedMethod = { fn: undefined };
      let runs = 0;
      class ArmedEarly {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('ArmedEarly.open'))
        @captureMethod(original)
        open(): number {
          runs += 1;
          return 1;
        }
      }
      arm(nameOf('ArmedEarly.open'));
      failEveryCall();

      // Act
      const early = new ArmedEarly();
      const failed = early.open();
      disarm(nameOf('ArmedEarly.open'));
      const passed = early.open();

      // Assert
      expect(failed).to.equal(-errno.EINVAL);
      expect(passed).to.equal(1);
      expect(runs).to.equal(1);
      expect(Object.getOwnPropertyDescriptor(ArmedEarly.prototype, 'open')?.value).to.equal(original.fn);
    });
  });

  describe('when disarmed', () => {
    it('should put back exactly the property descriptor it replaced, flags included (!name)', () => {
      // Arrange: flags other than a method's defaults, to see that they are the ones kept.
      const instanceMethod: CapturedMethod = { fn: undefined };
      const staticMethod: CapturedMethod = { fn: undefined };
      class Restored {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Restored.open'))
        @captureMethod(instanceMethod)
        open(): number {
          return 1;
        }

        @AllowErrorInjection(EI_TYPE_TRUE, named('Restored.busy'))
        @captureMethod(staticMethod)
        static busy(): boolean {
          return false;
        }
      }
      new Restored();
      Object.defineProperty(Restored.prototype, 'open', { enumerable: true, writable: false });
      Object.defineProperty(Restored, 'busy', { enumerable: true });
      const instanceBefore = Object.getOwnPropertyDescriptor(Restored.prototype, 'open');
      const staticBefore = Object.getOwnPropertyDescriptor(Restored, 'busy');
      arm(nameOf('Restored.open'));
      arm(nameOf('Restored.busy'));
      const instanceArmed = Object.getOwnPropertyDescriptor(Restored.prototype, 'open');
      const staticArmed = Object.getOwnPropertyDescriptor(Restored, 'busy');

      // Act
      disarm(nameOf('Restored.open'));
      disarm(nameOf('Restored.busy'));

      // Assert: armed, a wrapper with the same flags; disarmed, the very same descriptor.
      expect(instanceBefore).to.deep.equal({ value: instanceMethod.fn, writable: false, enumerable: true, configurable: true });
      expect(instanceArmed?.value).not.to.equal(instanceMethod.fn);
      expect({ ...instanceArmed, value: undefined }).to.deep.equal({ ...instanceBefore, value: undefined });
      expect(staticArmed?.value).not.to.equal(staticMethod.fn);
      expect({ ...staticArmed, value: undefined }).to.deep.equal({ ...staticBefore, value: undefined });
      expect(Object.getOwnPropertyDescriptor(Restored.prototype, 'open')).to.deep.equal(instanceBefore);
      expect(Object.getOwnPropertyDescriptor(Restored, 'busy')).to.deep.equal(staticBefore);
      expect(armedNames()).to.deep.equal([]);
    });

    it('should put back every armed method on an empty write', () => {
      // Arrange
      const instanceMethod: CapturedMethod = { fn: undefined };
      const staticMethod: CapturedMethod = { fn: undefined };
      class ClearedAll {
        @AllowErrorInjection(EI_TYPE_NULL, named('ClearedAll.alloc'))
        @captureMethod(instanceMethod)
        alloc(): object | null {
          return {};
        }

        @AllowErrorInjection(EI_TYPE_ERRNO, named('ClearedAll.mount'))
        @captureMethod(staticMethod)
        static mount(): number {
          return 0;
        }
      }
      const cleared = new ClearedAll();
      arm(nameOf('ClearedAll.alloc'));
      arm(nameOf('ClearedAll.mount'));
      failEveryCall();
      const whileArmed = [cleared.alloc(), ClearedAll.mount()];

      // Act
      debugfs.write('fail_function/inject', '\n');

      // Assert
      expect(whileArmed).to.deep.equal([null, -errno.EINVAL]);
      expect(armedNames()).to.deep.equal([]);
      expect(debugfs.read('fail_function/inject')).to.equal('');
      expect(Object.getOwnPropertyDescriptor(ClearedAll.prototype, 'alloc')?.value).to.equal(instanceMethod.fn);
      expect(Object.getOwnPropertyDescriptor(ClearedAll, 'mount')?.value).to.equal(staticMethod.fn);
      expect([cleared.alloc(), ClearedAll.mount()]).to.deep.equal([{}, 0]);
    });

    it('should add fail_function/<name>/ on arming and remove it on disarming', () => {
      // Arrange
      class WithDir {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('WithDir.open'))
        open(): number {
          return 0;
        }
      }
      new WithDir();
      const name = nameOf('WithDir.open');
      const listedBefore = debugfs.list('fail_function').includes(name);

      // Act
      arm(name);
      const whileArmed = { listed: debugfs.list('fail_function').includes(name), entries: debugfs.list(`fail_function/${name}`) };
      disarm(name);

      // Assert
      expect(listedBefore).to.equal(false);
      expect(whileArmed).to.deep.equal({ listed: true, entries: ['retval'] });
      expect(debugfs.list('fail_function')).not.to.include(name);
      expect(catchErrInject(() => debugfs.read(`fail_function/${name}/retval`)).code).to.equal('ENOENT');
    });

    it('should arm again, with the retval back at its default', () => {
      // Arrange
      let runs = 0;
      class Rearmed {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Rearmed.open'))
        open(): number {
          runs += 1;
          return 0;
        }
      }
      const file = new Rearmed();
      const name = nameOf('Rearmed.open');
      failEveryCall();
      arm(name);
      writeRetval(name, '-12');
      const first = file.open();
      disarm(name);
      const between = file.open();

      // Act
      arm(name);

      // Assert
      expect([first, between]).to.deep.equal([-errno.ENOMEM, 0]);
      expect(debugfs.read(`fail_function/${name}/retval`)).to.equal(`${-errno.EINVAL}\n`);
      expect(file.open()).to.equal(-errno.EINVAL);
      expect(runs).to.equal(1);
    });
  });

  describe('when a write to inject is refused', () => {
    it('should refuse arming what is armed already with EBUSY, and change nothing', () => {
      // Arrange
      class ArmedTwice {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('ArmedTwice.open'))
        open(): number {
          return 0;
        }
      }
      new ArmedTwice();
      arm(nameOf('ArmedTwice.open'));
      const armedWrapper = Object.getOwnPropertyDescriptor(ArmedTwice.prototype, 'open')?.value as unknown;

      // Act
      const error = catchErrInject(() => arm(nameOf('ArmedTwice.open')));

      // Assert
      expect(error.code).to.equal('EBUSY');
      expect(armedNames()).to.deep.equal([nameOf('ArmedTwice.open')]);
      expect(Object.getOwnPropertyDescriptor(ArmedTwice.prototype, 'open')?.value).to.equal(armedWrapper);
    });

    it('should refuse disarming what is not armed with ENOENT', () => {
      // Arrange
      class NeverArmed {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('NeverArmed.open'))
        open(): number {
          return 0;
        }
      }
      new NeverArmed();

      // Act
      const errors = [`!${nameOf('NeverArmed.open')}`, `! ${nameOf('NeverArmed.open')}`, '!', `!${nameOf('NoSuchClass.open')}`].map((value) =>
        catchErrInject(() => debugfs.write('fail_function/inject', value)),
      );

      // Assert
      expect(errors.map((error) => error.code)).to.deep.equal(['ENOENT', 'ENOENT', 'ENOENT', 'ENOENT']);
      expect(armedNames()).to.deep.equal([]);
    });

    it('should refuse an unknown name with EINVAL', () => {
      // Act
      const error = catchErrInject(() => arm(nameOf('NoSuchClass.open')));

      // Assert
      expect(error.code).to.equal('EINVAL');
      expect(armedNames()).to.deep.equal([]);
    });

    it('should refuse arming a method of a frozen class with EPERM, and change nothing', () => {
      // Arrange
      const original: CapturedMethod = { fn: undefined };
      class Frozen {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Frozen.open'))
        @captureMethod(original)
        open(): number {
          return 0;
        }
      }
      const frozen = new Frozen();
      Object.freeze(Frozen.prototype);

      // Act
      const error = catchErrInject(() => arm(nameOf('Frozen.open')));

      // Assert
      expect(error.code).to.equal('EPERM');
      expect(armedNames()).to.deep.equal([]);
      expect(debugfs.list('fail_function')).not.to.include(nameOf('Frozen.open'));
      expect(Object.getOwnPropertyDescriptor(Frozen.prototype, 'open')?.value).to.equal(original.fn);
      expect(frozen.open()).to.equal(0);
    });
  });

  describe('when a method is armed as it is marked (a boot entry naming it; regression: under experimentalDecorators, __decorate put the method as written back over the wrapper)', () => {
    it('should fail its calls from the first one, static and instance methods alike, and run them again once disarmed', () => {
      // Arrange: the entries wait for the functions, as ERRINJECT's do (and inject=* arms every one
      // the same way, as it is marked).
      failEveryCall();
      const reports: string[] = [];
      applyBootConfig(`fail_function/inject=${nameOf('ArmedAtMark.open')} fail_function/inject=${nameOf('ArmedAtMark.create')}`, (line) => {
        reports.push(line);
      });
      let runs = 0;

      // Act: the class is defined, and its methods marked, while * arms every function marked.
      class ArmedAtMark {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('ArmedAtMark.open'))
        open(): number {
          runs++;
          return 0;
        }

        @AllowErrorInjection(EI_TYPE_NULL, named('ArmedAtMark.create'))
        static create(): ArmedAtMark | null {
          runs++;
          return new ArmedAtMark();
        }
      }
      const instance = new ArmedAtMark();
      const armed = [instance.open(), ArmedAtMark.create()];
      debugfs.write('fail_function/inject', '');
      const disarmed = [instance.open(), ArmedAtMark.create() instanceof ArmedAtMark];

      // Assert
      expect(reports).to.deep.equal([]);
      expect(armed).to.deep.equal([-errno.EINVAL, null]);
      expect(disarmed).to.deep.equal([0, true]);
      expect(runs).to.equal(2);
    });
  });

  describe('when a class is frozen after it was armed and before its first instance (regression: the constructor threw EPERM)', () => {
    it('should construct, disarm the method with a warning, and run it as written', async () => {
      // Only standard decorators learn an instance method's holder at the first instance;
      // the legacy modes arm on the prototype at once and refuse a frozen one (above).
      if (MODE !== 'standard') return;

      // Arrange
      class FrozenLate {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('FrozenLate.open'))
        open(): number {
          return 0;
        }
      }
      arm(nameOf('FrozenLate.open'));
      failEveryCall();
      Object.freeze(FrozenLate.prototype);
      const warnings: Error[] = [];
      const onWarning = (warning: Error): void => {
        warnings.push(warning);
      };
      process.on('warning', onWarning);

      // Act
      let instance: FrozenLate;
      try {
        instance = new FrozenLate();
        // 'warning' events are emitted on the next tick.
        await new Promise((resolve) => setImmediate(resolve));
      } finally {
        process.off('warning', onWarning);
      }

      // Assert
      expect(armedNames()).to.deep.equal([]);
      expect(instance.open()).to.equal(0);
      expect(warnings.map((warning) => (warning as Error & { code?: string }).code)).to.deep.equal(['ERRINJECT_DISARMED']);
      expect(warnings[0]?.message).to.include(nameOf('FrozenLate.open'));
    });
  });

  describe('when several methods are armed', () => {
    it('should share the fail_function knobs between them (times 2: the third call passes)', () => {
      // Arrange
      class SharedKnobs {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('SharedKnobs.open'))
        open(): number {
          return 0;
        }

        @AllowErrorInjection(EI_TYPE_NULL, named('SharedKnobs.alloc'))
        static alloc(): object | null {
          return {};
        }
      }
      const shared = new SharedKnobs();
      arm(nameOf('SharedKnobs.open'));
      arm(nameOf('SharedKnobs.alloc'));
      debugfs.write('fail_function/probability', '100');
      debugfs.write('fail_function/times', '2');

      // Act
      const results = [shared.open(), SharedKnobs.alloc(), shared.open(), SharedKnobs.alloc()];

      // Assert
      expect(results).to.deep.equal([-errno.EINVAL, null, 0, {}]);
      expect(debugfs.read('fail_function/times')).to.equal('0\n');
      expect(armedNames()).to.deep.equal([nameOf('SharedKnobs.open'), nameOf('SharedKnobs.alloc')]);
    });
  });
});
