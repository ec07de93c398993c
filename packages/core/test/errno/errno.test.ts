import { expect } from 'chai';
import { constants } from 'node:os';
import { errno, errnoTable, getErrno, getErrnoOrThrow, isErrnoName } from '../../src/index';
import { catchErrInject } from '../support/errors';

/** The numbers the C library of this machine gives, by name (Linux numbering on Linux). */
const systemErrno: Readonly<Record<string, number>> = constants.errno;

describe('errno', () => {
  describe('when compared with os.constants.errno', () => {
    before(function onlyOnLinux() {
      // Other systems number their errnos differently; the table is Linux's.
      if (process.platform !== 'linux') this.skip();
    });

    it('should give every row below 512 that the system knows the system number', () => {
      // Arrange
      const known = errnoTable.filter((row) => row.number < 512 && Object.prototype.hasOwnProperty.call(systemErrno, row.name));

      // Act
      const mismatches = known.filter((row) => systemErrno[row.name] !== row.number).map((row) => `${row.name}=${row.number}`);

      // Assert
      expect(known.length).to.be.above(50);
      expect(mismatches).to.deep.equal([]);
    });

    it('should have every name of the system, aliases included, with the same number', () => {
      // Arrange
      const names = Object.keys(systemErrno);

      // Act
      const mismatches = names
        .filter((name) => !isErrnoName(name) || errno[name] !== systemErrno[name])
        .map((name) => `${name}: system ${String(systemErrno[name])}, errno ${isErrnoName(name) ? errno[name] : 'missing'}`);

      // Assert
      expect(names.length).to.be.above(50);
      expect(mismatches).to.deep.equal([]);
    });
  });

  describe('when a name is looked up', () => {
    it('should give the Linux numbers', () => {
      expect([errno.EPERM, errno.ENOENT, errno.ENOMEM, errno.EINVAL, errno.ERANGE]).to.deep.equal([1, 2, 12, 22, 34]);
    });

    it('should give each alias the number of the name it stands for', () => {
      expect([errno.EWOULDBLOCK, errno.EAGAIN]).to.deep.equal([11, 11]);
      expect([errno.EDEADLOCK, errno.EDEADLK]).to.deep.equal([35, 35]);
      expect([errno.ENOTSUP, errno.EOPNOTSUPP]).to.deep.equal([95, 95]);
    });

    it('should give the kernel-internal codes from 512', () => {
      expect([errno.ERESTARTSYS, errno.EPROBE_DEFER, errno.ENOTSUPP]).to.deep.equal([512, 517, 524]);
    });

    it('should hold exactly the rows and the three aliases, and be frozen', () => {
      // Arrange
      const expected = [...errnoTable.map((row) => row.name), 'EWOULDBLOCK', 'EDEADLOCK', 'ENOTSUP'].sort();

      // Act
      const names = Object.keys(errno).sort();

      // Assert
      expect(names).to.deep.equal(expected);
      expect(Object.isFrozen(errno)).to.equal(true);
    });
  });

  describe('when the table is read', () => {
    it('should be in ascending order of number, with no number and no name twice', () => {
      // Arrange
      const numbers = errnoTable.map((row) => row.number);
      const names = errnoTable.map((row) => row.name);

      // Act
      const ascending = numbers.every((number, i) => i === 0 || number > (numbers[i - 1] as number));

      // Assert
      expect(ascending).to.equal(true);
      expect(new Set(numbers).size).to.equal(numbers.length);
      expect(new Set(names).size).to.equal(names.length);
    });

    it('should agree with errno on every row, and mark 512 and above as internal', () => {
      // Act
      const disagreeing = errnoTable.filter((row) => errno[row.name] !== row.number || row.internal !== row.number >= 512);

      // Assert
      expect(disagreeing).to.deep.equal([]);
      expect(errnoTable[0]).to.deep.equal({ number: 1, name: 'EPERM', message: 'Operation not permitted', internal: false });
    });

    it('should not list the aliases as rows', () => {
      // Act
      const names = errnoTable.map((row) => row.name as string);

      // Assert
      expect(names).to.not.include('EWOULDBLOCK');
      expect(names).to.not.include('EDEADLOCK');
      expect(names).to.not.include('ENOTSUP');
    });

    it('should be frozen, rows included', () => {
      expect(Object.isFrozen(errnoTable)).to.equal(true);
      expect(errnoTable.every((row) => Object.isFrozen(row))).to.equal(true);
    });
  });

  describe('getErrno', () => {
    describe('when the number names an errno', () => {
      it('should find it by the negative number and by the positive one', () => {
        // Act
        const negative = getErrno(-12);
        const positive = getErrno(12);

        // Assert
        expect(negative?.name).to.equal('ENOMEM');
        expect(positive).to.equal(negative);
        expect(getErrno(-524)?.name).to.equal('ENOTSUPP');
      });
    });

    describe('when the number names none', () => {
      for (const value of [9999, -9999, 0, 41, 12.5, Number.NaN]) {
        it(`should give undefined for ${value}`, () => {
          expect(getErrno(value)).to.equal(undefined);
        });
      }
    });
  });

  describe('getErrnoOrThrow', () => {
    describe('when the number names an errno', () => {
      it('should return its row', () => {
        expect(getErrnoOrThrow(-22)).to.equal(getErrno(22));
        expect(getErrnoOrThrow(-22).name).to.equal('EINVAL');
      });
    });

    describe('when the number names none', () => {
      it('should throw ERR_INVALID_ARG_VALUE naming the number', () => {
        // Act
        const error = catchErrInject(() => getErrnoOrThrow(9999));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.errno).to.equal(undefined);
        expect(error.message).to.include('9999');
      });
    });
  });

  describe('isErrnoName', () => {
    for (const name of ['EPERM', 'ENOMEM', 'EWOULDBLOCK', 'ENOTSUP', 'ENOGRACE']) {
      it(`should accept ${name}`, () => {
        expect(isErrnoName(name)).to.equal(true);
      });
    }

    const notNames = ['', 'enomem', 'ENOMEM ', 'E', 'EFOO', 'ERR_INVALID_ARG_TYPE', 'toString', 'hasOwnProperty', '__proto__', 'constructor'];
    for (const name of notNames) {
      it(`should refuse ${JSON.stringify(name)}`, () => {
        expect(isErrnoName(name)).to.equal(false);
      });
    }
  });
});
