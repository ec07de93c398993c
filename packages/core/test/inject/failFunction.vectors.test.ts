import { expect } from 'chai';
import {
  allowErrorInjection,
  debugfs,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  ErrInjectError,
} from '../../src/index';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { requireBuiltCore, runChild } from './childProcess';
import { useFailFunction } from './failFunctionHooks';

/**
 * The test vectors of kernel-semantics.md §8 F (49–62), one `it` per vector or per part of one.
 * Where API.md differs from the kernel, API.md wins: `retval` reads back signed decimal (`-22\n`,
 * where the kernel prints `ffffffffffffffea`), and a write takes `-12` and `-ENOMEM` as well as the
 * kernel's unsigned form `0xfffffffffffffff4`.
 *
 * The injectables f_null, f_errno, f_en and f_true of the vectors are plain functions marked with
 * `allowErrorInjection`, under names of their own for each test (the registry is process-global).
 *
 * Vectors that do not apply:
 * - 51's `g` (a kernel symbol that exists but is not injectable, ERANGE): there is no symbol table
 *   here, so every name that is not marked is simply unknown, EINVAL, as `nope` is.
 * - 63 (the ` [module]` suffix of a module function): there are no kernel modules.
 */

const uniqueName = uniqueNames('inject-vectors');

/** The four injectables of the vectors, and how many times each body ran. */
interface Fixture {
  readonly f_null: string;
  readonly f_errno: string;
  readonly f_en: string;
  readonly f_true: string;
  readonly call: {
    readonly f_null: () => object | null;
    readonly f_errno: () => number;
    readonly f_en: () => number | null;
    readonly f_true: () => boolean;
  };
  readonly ran: { f_null: number; f_errno: number; f_en: number; f_true: number };
}

/** Marks f_null (NULL), f_errno (ERRNO), f_en (ERRNO_NULL) and f_true (TRUE) under fresh names. */
function injectables(): Fixture {
  const ran = { f_null: 0, f_errno: 0, f_en: 0, f_true: 0 };
  const names = {
    f_null: uniqueName('f_null'),
    f_errno: uniqueName('f_errno'),
    f_en: uniqueName('f_en'),
    f_true: uniqueName('f_true'),
  };
  const call = {
    f_null: allowErrorInjection(
      EI_TYPE_NULL,
      function f_null(): object | null {
        ran.f_null++;
        return {};
      },
      { name: names.f_null },
    ),
    f_errno: allowErrorInjection(
      EI_TYPE_ERRNO,
      function f_errno(): number {
        ran.f_errno++;
        return 0;
      },
      { name: names.f_errno },
    ),
    f_en: allowErrorInjection(
      EI_TYPE_ERRNO_NULL,
      function f_en(): number | null {
        ran.f_en++;
        return 7;
      },
      { name: names.f_en },
    ),
    f_true: allowErrorInjection(
      EI_TYPE_TRUE,
      function f_true(): boolean {
        ran.f_true++;
        return false;
      },
      { name: names.f_true },
    ),
  };
  return { ...names, call, ran };
}

/** Plain functions marked ERRNO under fresh names, for the vectors that only need names. */
function errnoFunctions(...labels: string[]): string[] {
  return labels.map((label) => {
    const name = uniqueName(label);
    allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name });
    return name;
  });
}

function inject(value: string): void {
  debugfs.write('fail_function/inject', value);
}

function readInject(): string {
  return debugfs.read('fail_function/inject');
}

function retvalPath(name: string): string {
  return `fail_function/${name}/retval`;
}

function readRetval(name: string): string {
  return debugfs.read(retvalPath(name));
}

/** 'ok', or the code of the ErrInjectError `fn` threw. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    expect(error).to.be.an.instanceOf(ErrInjectError);
    return (error as ErrInjectError).code;
  }
}

/** One retval write of vectors 55–58: what it gives, and what retval reads afterwards. */
type RetvalCase = readonly [value: string, result: string, readsBack: string | 'unchanged'];

/**
 * Writes each value to the retval of a freshly armed function, in turn, and asserts the result and
 * the read-back: a refused write leaves the value as it was.
 */
function expectRetvalWrites(name: string, cases: readonly RetvalCase[]): void {
  for (const [value, result, readsBack] of cases) {
    const before = readRetval(name);
    expect(outcome(() => debugfs.write(retvalPath(name), value)), `write ${JSON.stringify(value)}`).to.equal(result);
    expect(readRetval(name), `retval after ${JSON.stringify(value)}`).to.equal(readsBack === 'unchanged' ? before : readsBack);
  }
}

describe('fail_function (kernel-semantics.md §8 F)', () => {
  useFailFunction();

  describe('when functions are added to inject', () => {
    it('should arm f_errno, list it in inject and default its retval to -EINVAL (49)', () => {
      // Arrange
      const f = injectables();

      // Act
      inject(f.f_errno);

      // Assert
      expect(readInject()).to.equal(`${f.f_errno}\n`);
      expect(readRetval(f.f_errno)).to.equal('-22\n');
    });

    it('should default the retval of f_null, f_en and f_true to 0, 0 and 1 (50)', () => {
      // Arrange
      const f = injectables();

      // Act
      inject(f.f_null);
      inject(f.f_en);
      inject(f.f_true);

      // Assert
      expect([readRetval(f.f_null), readRetval(f.f_en), readRetval(f.f_true)]).to.deep.equal(['0\n', '0\n', '1\n']);
      expect(readInject()).to.equal(`${f.f_null}\n${f.f_en}\n${f.f_true}\n`);
    });

    it('should refuse f_errno again with EBUSY and leave inject as it was (51)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);

      // Act
      const error = catchErrInject(() => inject(f.f_errno));

      // Assert
      expect(error.code).to.equal('EBUSY');
      expect(readInject()).to.equal(`${f.f_errno}\n`);
    });

    it('should refuse a name no function is marked under (nope) with EINVAL (51; g has no counterpart)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      const nope = uniqueName('nope');

      // Act
      const error = catchErrInject(() => inject(nope));

      // Assert
      expect(error.code).to.equal('EINVAL');
      expect(readInject()).to.equal(`${f.f_errno}\n`);
      expect(debugfs.stat(`fail_function/${nope}`)).to.equal(undefined);
    });

    it('should strip leading and trailing whitespace from the name (53)', () => {
      // Arrange
      const f = injectables();

      // Act
      inject(`  ${f.f_errno}  \n`);

      // Assert
      expect(readInject()).to.equal(`${f.f_errno}\n`);
      expect(readRetval(f.f_errno)).to.equal('-22\n');
    });

    it('should list every marked function in injectable as name<TAB>TYPE (§3.3)', () => {
      // Arrange
      const f = injectables();

      // Act
      const lines = debugfs.read('fail_function/injectable').split('\n');

      // Assert
      expect(lines).to.include.members([`${f.f_null}\tNULL`, `${f.f_errno}\tERRNO`, `${f.f_en}\tERRNO_NULL`, `${f.f_true}\tTRUE`]);
    });
  });

  describe('when functions are removed from inject', () => {
    it('should remove f_errno with !f_errno, and its directory with it (52)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      inject(f.f_null);

      // Act
      inject(`!${f.f_errno}`);

      // Assert
      expect(readInject()).to.equal(`${f.f_null}\n`);
      expect(debugfs.list('fail_function')).to.not.include(f.f_errno);
      expect(debugfs.stat(`fail_function/${f.f_errno}`)).to.equal(undefined);
      expect(catchErrInject(() => readRetval(f.f_errno)).code).to.equal('ENOENT');
      expect(catchErrInject(() => debugfs.write(retvalPath(f.f_errno), '-12')).code).to.equal('ENOENT');
    });

    it('should refuse !f_errno again, "! f_null" and "!" with ENOENT, changing nothing (52)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      inject(f.f_null);
      inject(`!${f.f_errno}`);

      // Act
      const codes = [`!${f.f_errno}`, `! ${f.f_null}`, '!'].map((value) => catchErrInject(() => inject(value)).code);

      // Assert
      expect(codes).to.deep.equal(['ENOENT', 'ENOENT', 'ENOENT']);
      expect(readInject()).to.equal(`${f.f_null}\n`);
      expect(readRetval(f.f_null)).to.equal('0\n');
    });

    for (const [label, value] of [
      ['a newline', '\n'],
      ['only spaces', '   '],
      ['the empty string', ''],
    ] as const) {
      it(`should remove every entry on a write of ${label}, and inject should read empty (54)`, () => {
        // Arrange
        const f = injectables();
        inject(f.f_errno);
        inject(f.f_null);
        inject(f.f_true);

        // Act
        inject(value);

        // Assert
        expect(readInject()).to.equal('');
        for (const name of [f.f_errno, f.f_null, f.f_true]) {
          expect(debugfs.stat(`fail_function/${name}`), name).to.equal(undefined);
        }
      });
    }

    it('should add a function removed and added again at the end of the list (62)', () => {
      // Arrange
      const [a, b, c] = errnoFunctions('a', 'b', 'c') as [string, string, string];
      inject(a);
      inject(b);
      inject(c);

      // Act
      inject(`!${b}`);
      inject(b);

      // Assert
      expect(readInject()).to.equal(`${a}\n${c}\n${b}\n`);
    });

    it('should give a function added again the default retval of its type, not the value it had', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      debugfs.write(retvalPath(f.f_errno), '-12');

      // Act
      inject(`!${f.f_errno}`);
      inject(f.f_errno);

      // Assert
      expect(readRetval(f.f_errno)).to.equal('-22\n');
    });
  });

  describe('when retval is written (55–58, read back as signed decimal)', () => {
    it('should take only -4095..-1 for an ERRNO function, in every form (55)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);

      // Act and assert
      expectRetvalWrites(f.f_errno, [
        ['0', 'EINVAL', 'unchanged'],
        ['5', 'EINVAL', 'unchanged'],
        ['-12', 'ok', '-12\n'],
        ['0xfffffffffffffff4', 'ok', '-12\n'],
        ['18446744073709551604', 'ok', '-12\n'],
        ['-EIO', 'ok', '-5\n'],
        ['-ENOMEM', 'ok', '-12\n'],
        ['0xfffffffffffff001', 'ok', '-4095\n'],
        ['-1', 'ok', '-1\n'],
        ['-4095', 'ok', '-4095\n'],
        ['-4096', 'EINVAL', 'unchanged'],
        ['0xfffffffffffff000', 'EINVAL', 'unchanged'],
        ['0xfffffff4', 'EINVAL', 'unchanged'],
        ['-ENOTANERRNO', 'EINVAL', 'unchanged'],
        ['-22\n', 'ok', '-22\n'],
      ]);
    });

    it('should refuse a write to an ERRNO function and keep the value it had (55)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      debugfs.write(retvalPath(f.f_errno), '-ENOMEM');

      // Act
      const codes = ['0', '0xfffffffffffff000', '0xfffffff4', '-ENOTANERRNO'].map(
        (value) => catchErrInject(() => debugfs.write(retvalPath(f.f_errno), value)).code,
      );

      // Assert
      expect(codes).to.deep.equal(['EINVAL', 'EINVAL', 'EINVAL', 'EINVAL']);
      expect(readRetval(f.f_errno)).to.equal('-12\n');
    });

    it('should take only 0 for a NULL function (56)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_null);

      // Act and assert
      expectRetvalWrites(f.f_null, [
        ['0', 'ok', '0\n'],
        ['1', 'EINVAL', 'unchanged'],
        ['0xfffffffffffffff4', 'EINVAL', 'unchanged'],
        ['-12', 'EINVAL', 'unchanged'],
        ['-ENOMEM', 'EINVAL', 'unchanged'],
      ]);
    });

    it('should take 0 or -4095..-1 for an ERRNO_NULL function (57)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_en);

      // Act and assert
      expectRetvalWrites(f.f_en, [
        ['0', 'ok', '0\n'],
        ['0xfffffffffffffff4', 'ok', '-12\n'],
        ['1', 'EINVAL', 'unchanged'],
        ['-ENOMEM', 'ok', '-12\n'],
        ['-4095', 'ok', '-4095\n'],
        ['-4096', 'EINVAL', 'unchanged'],
        ['0xfffffff4', 'EINVAL', 'unchanged'],
        ['0', 'ok', '0\n'],
      ]);
    });

    it('should take only 1 for a TRUE function (58)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_true);

      // Act and assert
      expectRetvalWrites(f.f_true, [
        ['1', 'ok', '1\n'],
        ['0', 'EINVAL', 'unchanged'],
        ['2', 'EINVAL', 'unchanged'],
        ['-1', 'EINVAL', 'unchanged'],
        ['-ENOMEM', 'EINVAL', 'unchanged'],
      ]);
    });
  });

  describe('when an armed function is called', () => {
    it('should run normally with the attr at its defaults, probability 0 (59)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);

      // Act
      const results = [f.call.f_errno(), f.call.f_errno()];

      // Assert
      expect(results).to.deep.equal([0, 0]);
      expect(f.ran.f_errno).to.equal(2);
      expect(debugfs.read('fail_function/times')).to.equal('1\n');
    });

    it('should fail the first call with retval without running the body, then run the second (60)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      debugfs.write('fail_function/probability', '100');

      // Act
      const first = f.call.f_errno();
      const ranAfterFirst = f.ran.f_errno;
      const second = f.call.f_errno();

      // Assert
      expect(first).to.equal(-22);
      expect(ranAfterFirst).to.equal(0);
      expect(second).to.equal(0);
      expect(f.ran.f_errno).to.equal(1);
      expect(debugfs.read('fail_function/times')).to.equal('0\n');
    });

    it('should share one attr between every armed function (61)', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      inject(f.f_null);
      debugfs.write('fail_function/probability', '100');
      debugfs.write('fail_function/times', '2');

      // Act
      const results = [f.call.f_errno(), f.call.f_null(), f.call.f_errno()];

      // Assert
      expect(results).to.deep.equal([-22, null, 0]);
      expect(f.ran).to.deep.equal({ f_null: 0, f_errno: 1, f_en: 0, f_true: 0 });
      expect(debugfs.read('fail_function/times')).to.equal('0\n');
    });

    it('should not count or fail a marked function that is not armed', () => {
      // Arrange
      const f = injectables();
      inject(f.f_errno);
      debugfs.write('fail_function/probability', '100');

      // Act
      const results = [f.call.f_null(), f.call.f_en(), f.call.f_true()];

      // Assert
      expect(results).to.deep.equal([{}, 7, false]);
      expect(debugfs.read('fail_function/times')).to.equal('1\n');
    });
  });
  describe('when a function is named like a file of fail_function/ (regression: arming it replaced the knob)', function () {
    this.timeout(30000);
    requireBuiltCore();

    it('should keep every knob, inject and injectable a file, whether the name is refused at marking or at arming', () => {
      // Arrange: in a child process, since a wrong outcome removes knobs of the process-global tree.
      // Refusing such a name when it is marked, or when it is armed, are both right; replacing the
      // file with the function's directory is not (the kernel's debugfs_create_dir fails on an
      // existing name and leaves the file as it was).
      const body = `const files = core.debugfs.list('fail_function');
         for (const name of files) codeOf(() => core.allowErrorInjection(core.EI_TYPE_ERRNO, () => 0, { name }));
         for (const name of files) codeOf(() => core.debugfs.write('fail_function/inject', name));
         out.whileArmed = files.filter((name) => core.debugfs.stat('fail_function/' + name) !== 'file');
         for (const name of files) codeOf(() => core.debugfs.write('fail_function/inject', '!' + name));
         out.afterwards = files.filter((name) => core.debugfs.stat('fail_function/' + name) !== 'file');
         out.probability = codeOf(() => core.debugfs.write('fail_function/probability', '100'));
         out.disarmAll = codeOf(() => core.debugfs.write('fail_function/inject', ''));`;

      // Act
      const { out } = runChild(undefined, body);

      // Assert
      expect(out).to.deep.equal({ whileArmed: [], afterwards: [], probability: 'ok', disarmAll: 'ok' });
    });
  });

  describe('when a function is named "." or ".." (regression: its retval could not be reached)', () => {
    for (const name of ['.', '..']) {
      it(`should refuse the name ${JSON.stringify(name)} when it is marked or armed, or give it a retval that can be read`, () => {
        // Act
        const marked = outcome(() => allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name }));
        const armed = marked === 'ok' ? outcome(() => inject(name)) : 'not marked';

        // Assert
        if (marked !== 'ok') {
          expect(marked).to.equal('ERR_INVALID_ARG_VALUE');
        } else if (armed !== 'ok') {
          expect(armed).to.equal('EINVAL');
          expect(readInject().split('\n')).to.not.include(name);
        } else {
          expect(readRetval(name)).to.equal('-22\n');
        }
      });
    }
  });
});
