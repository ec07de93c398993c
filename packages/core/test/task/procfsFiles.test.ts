import { expect } from 'chai';
import { declareFaultAttr, ErrInjectError, type FaultAttr, procfs, runTask, shouldFail } from '../../src/index';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { silenceVerbose } from '../support/sink';

const uniqueName = uniqueNames('task-procfs');

/** A capability that only fail-nth can fail. */
function nthOnlyAttr(label: string): FaultAttr {
  return declareFaultAttr(uniqueName(label), { probability: 0, times: -1, verbose: 0 });
}

/** Runs a write and a read-back in a fresh task, so that the root task is never armed. */
function writeInTask(path: string, value: string): { ok: true; read: string } | { ok: false; code: string } {
  return runTask(() => {
    try {
      procfs.write(path, value);
    } catch (error) {
      return { ok: false as const, code: (error as ErrInjectError).code };
    }
    return { ok: true as const, read: procfs.read(path) };
  });
}

describe('procfs self/ files', () => {
  silenceVerbose('each');

  afterEach(() => {
    procfs.write('self/fail-nth', '0');
    procfs.write('self/make-it-fail', '0');
  });

  describe('self/fail-nth', () => {
    describe('when a value is written', () => {
      const accepted: Array<[string, string]> = [
        ['0', '0\n'],
        ['1', '1\n'],
        ['3', '3\n'],
        ['3\n', '3\n'],
        ['+3', '3\n'],
        ['0x10', '16\n'],
        ['0X1f', '31\n'],
        ['010', '8\n'],
        ['00', '0\n'],
        ['4294967295', '4294967295\n'],
        ['0xffffffff', '4294967295\n'],
        ['037777777777', '4294967295\n'],
        // 34 bytes are looked at: all of these fit
        [`${'0'.repeat(33)}7`, '7\n'],
        // the newline is the 35th byte and is never seen
        [`${'0'.repeat(33)}7\n`, '7\n'],
        // the 35th byte is cut off before parsing, as kstrtouint_from_user does
        [`${'0'.repeat(33)}12`, '1\n'],
      ];
      for (const [value, read] of accepted) {
        it(`should accept ${JSON.stringify(value)} and read back ${JSON.stringify(read)}`, () => {
          // Act
          const result = writeInTask('self/fail-nth', value);

          // Assert
          expect(result).to.deep.equal({ ok: true, read });
        });
      }

      const refused: Array<[string, string]> = [
        ['-1', 'EINVAL'],
        ['-0', 'EINVAL'],
        ['abc', 'EINVAL'],
        ['08', 'EINVAL'],
        ['09', 'EINVAL'],
        ['0x', 'EINVAL'],
        ['', 'EINVAL'],
        ['\n', 'EINVAL'],
        [' 3', 'EINVAL'],
        ['3 ', 'EINVAL'],
        ['3\n\n', 'EINVAL'],
        ['1e3', 'EINVAL'],
        ['3.0', 'EINVAL'],
        ['++3', 'EINVAL'],
        ['4294967296', 'ERANGE'],
        ['18446744073709551615', 'ERANGE'],
        ['0x100000000', 'ERANGE'],
      ];
      for (const [value, code] of refused) {
        it(`should refuse ${JSON.stringify(value)} with ${code} and change nothing`, () => {
          // Act
          const result = runTask(
            () => {
              const error = catchErrInject(() => procfs.write('self/fail-nth', value));
              return { code: error.code, read: procfs.read('self/fail-nth') };
            },
            { failNth: 5 },
          );

          // Assert
          expect(result).to.deep.equal({ code, read: '5\n' });
        });
      }

      it('should describe a refused write: code, errno, path, value and what is accepted', () => {
        // Act
        const error = runTask(() => catchErrInject(() => procfs.write('/proc/self/fail-nth', '-1')));

        // Assert
        expect(error.code).to.equal('EINVAL');
        expect(error.errno).to.equal(-22);
        expect(error.path).to.equal('/proc/self/fail-nth');
        expect(error.value).to.equal('-1');
        expect(error.message).to.include('fail-nth');
        expect(error.message).to.include('"-1"');
        expect(error.message).to.match(/accept/i);
        expect(error.message).to.include('4294967295');
      });

      it('should report ERANGE with errno -34', () => {
        // Act
        const error = runTask(() => catchErrInject(() => procfs.write('self/fail-nth', '4294967296')));

        // Assert
        expect(error.code).to.equal('ERANGE');
        expect(error.errno).to.equal(-34);
        expect(error.value).to.equal('4294967296');
      });

      it('should replace a countdown in progress', () => {
        // Arrange
        const attr = nthOnlyAttr('replace');

        // Act
        const result = runTask(() => {
          procfs.write('self/fail-nth', '5');
          const first = [shouldFail(attr), shouldFail(attr)];
          const midway = procfs.read('self/fail-nth');
          procfs.write('self/fail-nth', '2');
          const second = [shouldFail(attr), shouldFail(attr), shouldFail(attr)];
          return { first, midway, second, end: procfs.read('self/fail-nth') };
        });

        // Assert
        expect(result).to.deep.equal({ first: [false, false], midway: '3\n', second: [false, true, false], end: '0\n' });
      });

      it('should turn a countdown off when 0 is written', () => {
        // Arrange
        const attr = nthOnlyAttr('off');

        // Act
        const result = runTask(
          () => {
            const first = shouldFail(attr);
            procfs.write('self/fail-nth', '0');
            return { first, read: procfs.read('self/fail-nth'), rest: [shouldFail(attr), shouldFail(attr), shouldFail(attr)] };
          },
          { failNth: 2 },
        );

        // Assert
        expect(result).to.deep.equal({ first: false, read: '0\n', rest: [false, false, false] });
      });
    });

    describe('when it is read', () => {
      it('should give "N\\n" with the calls still to go, then "0\\n" once the fault fired', () => {
        // Arrange
        const attr = nthOnlyAttr('read');

        // Act
        const reads = runTask(
          () => {
            const seen = [procfs.read('self/fail-nth')];
            for (let i = 0; i < 5; i++) {
              shouldFail(attr);
              seen.push(procfs.read('/proc/self/fail-nth'));
            }
            return seen;
          },
          { failNth: 3 },
        );

        // Assert
        expect(reads).to.deep.equal(['3\n', '2\n', '1\n', '0\n', '0\n', '0\n']);
      });

      it('should read "0\\n" in a task that was never armed', () => {
        // Act
        const read = runTask(() => procfs.read('self/fail-nth'));

        // Assert
        expect(read).to.equal('0\n');
      });
    });

    describe('when the root task writes it', () => {
      it('should arm the root task only', () => {
        // Arrange
        const attr = nthOnlyAttr('root');

        // Act
        procfs.write('self/fail-nth', '2');
        const inTask = runTask(() => [procfs.read('self/fail-nth'), shouldFail(attr), shouldFail(attr)]);
        const atRoot = [shouldFail(attr), shouldFail(attr)];

        // Assert
        expect(inTask).to.deep.equal(['0\n', false, false]);
        expect(atRoot).to.deep.equal([false, true]);
        expect(procfs.read('self/fail-nth')).to.equal('0\n');
      });
    });
  });

  describe('self/make-it-fail', () => {
    describe('when a value is written', () => {
      const accepted: Array<[string, string]> = [
        ['1', '1\n'],
        ['0', '0\n'],
        ['1\n', '1\n'],
        ['0x1', '1\n'],
        ['01', '1\n'],
        ['+1', '1\n'],
        ['-0', '0\n'],
        [' 1 \n', '1\n'],
        ['\t1\t', '1\n'],
        ['\n\n1\n\n', '1\n'],
        // 12 bytes are looked at
        [`${' '.repeat(11)}1`, '1\n'],
        [`1${' '.repeat(30)}`, '1\n'],
        [`${'0'.repeat(11)}1`, '1\n'],
      ];
      for (const [value, read] of accepted) {
        it(`should accept ${JSON.stringify(value)} and read back ${JSON.stringify(read)}`, () => {
          // Act
          const result = writeInTask('self/make-it-fail', value);

          // Assert
          expect(result).to.deep.equal({ ok: true, read });
        });
      }

      it('should cut the write at 12 bytes before parsing', () => {
        // Act: the 13th byte, the 1, is never seen, so this writes octal 0
        const result = runTask(
          () => {
            procfs.write('self/make-it-fail', `${'0'.repeat(12)}1`);
            return procfs.read('self/make-it-fail');
          },
          { makeItFail: true },
        );

        // Assert
        expect(result).to.equal('0\n');
      });

      const refused: Array<[string, string]> = [
        ['2', 'EINVAL'],
        ['-1', 'EINVAL'],
        ['abc', 'EINVAL'],
        ['', 'EINVAL'],
        ['   ', 'EINVAL'],
        ['1 1', 'EINVAL'],
        ['0x', 'EINVAL'],
        ['08', 'EINVAL'],
        ['1.0', 'EINVAL'],
        ['y', 'EINVAL'],
        [`${' '.repeat(12)}1`, 'EINVAL'],
        ['4294967297', 'ERANGE'],
      ];
      for (const [value, code] of refused) {
        it(`should refuse ${JSON.stringify(value)} with ${code} and change nothing`, () => {
          // Act
          const result = runTask(
            () => {
              const error = catchErrInject(() => procfs.write('self/make-it-fail', value));
              return { code: error.code, read: procfs.read('self/make-it-fail') };
            },
            { makeItFail: true },
          );

          // Assert
          expect(result).to.deep.equal({ code, read: '1\n' });
        });
      }

      it('should describe a refused write: code, errno, path, value and what is accepted', () => {
        // Act
        const error = runTask(() => catchErrInject(() => procfs.write('self/make-it-fail', '2')));

        // Assert
        expect(error.code).to.equal('EINVAL');
        expect(error.errno).to.equal(-22);
        expect(error.path).to.equal('self/make-it-fail');
        expect(error.value).to.equal('2');
        expect(error.message).to.include('make-it-fail');
        expect(error.message).to.include('"2"');
        expect(error.message).to.match(/accept/i);
      });
    });

    describe('when a task writes it', () => {
      it('should change that task only', () => {
        // Act
        const inside = runTask(() => {
          procfs.write('self/make-it-fail', '1');
          return procfs.read('self/make-it-fail');
        });

        // Assert
        expect(inside).to.equal('1\n');
        expect(procfs.read('self/make-it-fail')).to.equal('0\n');
      });

      it('should make probability-driven faults reach the task under task-filter', () => {
        // Arrange
        const attr = declareFaultAttr(uniqueName('filter'), { probability: 100, times: -1, taskFilter: true, verbose: 0 });

        // Act
        const result = runTask(() => {
          const before = shouldFail(attr);
          procfs.write('self/make-it-fail', '1');
          return [before, shouldFail(attr)];
        });

        // Assert
        expect(result).to.deep.equal([false, true]);
        expect(shouldFail(attr)).to.equal(false);
      });
    });
  });
});
