import { expect } from 'chai';
import { ErrInjectError, type ErrInjectErrorCode, isErrInjectError } from '../../src/index';
import { showPath, showValue } from '../../src/errors/ErrInjectError';

/** An error as another copy of the core would throw it: its own class, so `instanceof` says no. */
function errorFromAnotherCopy(code: unknown): Error {
  const error = new Error('debugfs x/y: no such file or directory');
  error.name = 'ErrInjectError';
  Object.assign(error, { code });
  return error;
}

describe('ErrInjectError', () => {
  describe('when made with an errno code', () => {
    const cases: Array<[ErrInjectErrorCode, number]> = [
      ['EPERM', -1],
      ['ENOENT', -2],
      ['ENOMEM', -12],
      ['EINVAL', -22],
      ['ERANGE', -34],
      ['EWOULDBLOCK', -11],
      ['ENOTSUPP', -524],
    ];
    for (const [code, expected] of cases) {
      it(`should carry ${code} and the negative Linux errno ${expected}`, () => {
        // Act
        const error = new ErrInjectError(code, 'refused');

        // Assert
        expect(error.code).to.equal(code);
        expect(error.errno).to.equal(expected);
      });
    }
  });

  describe('when made with an ERR_* code', () => {
    for (const code of ['ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_VALUE', 'ERR_STATE_VERSION'] as const) {
      it(`should carry ${code} and no errno`, () => {
        // Act
        const error = new ErrInjectError(code, 'misused');

        // Assert
        expect(error.code).to.equal(code);
        expect(error.errno).to.equal(undefined);
      });
    }
  });

  describe('when made with options', () => {
    it('should carry the path, the value and the cause', () => {
      // Arrange
      const cause = new RangeError('inner');

      // Act
      const error = new ErrInjectError('EINVAL', 'debugfs cap/probability: cannot write "x"', {
        path: 'cap/probability',
        value: 'x',
        cause,
      });

      // Assert
      expect(error.path).to.equal('cap/probability');
      expect(error.value).to.equal('x');
      expect(error.cause).to.equal(cause);
      expect(error.message).to.equal('debugfs cap/probability: cannot write "x"');
    });

    it('should leave path, value and cause undefined when not given', () => {
      // Act
      const error = new ErrInjectError('ENOENT', 'missing');

      // Assert
      expect(error.path).to.equal(undefined);
      expect(error.value).to.equal(undefined);
      expect(error.cause).to.equal(undefined);
      expect(Object.prototype.hasOwnProperty.call(error, 'cause')).to.equal(false);
    });

    it('should keep an empty value as given', () => {
      // Act
      const error = new ErrInjectError('EINVAL', 'empty', { value: '' });

      // Assert
      expect(error.value).to.equal('');
    });
  });

  describe('when inspected as an Error', () => {
    it('should be an Error named ErrInjectError with a stack', () => {
      // Act
      const error = new ErrInjectError('EINVAL', 'refused');

      // Assert
      expect(error).to.be.an.instanceOf(Error);
      expect(error).to.be.an.instanceOf(ErrInjectError);
      expect(error.name).to.equal('ErrInjectError');
      expect(String(error)).to.equal('ErrInjectError: refused');
      expect(error.stack).to.be.a('string').and.include('ErrInjectError: refused');
    });
  });
});

describe('isErrInjectError', () => {
  describe('when given an ErrInjectError of this copy', () => {
    it('should say yes', () => {
      expect(isErrInjectError(new ErrInjectError('EINVAL', 'refused'))).to.equal(true);
      expect(isErrInjectError(new ErrInjectError('ERR_INVALID_ARG_TYPE', 'misused'))).to.equal(true);
    });
  });

  describe('when given an error thrown by another copy of the core', () => {
    it('should say yes although instanceof says no', () => {
      // Arrange
      const error = errorFromAnotherCopy('ENOENT');

      // Act
      const recognised = isErrInjectError(error);

      // Assert
      expect(error instanceof ErrInjectError).to.equal(false);
      expect(recognised).to.equal(true);
    });
  });

  describe('when given anything else', () => {
    const others: Array<[string, unknown]> = [
      ['a plain Error', new Error('boom')],
      ['a TypeError', new TypeError('boom')],
      ['a Node.js system error', Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', errno: -2 })],
      ['an Error named ErrInjectError without a code', errorFromAnotherCopy(undefined)],
      ['an Error named ErrInjectError with a numeric code', errorFromAnotherCopy(22)],
      ['a plain object shaped like one', { name: 'ErrInjectError', code: 'EINVAL', message: 'refused' }],
      ['a string', 'ErrInjectError'],
      ['null', null],
      ['undefined', undefined],
    ];
    for (const [what, value] of others) {
      it(`should say no to ${what}`, () => {
        expect(isErrInjectError(value)).to.equal(false);
      });
    }
  });
});

describe('showValue', () => {
  describe('when a string is short', () => {
    it('should quote it whole, with its escapes visible', () => {
      expect(showValue('a\nb')).to.equal('"a\\nb"');
    });
  });

  describe('when a string is longer than it quotes', () => {
    it('should quote its beginning and say how long it was and how much is shown', () => {
      // Act
      const shown = showValue('z'.repeat(100_000));

      // Assert
      expect(shown).to.equal(`"${'z'.repeat(77)}..." (100000 characters; the first 77 shown)`);
    });

    it('should quote up to the limit it is given', () => {
      expect(showValue('abcdef', 5)).to.equal('"ab..." (6 characters; the first 2 shown)');
    });
  });

  describe('when given something else than a string', () => {
    it('should name its type, and cut a function name', () => {
      expect(showValue(12n)).to.equal('12n');
      expect(showValue(null)).to.equal('null');
      expect(showValue([])).to.equal('an array');
      expect(showValue({})).to.equal('an object');
      expect(showValue(3)).to.equal('number 3');
      expect(showValue({ [`f${'q'.repeat(500)}`]: () => 0 }[`f${'q'.repeat(500)}`])).to.have.length.below(200);
    });
  });
});

describe('showPath', () => {
  describe('when a path is of a readable length on one line', () => {
    it('should show it as it is', () => {
      expect(showPath('fail_function/probability')).to.equal('fail_function/probability');
    });
  });

  describe('when a path is long or holds control characters', () => {
    it('should quote and cut it', () => {
      expect(showPath('a\nb')).to.equal('"a\\nb"');
      expect(showPath('p'.repeat(201))).to.equal(`"${'p'.repeat(77)}..." (201 characters; the first 77 shown)`);
    });
  });
});
