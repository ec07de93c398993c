import { expect } from 'chai';
import { type CapabilityKnob, debugfs, declareFaultAttr, GENERIC_KNOBS, getFaultAttr, refuseKnobWrite } from '../../src/index';
import { applyCollecting } from '../support/boot';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';

const uniqueName = uniqueNames('attr-knobs');

const OPS = ['open', 'read', 'write', 'rename'];

/** An `ops` knob as `@errinject/node` needs one: operation names, separated by spaces; empty is all. */
function opsKnob(): CapabilityKnob & { readonly value: () => readonly string[] } {
  let ops: readonly string[] = [];
  return {
    value: () => ops,
    read: () => `${ops.join(' ')}\n`,
    write: (value, path) => {
      const names = value.split(/\s+/).filter((name) => name !== '');
      const unknown = names.find((name) => !OPS.includes(name));
      if (unknown !== undefined) refuseKnobWrite(path, value, `operation names among ${OPS.join(', ')}, separated by spaces; empty for all`);
      ops = names;
    },
  };
}

describe('declareFaultAttr with knobs of its own', () => {
  describe('when the knobs are accepted', () => {
    it('should list them after the generic knobs, and read and write them through debugfs', () => {
      // Arrange
      const name = uniqueName('ok');
      const ops = opsKnob();

      // Act
      declareFaultAttr(name, {}, { ops });
      debugfs.write(`${name}/ops`, 'open rename\n');

      // Assert
      expect(debugfs.list(name)).to.deep.equal([...GENERIC_KNOBS, 'ops']);
      expect(debugfs.stat(`${name}/ops`)).to.equal('file');
      expect(ops.value()).to.deep.equal(['open', 'rename']);
      expect(debugfs.read(`${name}/ops`)).to.equal('open rename\n');
    });
  });

  describe('when a write is refused', () => {
    it('should throw EINVAL naming the path, the value and what is accepted, and change nothing', () => {
      // Arrange
      const name = uniqueName('refused');
      const ops = opsKnob();
      declareFaultAttr(name, {}, { ops });
      debugfs.write(`${name}/ops`, 'read');

      // Act
      const error = catchErrInject(() => debugfs.write(`${name}/ops`, 'read unlink'));

      // Assert
      expect(error.code).to.equal('EINVAL');
      expect(error.message).to.equal(
        `debugfs ${name}/ops: cannot write "read unlink" (EINVAL: not accepted); accepted: operation names among open, read, write, rename, separated by spaces; empty for all`,
      );
      expect(ops.value()).to.deep.equal(['read']);
    });

    it('should refuse with EINVAL, the cause kept, a write that throws something else', () => {
      // Arrange
      const name = uniqueName('throws');
      const cause = new RangeError('no such mode');
      declareFaultAttr(name, {}, { mode: { read: () => 'plain\n', write: () => { throw cause; } } });

      // Act
      const error = catchErrInject(() => debugfs.write(`${name}/mode`, 'odd'));

      // Assert
      expect(error.code).to.equal('EINVAL');
      expect(error.message).to.include('"odd"').and.include('no such mode');
      expect(error.cause).to.equal(cause);
    });
  });

  describe('when boot configuration names a knob of a capability declared later', () => {
    it('should wait, then write it at declareFaultAttr time', () => {
      // Arrange
      const name = uniqueName('boot');
      const ops = opsKnob();
      const reports = applyCollecting(`${name}/ops=write ${name}/probability=100`);

      // Act
      declareFaultAttr(name, {}, { ops });

      // Assert
      expect(reports).to.deep.equal([]);
      expect(ops.value()).to.deep.equal(['write']);
      expect(debugfs.read(`${name}/probability`)).to.equal('100\n');
    });
  });

  describe('when the knobs are not accepted', () => {
    const cases: readonly [string, unknown, string, RegExp][] = [
      ['not an object', 'ops', 'ERR_INVALID_ARG_TYPE', /knobs must be an object of knobs by name, got "ops"/],
      ['an array', [opsKnob()], 'ERR_INVALID_ARG_TYPE', /knobs must be an object/],
      ['a generic knob\'s name', { times: opsKnob() }, 'ERR_INVALID_ARG_VALUE', /the knob name "times" is not accepted/],
      ['a name with a slash', { 'a/b': opsKnob() }, 'ERR_INVALID_ARG_VALUE', /the knob name "a\/b" is not accepted/],
      ['an empty name', { '': opsKnob() }, 'ERR_INVALID_ARG_VALUE', /the knob name "" is not accepted/],
      ['a knob without write', { ops: { read: () => '\n' } }, 'ERR_INVALID_ARG_TYPE', /knobs\.ops must be an object with read\(\) and write\(value, path\)/],
      ['a knob that is a string', { ops: 'open' }, 'ERR_INVALID_ARG_TYPE', /knobs\.ops must be an object/],
    ];
    for (const [what, knobs, code, message] of cases) {
      it(`should refuse ${what} and declare nothing`, () => {
        // Arrange
        const name = uniqueName('bad');

        // Act
        const error = catchErrInject(() => declareFaultAttr(name, {}, knobs as Record<string, CapabilityKnob>));

        // Assert
        expect(error.code).to.equal(code);
        expect(error.message).to.match(message);
        expect(getFaultAttr(name)).to.equal(undefined);
        expect(debugfs.stat(name)).to.equal(undefined);
      });
    }
  });
});
