import { expect } from 'chai';
import { declareFaultAttr, setVerboseSink, shouldFail, type VerboseRecord, type VerboseSink } from '../../src/index';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { silenceVerbose } from '../support/sink';

const uniqueName = uniqueNames('verbose-sink');

/** Runs `fn` with process.stderr.write captured, and returns what was written. */
function captureStderr(fn: () => void): string {
  const originalWrite = process.stderr.write;
  let written = '';
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    written += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = originalWrite;
  }
  return written;
}

/** Injects one fault with a verbose-1 record, and returns the capability's name. */
function injectOneFault(): string {
  const name = uniqueName('fault');
  const attr = declareFaultAttr(name, { probability: 100, times: 1, verbose: 1 });
  expect(shouldFail(attr)).to.equal(true);
  return name;
}

describe('setVerboseSink', () => {
  silenceVerbose('each');

  describe('when given a function', () => {
    it('should return the sink it replaces, and the next call should return this one', () => {
      // Arrange
      const first: VerboseSink = () => {};
      const second: VerboseSink = () => {};
      const before = setVerboseSink(first);

      // Act
      const replacedByFirst = setVerboseSink(second);
      const replacedBySecond = setVerboseSink(before);

      // Assert
      expect(replacedByFirst).to.equal(first);
      expect(replacedBySecond).to.equal(second);
    });

    it('should send every record to it, and nothing to stderr', () => {
      // Arrange
      const records: VerboseRecord[] = [];
      setVerboseSink((record) => {
        records.push(record);
      });

      // Act
      let name = '';
      const written = captureStderr(() => {
        name = injectOneFault();
      });

      // Assert
      expect(written).to.equal('');
      expect(records.map((record) => [record.kind, record.capability])).to.deep.equal([['fault', name]]);
    });
  });

  describe('when given undefined', () => {
    it('should return the sink it replaces and send records to stderr again', () => {
      // Arrange
      const records: VerboseRecord[] = [];
      const mine: VerboseSink = (record) => {
        records.push(record);
      };
      setVerboseSink(mine);

      // Act
      const replaced = setVerboseSink(undefined);
      let name = '';
      const written = captureStderr(() => {
        name = injectOneFault();
      });

      // Assert
      expect(replaced).to.equal(mine);
      expect(records).to.deep.equal([]);
      expect(written).to.equal(
        `FAULT_INJECTION: forcing a failure.\nname ${name}, interval 1, probability 100, space 0, times 1\n`,
      );
    });

    it('should then be returned as undefined by the next call', () => {
      // Arrange
      setVerboseSink(undefined);

      // Act
      const replaced = setVerboseSink(() => {});

      // Assert
      expect(replaced).to.equal(undefined);
    });
  });

  describe('when given something that is neither a function nor undefined', () => {
    for (const value of [123, 'x', {}, null, true]) {
      it(`should throw ERR_INVALID_ARG_TYPE for ${JSON.stringify(value)} and keep the sink`, () => {
        // Arrange
        const records: VerboseRecord[] = [];
        const mine: VerboseSink = (record) => {
          records.push(record);
        };
        setVerboseSink(mine);

        // Act
        const error = catchErrInject(() => setVerboseSink(value as never));
        const name = injectOneFault();
        const current = setVerboseSink(mine);

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
        expect(error.errno).to.equal(undefined);
        expect(current).to.equal(mine);
        expect(records.map((record) => record.capability)).to.deep.equal([name]);
      });
    }
  });
});
