import { expect } from 'chai';
import {
  debugfs,
  declareFaultAttr,
  type FaultAttrInit,
  getFaultAttr,
  getFaultAttrOrThrow,
  GENERIC_KNOBS,
  isErrInjectError,
} from '../../src/index';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';

const uniqueName = uniqueNames('attr-declare');

/** Whether a capability of this name exists, by every way of looking. */
function declared(name: string): { listed: boolean; attr: boolean; dir: string | undefined } {
  return { listed: debugfs.list().includes(name), attr: getFaultAttr(name) !== undefined, dir: debugfs.stat(name) };
}

const NOT_DECLARED = { listed: false, attr: false, dir: undefined };

/** The init keys, in the order the ERR_INVALID_ARG_VALUE message lists them. */
const INIT_KEYS = [
  'probability',
  'interval',
  'times',
  'space',
  'verbose',
  'verboseRatelimitIntervalMs',
  'verboseRatelimitBurst',
  'taskFilter',
  'stacktraceDepth',
  'requireStack',
  'rejectStack',
  'seed',
];

describe('declareFaultAttr', () => {
  describe('when the name is accepted', () => {
    it('should return a capability of that name, with its debugfs directory of every generic knob', () => {
      // Arrange
      const name = uniqueName('ok');

      // Act
      const attr = declareFaultAttr(name);

      // Assert
      expect(attr.name).to.equal(name);
      expect(debugfs.list()).to.include(name);
      expect(debugfs.list(name)).to.deep.equal([...GENERIC_KNOBS]);
    });

    it('should start with the kernel defaults', () => {
      // Arrange
      const name = uniqueName('defaults');

      // Act
      declareFaultAttr(name);

      // Assert
      const read = (knob: string): string => debugfs.read(`${name}/${knob}`);
      expect({
        probability: read('probability'),
        interval: read('interval'),
        times: read('times'),
        space: read('space'),
        verbose: read('verbose'),
        window: read('verbose_ratelimit_interval_ms'),
        burst: read('verbose_ratelimit_burst'),
        taskFilter: read('task-filter'),
        depth: read('stacktrace-depth'),
        require: read('require-stack'),
        reject: read('reject-stack'),
      }).to.deep.equal({
        probability: '0\n',
        interval: '1\n',
        times: '1\n',
        space: '0\n',
        verbose: '2\n',
        window: '0\n',
        burst: '10\n',
        taskFilter: 'N\n',
        depth: '32\n',
        require: '\n',
        reject: '\n',
      });
    });

    it('should accept a name of 255 characters', () => {
      // Arrange
      const prefix = uniqueName('long');
      const name = prefix + 'x'.repeat(255 - prefix.length);

      // Act
      const attr = declareFaultAttr(name);

      // Assert
      expect(name).to.have.length(255);
      expect(attr.name).to.equal(name);
      expect(debugfs.read(`${name}/times`)).to.equal('1\n');
    });
  });

  describe('when the name is not a string', () => {
    for (const name of [undefined, null, 42, Symbol('cap'), { name: 'cap' }]) {
      it(`should throw ERR_INVALID_ARG_TYPE for ${typeof name === 'symbol' ? 'a symbol' : JSON.stringify(name) ?? 'undefined'}`, () => {
        // Act
        const error = catchErrInject(() => declareFaultAttr(name as never));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
      });
    }
  });

  describe('when the name is a string that is not accepted', () => {
    const names: Array<[string, string]> = [
      ['empty', ''],
      ['with a /', 'a/b'],
      ['with a space', 'a b'],
      ['with a tab', 'a\tb'],
      ['with a newline', 'a\n'],
      ['with a NUL', 'a\0b'],
      ['.', '.'],
      ['..', '..'],
      ['self', 'self'],
      ['of 256 characters', 'n'.repeat(256)],
    ];
    for (const [what, name] of names) {
      it(`should throw ERR_INVALID_ARG_VALUE for a name ${what} and declare nothing`, () => {
        // Act
        const error = catchErrInject(() => declareFaultAttr(name));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(error.errno).to.equal(undefined);
        expect(getFaultAttr(name)).to.equal(undefined);
      });
    }
  });

  describe('when the name is taken', () => {
    it('should throw EEXIST and keep the first capability as it was', () => {
      // Arrange
      const name = uniqueName('dup');
      const first = declareFaultAttr(name, { probability: 5 });

      // Act
      const error = catchErrInject(() => declareFaultAttr(name, { probability: 50 }));

      // Assert
      expect(error.code).to.equal('EEXIST');
      expect(error.errno).to.equal(-17);
      expect(error.path).to.equal(name);
      expect(error.message).to.include(name);
      expect(getFaultAttr(name)).to.equal(first);
      expect(debugfs.read(`${name}/probability`)).to.equal('5\n');
    });

    it('should throw EEXIST for fail_function, which exists from load', () => {
      // Act
      const error = catchErrInject(() => declareFaultAttr('fail_function'));

      // Assert
      expect(error.code).to.equal('EEXIST');
    });
  });

  describe('when init values are given', () => {
    const cases: Array<[string, FaultAttrInit, string, string]> = [
      ['probability', { probability: 50 }, 'probability', '50\n'],
      ['probability as a bigint', { probability: 18446744073709551615n }, 'probability', '18446744073709551615\n'],
      ['interval as a bigint', { interval: 10n }, 'interval', '10\n'],
      ['times as -1', { times: -1 }, 'times', '-1\n'],
      ['times 4294967295, stored in 32 bits', { times: 4294967295 }, 'times', '-1\n'],
      ['a negative space', { space: -4 }, 'space', '-4\n'],
      ['verbose above 2', { verbose: 7n }, 'verbose', '7\n'],
      ['the ratelimit window', { verboseRatelimitIntervalMs: 4294967295 }, 'verbose_ratelimit_interval_ms', '4294967295\n'],
      ['the ratelimit burst', { verboseRatelimitBurst: 3 }, 'verbose_ratelimit_burst', '3\n'],
      ['taskFilter true', { taskFilter: true }, 'task-filter', 'Y\n'],
      ['taskFilter false', { taskFilter: false }, 'task-filter', 'N\n'],
      ['stacktraceDepth 100, clamped', { stacktraceDepth: 100 }, 'stacktrace-depth', '32\n'],
      ['requireStack as an array', { requireStack: ['open', 'Store.*'] }, 'require-stack', 'open,Store.*\n'],
      ['rejectStack as a string', { rejectStack: 'close, */lib/*.js' }, 'reject-stack', 'close,*/lib/*.js\n'],
      ['seed', { seed: 42 }, 'seed', '42\n'],
    ];
    for (const [what, init, knob, expected] of cases) {
      it(`should apply ${what} as a write of String(value) to ${knob}`, () => {
        // Arrange
        const name = uniqueName('init');

        // Act
        declareFaultAttr(name, init);

        // Assert
        expect(debugfs.read(`${name}/${knob}`)).to.equal(expected);
      });
    }

    it('should read back the same as the same values written to the knobs', () => {
      // Arrange
      const viaInit = uniqueName('via-init');
      const viaWrite = uniqueName('via-write');
      const init = { probability: 18446744073709551615n, times: 4294967295, space: 4294967295, stacktraceDepth: 100, taskFilter: true };

      // Act
      declareFaultAttr(viaInit, init);
      declareFaultAttr(viaWrite);
      debugfs.write(`${viaWrite}/probability`, String(init.probability));
      debugfs.write(`${viaWrite}/times`, String(init.times));
      debugfs.write(`${viaWrite}/space`, String(init.space));
      debugfs.write(`${viaWrite}/stacktrace-depth`, String(init.stacktraceDepth));
      debugfs.write(`${viaWrite}/task-filter`, 'Y');

      // Assert
      for (const knob of GENERIC_KNOBS.filter((k) => k !== 'seed')) {
        expect(debugfs.read(`${viaInit}/${knob}`), knob).to.equal(debugfs.read(`${viaWrite}/${knob}`));
      }
    });

    it('should skip keys whose value is undefined', () => {
      // Arrange
      const name = uniqueName('undefined');

      // Act
      declareFaultAttr(name, { probability: undefined, times: 3 } as unknown as FaultAttrInit);

      // Assert
      expect(debugfs.read(`${name}/probability`)).to.equal('0\n');
      expect(debugfs.read(`${name}/times`)).to.equal('3\n');
    });
  });

  describe('when an init value has the wrong type', () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['times', { times: '1' }],
      ['times', { times: 1n }],
      ['probability', { probability: '5' }],
      ['verbose', { verbose: null }],
      ['taskFilter', { taskFilter: 'Y' }],
      ['taskFilter', { taskFilter: 1 }],
      ['requireStack', { requireStack: [1] }],
      ['rejectStack', { rejectStack: 5 }],
      ['seed', { seed: 1n }],
    ];
    for (const [key, init] of cases) {
      const shown = JSON.stringify(init, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
      it(`should throw ERR_INVALID_ARG_TYPE naming init.${key} for ${shown}, and declare nothing`, () => {
        // Arrange
        const name = uniqueName('bad-type');

        // Act
        const error = catchErrInject(() => declareFaultAttr(name, init as FaultAttrInit));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
        expect(error.message).to.include(`init.${key}`);
        expect(declared(name)).to.deep.equal(NOT_DECLARED);
      });
    }

    for (const init of [5, 'probability=1', null]) {
      it(`should throw ERR_INVALID_ARG_TYPE for init ${JSON.stringify(init)}`, () => {
        // Arrange
        const name = uniqueName('bad-init');

        // Act
        const error = catchErrInject(() => declareFaultAttr(name, init as never));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
        expect(declared(name)).to.deep.equal(NOT_DECLARED);
      });
    }
  });

  describe('when init has a key that is not a knob', () => {
    it('should throw ERR_INVALID_ARG_VALUE naming the key and listing the accepted ones, and declare nothing', () => {
      // Arrange
      const name = uniqueName('unknown-key');

      // Act
      const error = catchErrInject(() => declareFaultAttr(name, { times: 2, nope: 1 } as FaultAttrInit));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include('init.nope');
      for (const key of INIT_KEYS) expect(error.message, key).to.include(key);
      expect(declared(name)).to.deep.equal(NOT_DECLARED);
    });

    it('should refuse a knob name in its debugfs spelling', () => {
      // Arrange
      const name = uniqueName('debugfs-spelling');

      // Act
      const error = catchErrInject(() => declareFaultAttr(name, { 'task-filter': true } as FaultAttrInit));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include('task-filter');
    });
  });

  describe('when the knob refuses an init value', () => {
    const cases: Array<[FaultAttrInit, string, string, string]> = [
      [{ probability: -1 }, 'EINVAL', 'probability', '-1'],
      [{ probability: 18446744073709551616n }, 'ERANGE', 'probability', '18446744073709551616'],
      [{ probability: 1e21 }, 'EINVAL', 'probability', '1e+21'],
      [{ times: 1.5 }, 'EINVAL', 'times', '1.5'],
      [{ seed: -1 }, 'EINVAL', 'seed', '-1'],
    ];
    for (const [init, code, knob, value] of cases) {
      it(`should throw ${code} for ${knob} ${value}, with the path and the value, and declare nothing`, () => {
        // Arrange
        const name = uniqueName('refused');

        // Act
        const error = catchErrInject(() => declareFaultAttr(name, { verbose: 0, ...init }));

        // Assert
        expect(error.code).to.equal(code);
        expect(error.path).to.equal(`${name}/${knob}`);
        expect(error.value).to.equal(value);
        expect(error.message).to.include(name);
        expect(isErrInjectError(error.cause)).to.equal(true);
        expect(declared(name)).to.deep.equal(NOT_DECLARED);
      });
    }

    it('should leave the name free to declare afterwards', () => {
      // Arrange
      const name = uniqueName('refused-then-ok');
      catchErrInject(() => declareFaultAttr(name, { probability: -1 }));

      // Act
      const attr = declareFaultAttr(name, { probability: 1 });

      // Assert
      expect(getFaultAttr(name)).to.equal(attr);
      expect(debugfs.list()).to.include(name);
      expect(debugfs.read(`${name}/probability`)).to.equal('1\n');
    });
  });
});

describe('getFaultAttr', () => {
  describe('when the capability exists', () => {
    it('should return the very object declareFaultAttr returned', () => {
      // Arrange
      const name = uniqueName('get');
      const attr = declareFaultAttr(name);

      // Act
      const found = [getFaultAttr(name), getFaultAttrOrThrow(name)];

      // Assert
      expect(found[0]).to.equal(attr);
      expect(found[1]).to.equal(attr);
    });

    it('should find fail_function', () => {
      expect(getFaultAttr('fail_function')?.name).to.equal('fail_function');
    });
  });

  describe('when there is none of that name', () => {
    it('should return undefined from getFaultAttr', () => {
      expect(getFaultAttr(uniqueName('missing'))).to.equal(undefined);
    });

    it('should throw ENOENT naming it from getFaultAttrOrThrow', () => {
      // Arrange
      const name = uniqueName('missing');

      // Act
      const error = catchErrInject(() => getFaultAttrOrThrow(name));

      // Assert
      expect(error.code).to.equal('ENOENT');
      expect(error.errno).to.equal(-2);
      expect(error.path).to.equal(name);
      expect(error.message).to.include(name);
    });
  });
});
