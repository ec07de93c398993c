import { expect } from 'chai';
import {
  AllowErrorInjection,
  allowErrorInjection,
  debugfs,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  type ErrorInjectionType,
} from '../../src/index';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { warningsOf } from '../support/warnings';
import { requireBuiltCore, runChild } from './childProcess';
import { failEveryCall, injectLines, markedNames, useFailFunction } from './failFunctionHooks';

/**
 * `fail_function/inject=*`, the extension of the kernel's `inject` that arms every function marked
 * error-injectable, now and as each is marked later (`!*` stops it, `!name` excludes a function not
 * marked yet, the empty write ends it).
 *
 * The registry is process-global and holds every test file's functions: `*` arms all of them, so the
 * expected reads of `inject` are built from `fail_function/injectable`. A function that cannot be
 * armed stays in the registry for good and would make every later `*` of the process fail, so the
 * in-process cases break a method only by removing it from its class, and put it back afterwards; a
 * frozen class is left to a child process (see ./childProcess).
 */

const uniqueName = uniqueNames('inject-armall');

function inject(value: string): void {
  debugfs.write('fail_function/inject', value);
}

function readInject(): string {
  return debugfs.read('fail_function/inject');
}

function readRetval(name: string): string {
  return debugfs.read(`fail_function/${name}/retval`);
}

/** Marks a plain function under a fresh name; it counts the calls that ran its body. */
function mark(label: string, type: ErrorInjectionType = EI_TYPE_ERRNO): { readonly name: string; readonly call: () => unknown; readonly ran: () => number } {
  const name = uniqueName(label);
  let ran = 0;
  const value = type === EI_TYPE_TRUE ? false : type === EI_TYPE_NULL ? {} : 5;
  const call = allowErrorInjection(
    type,
    (): unknown => {
      ran++;
      return value;
    },
    { name },
  );
  return { name, call, ran: () => ran };
}

/**
 * A method removed from its class, then marked as TypeScript's `experimentalDecorators` output marks
 * it (the class is at hand, with the method's descriptor), so that arming it fails with EINVAL;
 * `restore` puts it back, after which it can be armed (the registry keeps it for good).
 */
function removedMethod(label: string): { readonly name: string; readonly restore: () => void } {
  const name = uniqueName(label);
  class Removed {
    open(): number {
      return 1;
    }
  }
  const descriptor = Object.getOwnPropertyDescriptor(Removed.prototype, 'open') as PropertyDescriptor;
  Reflect.deleteProperty(Removed.prototype, 'open');
  AllowErrorInjection(EI_TYPE_ERRNO, { name })(Removed.prototype, 'open', descriptor);
  return { name, restore: () => Object.defineProperty(Removed.prototype, 'open', descriptor) };
}

describe('fail_function/inject=*', () => {
  useFailFunction();

  describe('when * is written', () => {
    it('should arm every marked function not armed, in the order they were marked, after those armed already, which keep their place and retval', () => {
      // Arrange
      const first = mark('first');
      const second = mark('second');
      inject(second.name);
      debugfs.write(`fail_function/${second.name}/retval`, '-12');
      const expected = [second.name, ...markedNames().filter((name) => name !== second.name)];

      // Act
      inject('*');

      // Assert
      expect(readInject()).to.equal(injectLines(expected));
      expect(expected.indexOf(first.name)).to.be.greaterThan(0);
      expect(readRetval(second.name)).to.equal('-12\n');
      expect(readRetval(first.name)).to.equal('-22\n');
    });

    it('should give each function it arms the default retval of its type', () => {
      // Arrange
      const functions = [mark('null', EI_TYPE_NULL), mark('errno', EI_TYPE_ERRNO), mark('errno-null', EI_TYPE_ERRNO_NULL), mark('true', EI_TYPE_TRUE)];

      // Act
      inject('*');

      // Assert
      expect(functions.map(({ name }) => readRetval(name))).to.deep.equal(['0\n', '-22\n', '0\n', '1\n']);
    });

    it('should strip whitespace around it, as the kernel strips a name', () => {
      // Arrange
      const fn = mark('stripped');

      // Act
      inject('  *\n');

      // Assert
      expect(readInject()).to.equal(injectLines(markedNames()));
      expect(readInject().split('\n')).to.include(fn.name);
    });

    it('should make the calls of the functions it armed fail', () => {
      // Arrange
      const errnoFn = mark('fails-errno');
      const nullFn = mark('fails-null', EI_TYPE_NULL);
      inject('*');
      failEveryCall();

      // Act
      const results = [errnoFn.call(), nullFn.call()];

      // Assert
      expect(results).to.deep.equal([-22, null]);
      expect([errnoFn.ran(), nullFn.ran()]).to.deep.equal([0, 0]);
    });

    it('should never list * when inject is read', () => {
      // Arrange
      mark('never-star');

      // Act
      inject('*');
      const read = readInject();

      // Assert
      expect(read.split('\n')).to.not.include('*');
      expect(read).to.equal(injectLines(markedNames()));
    });
  });

  describe('when a function is marked while * is on', () => {
    it('should arm a function marked by allowErrorInjection at its marking, after the others, with its default retval', () => {
      // Arrange
      mark('before');
      inject('*');
      const before = readInject();

      // Act
      const late = mark('late', EI_TYPE_TRUE);

      // Assert
      expect(readInject()).to.equal(`${before}${late.name}\n`);
      expect(readRetval(late.name)).to.equal('1\n');
      failEveryCall();
      expect(late.call()).to.equal(true);
      expect(late.ran()).to.equal(0);
    });

    it('should arm a decorated instance method, and fail its calls once its class has an instance', () => {
      // Arrange
      const name = uniqueName('method');
      inject('*');
      const before = readInject();

      // Act
      class Store {
        @AllowErrorInjection(EI_TYPE_ERRNO, { name })
        open(): number {
          return 3;
        }
      }
      const armedAtDefinition = readInject();
      failEveryCall();
      const result = new Store().open();

      // Assert
      expect(armedAtDefinition).to.equal(`${before}${name}\n`);
      expect(readRetval(name)).to.equal('-22\n');
      expect(result).to.equal(-22);
    });

    it('should arm a decorated static method once its class is defined, named Class.method', () => {
      // Arrange
      inject('*');
      const before = readInject();

      // Act
      class ArmAllStaticStore {
        @AllowErrorInjection(EI_TYPE_NULL)
        static alloc(): object | null {
          return {};
        }
      }
      failEveryCall();
      const result = ArmAllStaticStore.alloc();

      // Assert
      expect(readInject()).to.equal(`${before}ArmAllStaticStore.alloc\n`);
      expect(result).to.equal(null);
    });

    it('should leave a function unarmed that cannot be armed, without throwing, and emit an ERRINJECT_NOT_ARMED warning', async () => {
      // Arrange
      inject('*');
      const before = readInject();
      let removed: { readonly name: string; readonly restore: () => void } | undefined;

      try {
        // Act
        const { warnings } = await warningsOf(() => {
          removed = removedMethod('not-armed');
        });
        const later = mark('after-not-armed');

        // Assert
        const name = (removed as { readonly name: string }).name;
        expect(readInject()).to.equal(`${before}${later.name}\n`);
        expect(debugfs.read('fail_function/injectable').split('\n')).to.include(`${name}\tERRNO`);
        expect(warnings.map((warning) => warning.code)).to.deep.equal(['ERRINJECT_NOT_ARMED']);
        expect(warnings[0]?.message).to.include(name);
      } finally {
        removed?.restore();
      }
    });
  });

  describe('when * is written while it is on', () => {
    it('should refuse it with EBUSY and change nothing', () => {
      // Arrange
      mark('busy');
      inject('*');
      const excluded = uniqueName('busy-excluded');
      inject(`!${excluded}`);
      const before = readInject();

      // Act
      const error = catchErrInject(() => inject('*'));

      // Assert
      expect(error.code).to.equal('EBUSY');
      expect(error.path).to.equal('fail_function/inject');
      expect(readInject()).to.equal(before);
      allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name: excluded });
      expect(readInject()).to.equal(before);
    });
  });

  describe('when a function cannot be armed by *', () => {
    it('should disarm those the write armed, keep * off and throw EINVAL for a method removed from its class', () => {
      // Arrange
      const kept = mark('kept');
      inject(kept.name);
      debugfs.write(`fail_function/${kept.name}/retval`, '-5');
      const name = uniqueName('good-method');
      class Good {
        open(): number {
          return 1;
        }
      }
      const original = Good.prototype.open;
      AllowErrorInjection(EI_TYPE_ERRNO, { name })(Good.prototype, 'open', Object.getOwnPropertyDescriptor(Good.prototype, 'open') as PropertyDescriptor);
      const removed = removedMethod('removed');

      try {
        // Act
        const error = catchErrInject(() => inject('*'));

        // Assert
        expect(error.code).to.equal('EINVAL');
        expect(error.message).to.include(removed.name);
        expect(readInject()).to.equal(`${kept.name}\n`);
        expect(readRetval(kept.name)).to.equal('-5\n');
        expect(Good.prototype.open).to.equal(original);
        expect(debugfs.stat(`fail_function/${name}`)).to.equal(undefined);
        mark('after-refused');
        expect(readInject()).to.equal(`${kept.name}\n`);
        expect(catchErrInject(() => inject('!*')).code).to.equal('ENOENT');
      } finally {
        removed.restore();
      }
    });
  });

  describe('when !* is written', () => {
    it('should keep the functions armed armed, and arm none marked afterwards', () => {
      // Arrange
      mark('stop');
      inject('*');
      const before = readInject();

      // Act
      inject('!*');
      const later = mark('after-stop');

      // Assert
      expect(readInject()).to.equal(before);
      expect(readInject().split('\n')).to.not.include(later.name);
    });

    it('should refuse it with ENOENT when * is off, changing nothing', () => {
      // Arrange
      const armed = mark('enoent');
      inject(armed.name);

      // Act
      const error = catchErrInject(() => inject('!*'));

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(error.path).to.equal('fail_function/inject');
      expect(readInject()).to.equal(`${armed.name}\n`);
    });

    it('should refuse a second !* with ENOENT', () => {
      // Arrange
      inject('*');
      inject('!*');

      // Act
      const error = catchErrInject(() => inject('!*'));

      // Assert
      expect(error.code).to.equal('ENOENT');
    });
  });

  describe('when !name is written while * is on', () => {
    it('should accept a name no function is marked under yet, and not arm that function when it is marked', () => {
      // Arrange
      inject('*');
      const excluded = uniqueName('excluded');
      const before = readInject();

      // Act
      inject(`!${excluded}`);
      allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name: excluded });
      const other = mark('not-excluded');

      // Assert
      expect(readInject()).to.equal(`${before}${other.name}\n`);
      expect(debugfs.stat(`fail_function/${excluded}`)).to.equal(undefined);
    });

    it('should disarm an armed function, as the kernel does', () => {
      // Arrange
      const fn = mark('disarmed');
      inject('*');
      const expected = markedNames().filter((name) => name !== fn.name);

      // Act
      inject(`!${fn.name}`);

      // Assert
      expect(readInject()).to.equal(injectLines(expected));
      expect(debugfs.stat(`fail_function/${fn.name}`)).to.equal(undefined);
    });

    it('should refuse a marked function that is not armed with ENOENT, as the kernel does', () => {
      // Arrange
      const fn = mark('disarmed-twice');
      inject('*');
      inject(`!${fn.name}`);
      const before = readInject();

      // Act
      const error = catchErrInject(() => inject(`!${fn.name}`));

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(readInject()).to.equal(before);
    });
  });

  describe('when !name is written while * is off', () => {
    it('should refuse a name no function is marked under with ENOENT, as the kernel does', () => {
      // Arrange
      const unknown = uniqueName('unknown');

      // Act
      const error = catchErrInject(() => inject(`!${unknown}`));

      // Assert
      expect(error.code).to.equal('ENOENT');
      allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name: unknown });
      expect(readInject()).to.equal('');
    });
  });

  describe('when inject is written empty', () => {
    it('should disarm every function and turn * off', () => {
      // Arrange
      mark('cleared');
      inject('*');

      // Act
      inject('');
      const later = mark('after-clear');

      // Assert
      expect(readInject()).to.equal('');
      expect(debugfs.stat(`fail_function/${later.name}`)).to.equal(undefined);
      expect(catchErrInject(() => inject('!*')).code).to.equal('ENOENT');
    });

    it('should forget the exclusions, so that * written again arms a function excluded before', () => {
      // Arrange
      const excluded = uniqueName('forgotten');
      inject('*');
      inject(`!${excluded}`);

      // Act
      inject('');
      inject('*');
      allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name: excluded });

      // Assert
      expect(readInject()).to.equal(injectLines(markedNames()));
      expect(readInject().split('\n')).to.include(excluded);
    });
  });

  describe('when a function would be named *', () => {
    it('should refuse the name with ERR_INVALID_ARG_VALUE, saying a name is not "*"', () => {
      // Act
      const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name: '*' }));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include('not "*"');
      expect(markedNames()).to.not.include('*');
    });

    it('should refuse a function whose own name is * when no name is given', () => {
      // Arrange
      const fn = (): number => 0;
      Object.defineProperty(fn, 'name', { value: '*' });

      // Act
      const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, fn));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include('not "*"');
    });

    it('should accept a name that only starts with *, arm it by name and disarm it with !', () => {
      // Arrange
      const name = `*${uniqueName('star-prefixed')}`;
      allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name });

      // Act
      inject(name);
      const armed = readInject();
      inject(`!${name}`);

      // Assert
      expect(armed).to.equal(`${name}\n`);
      expect(readInject()).to.equal('');
      expect(catchErrInject(() => inject('!*')).code).to.equal('ENOENT');
    });
  });

  describe('when a class is frozen before arming (a process of its own)', function () {
    this.timeout(30000);

    requireBuiltCore();

    it('should refuse * with EPERM, disarm those it armed and keep * off', () => {
      // Act: the decorator is applied as TypeScript's experimentalDecorators output applies it.
      const { out } = runChild(
        undefined,
        `core.setVerboseSink(() => {});
         let ran = 0;
         const plain = core.allowErrorInjection(core.EI_TYPE_ERRNO, function plain() { ran++; return 0; });
         class Frozen { open() { return 1; } }
         core.AllowErrorInjection(core.EI_TYPE_ERRNO)(Frozen.prototype, 'open', Object.getOwnPropertyDescriptor(Frozen.prototype, 'open'));
         Object.freeze(Frozen.prototype);
         core.debugfs.write('fail_function/probability', '100');
         core.debugfs.write('fail_function/times', '-1');
         try { core.debugfs.write('fail_function/inject', '*'); } catch (e) { out.code = e.code; out.message = e.message; }
         out.inject = core.debugfs.read('fail_function/inject');
         out.stop = codeOf(() => core.debugfs.write('fail_function/inject', '!*'));
         core.allowErrorInjection(core.EI_TYPE_ERRNO, function later() { return 0; });
         out.injectAfter = core.debugfs.read('fail_function/inject');
         out.results = [plain(), new Frozen().open()];
         out.ran = ran;`,
      );

      // Assert
      expect(out).to.deep.equal({
        code: 'EPERM',
        message: 'cannot arm Frozen.open: its class cannot be changed (it is frozen or the method is not configurable)',
        inject: '',
        stop: 'ENOENT',
        injectAfter: '',
        results: [0, 1],
        ran: 1,
      });
    });

    it('should, while * is on, mark a method of a frozen class without arming it, and warn with ERRINJECT_NOT_ARMED', () => {
      // Act
      const { out, stderr } = runChild(
        undefined,
        `core.debugfs.write('fail_function/inject', '*');
         class Frozen { open() { return 1; } }
         Object.freeze(Frozen.prototype);
         out.mark = codeOf(() => core.AllowErrorInjection(core.EI_TYPE_ERRNO)(Frozen.prototype, 'open', Object.getOwnPropertyDescriptor(Frozen.prototype, 'open')));
         out.injectable = core.debugfs.read('fail_function/injectable');
         core.allowErrorInjection(core.EI_TYPE_ERRNO, function later() { return 0; });
         out.inject = core.debugfs.read('fail_function/inject');`,
      );

      // Assert
      expect(out).to.deep.equal({ mark: 'ok', injectable: 'Frozen.open\tERRNO\n', inject: 'later\n' });
      expect(stderr).to.match(
        /^\(node:\d+\) \[ERRINJECT_NOT_ARMED\] Warning: errinject: Frozen\.open was not armed by fail_function\/inject=\*: cannot arm Frozen\.open: its class cannot be changed/,
      );
    });
  });
});
