import { expect } from 'chai';
import { errno, errPtr, isErr, isErrOrNull, MAX_ERRNO, ptrErr, type ErrPtr } from '../../src/index';
import { catchErrInject } from '../support/errors';

/** What another copy of the core would hand over: a plain object with the shared brand. */
function foreignErrPtr(value: number): ErrPtr {
  return { [Symbol.for('errinject.ErrPtr')]: true, errno: value } as unknown as ErrPtr;
}

describe('errPtr', () => {
  describe('when given a negative errno', () => {
    it('should return an ErrPtr carrying it', () => {
      // Act
      const ptr = errPtr(-errno.ENOMEM);

      // Assert
      expect(isErr(ptr)).to.equal(true);
      expect(ptr.errno).to.equal(-12);
      expect(ptrErr(ptr)).to.equal(-12);
    });

    it('should return the same object each time, as equal pointers compare equal', () => {
      // Act
      const first = errPtr(-12);
      const second = errPtr(-12);

      // Assert
      expect(first).to.equal(second);
      expect(errPtr(-22)).to.not.equal(first);
    });

    it('should accept -MAX_ERRNO (-4095) and -1, the ends of the errno window', () => {
      // Act
      const lowest = errPtr(-4095);
      const highest = errPtr(-1);

      // Assert
      expect(MAX_ERRNO).to.equal(4095);
      expect(ptrErr(lowest)).to.equal(-4095);
      expect(ptrErr(highest)).to.equal(-1);
    });

    it('should be frozen', () => {
      // Arrange
      const ptr = errPtr(-12);

      // Act
      const change = (): void => {
        (ptr as { errno: number }).errno = -1;
      };

      // Assert
      expect(Object.isFrozen(ptr)).to.equal(true);
      expect(change).to.throw(TypeError);
      expect(ptr.errno).to.equal(-12);
    });

    it('should name the errno when converted to a string', () => {
      // Act
      const text = String(errPtr(-12));

      // Assert
      expect(text).to.include('ENOMEM');
      expect(text).to.include('-12');
    });

    it('should convert to a string for an errno the table does not name', () => {
      // Act
      const text = String(errPtr(-4000));

      // Assert
      expect(text).to.include('-4000');
    });
  });

  describe('when given anything but an integer from -4095 to -1', () => {
    const cases: ReadonlyArray<readonly [string, unknown]> = [
      ['0', 0],
      ['-0', -0],
      ['a positive errno (12)', 12],
      ['-4096 (one below the window)', -4096],
      ['a fraction (1.5)', 1.5],
      ['a negative fraction (-1.5)', -1.5],
      ['NaN', Number.NaN],
      ['-Infinity', Number.NEGATIVE_INFINITY],
      ['a string', 'x'],
      ['a bigint', -12n],
      ['null', null],
      ['undefined', undefined],
    ];
    for (const [label, value] of cases) {
      it(`should throw ERR_INVALID_ARG_VALUE for ${label}`, () => {
        // Act
        const error = catchErrInject(() => errPtr(value as never));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      });
    }
  });
});

describe('isErr, isErrOrNull and ptrErr', () => {
  describe('when given values that are not ErrPtrs', () => {
    const cases: ReadonlyArray<readonly [string, unknown]> = [
      ['undefined', undefined],
      ['a negative number', -12],
      ['zero', 0],
      ['a string', 'ERR_PTR(-12)'],
      ['a plain object', {}],
      ['an object with an errno field', { errno: -12 }],
      ['an object with a brand of another symbol', { [Symbol('errinject.ErrPtr')]: true, errno: -12 }],
      ['a function', () => -12],
    ];
    for (const [label, value] of cases) {
      it(`should tell ${label} is neither an error nor null`, () => {
        // Act
        const results = [isErr(value), isErrOrNull(value)];

        // Assert
        expect(results).to.deep.equal([false, false]);
      });

      it(`should refuse ptrErr of ${label} with ERR_INVALID_ARG_TYPE`, () => {
        // Act
        const error = catchErrInject(() => ptrErr(value as never));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
      });
    }
  });

  describe('when given null', () => {
    it('should tell it is not an error but is an error or null', () => {
      // Act
      const results = [isErr(null), isErrOrNull(null)];

      // Assert
      expect(results).to.deep.equal([false, true]);
    });

    it('should refuse ptrErr(null) with ERR_INVALID_ARG_TYPE', () => {
      // Act
      const error = catchErrInject(() => ptrErr(null as never));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
    });
  });

  describe('when given an ErrPtr', () => {
    it('should tell it is an error, and an error or null', () => {
      // Arrange
      const ptr = errPtr(-errno.EIO);

      // Act
      const results = [isErr(ptr), isErrOrNull(ptr)];

      // Assert
      expect(results).to.deep.equal([true, true]);
    });

    it('should narrow the type so that ptrErr takes it', () => {
      // Arrange
      const results: Array<string | ErrPtr> = ['ok', errPtr(-errno.EAGAIN)];

      // Act
      const seen = results.map((result) => (isErr(result) ? ptrErr(result) : result.toUpperCase()));

      // Assert
      expect(seen).to.deep.equal(['OK', -errno.EAGAIN]);
    });
  });

  describe('when given an ErrPtr of another copy of the core (an object with the shared brand)', () => {
    it('should recognise it and read its errno', () => {
      // Arrange
      const ptr = foreignErrPtr(-5);

      // Act
      const results = [isErr(ptr), isErrOrNull(ptr), ptrErr(ptr)];

      // Assert
      expect(results).to.deep.equal([true, true, -5]);
    });
  });
});
