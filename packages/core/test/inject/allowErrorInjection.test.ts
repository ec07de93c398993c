import { expect } from 'chai';
import diagnosticsChannel from 'node:diagnostics_channel';
import {
  allowErrorInjection,
  debugfs,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  errPtr,
  FAULT_CHANNEL,
  isErr,
  procfs,
  ptrErr,
  runTask,
  type ErrPtr,
  type FaultEvent,
} from '../../src/index';
import { catchErrInject } from '../support/errors';
import { warningsOf } from '../support/warnings';
import { uniqueNames } from '../support/names';
import { failEveryCall, useFailFunction } from './failFunctionHooks';

const uniqueName = uniqueNames('inject-allow');

/** A function whose own `name` is a name no other test uses (a computed key names it). */
function namedFunction<R>(label: string, body: () => R): { readonly name: string; readonly fn: () => R } {
  const name = uniqueName(label);
  const fn = { [name]: () => body() }[name] as () => R;
  return { name, fn };
}

function arm(name: string): void {
  debugfs.write('fail_function/inject', name);
}

function injectableLines(): string[] {
  return debugfs.read('fail_function/injectable').split('\n');
}

describe('allowErrorInjection', () => {
  const verbose = useFailFunction();

  describe('when it wraps a function', () => {
    it('should keep the function name and length, whatever options.name says', () => {
      // Arrange
      function addNumbers(a: number, b: number): number {
        return a + b;
      }

      // Act
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, addNumbers, { name: uniqueName('add') });

      // Assert
      expect(wrapped).to.not.equal(addNumbers);
      expect(wrapped.name).to.equal('addNumbers');
      expect(wrapped.length).to.equal(2);
    });

    it('should keep a length that stops at a rest or default parameter', () => {
      // Arrange
      function withRest(a: number, ...rest: number[]): number {
        return a + rest.length;
      }
      function withDefault(a: number, b = 1): number {
        return a + b;
      }

      // Act
      const rest = allowErrorInjection(EI_TYPE_ERRNO, withRest, { name: uniqueName('rest') });
      const defaulted = allowErrorInjection(EI_TYPE_ERRNO, withDefault, { name: uniqueName('default') });

      // Assert
      expect([rest.length, defaulted.length]).to.deep.equal([1, 1]);
    });

    it('should keep the length of a function of many parameters and pass every argument', () => {
      // Arrange
      const params = Array.from({ length: 20 }, (_, i) => `p${i}`);
      const many = new Function(...params, 'return Array.prototype.slice.call(arguments);') as (...args: number[]) => number[];
      const args = Array.from({ length: 22 }, (_, i) => i);

      // Act
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, many, { name: uniqueName('many') });

      // Assert
      expect(wrapped.length).to.equal(20);
      expect(wrapped(...args)).to.deep.equal(args);
    });
  });

  describe('when the function is not armed', () => {
    it('should run the original with the same this and every argument, more than declared too, and return its value', () => {
      // Arrange
      const seen: Array<{ self: unknown; args: unknown[] }> = [];
      const wrapped = allowErrorInjection(
        EI_TYPE_ERRNO,
        function record(this: unknown, a: number, b: number): number {
          seen.push({ self: this, args: Array.from(arguments) });
          return a + b;
        },
        { name: uniqueName('record') },
      );
      const holder = { wrapped };
      failEveryCall();

      // Act
      const result = (holder.wrapped as (this: unknown, ...args: number[]) => number)(1, 2, 3, 4);
      const viaCall = wrapped.call('self', 5, 6);

      // Assert
      expect(result).to.equal(3);
      expect(viaCall).to.equal(11);
      expect(seen).to.deep.equal([
        { self: holder, args: [1, 2, 3, 4] },
        { self: 'self', args: [5, 6] },
      ]);
    });

    it('should let what the original throws propagate', () => {
      // Arrange
      const boom = new Error('boom');
      const wrapped = allowErrorInjection(
        EI_TYPE_ERRNO,
        (): number => {
          throw boom;
        },
        { name: uniqueName('throws') },
      );

      // Act
      const call = (): number => wrapped();

      // Assert
      expect(call).to.throw(boom);
    });
  });

  describe('when the function is armed and the call does not fail (probability 0)', () => {
    it('should run the original with the same this and arguments, and let what it throws propagate', () => {
      // Arrange
      const name = uniqueName('armed-pass');
      const calls: unknown[] = [];
      const wrapped = allowErrorInjection(
        EI_TYPE_ERRNO,
        function armedPass(this: unknown, x: number): number {
          calls.push(this, x);
          if (x < 0) throw new RangeError('negative');
          return x * 2;
        },
        { name },
      );
      arm(name);
      const self = { tag: 'self' };

      // Act
      const result = wrapped.call(self, 21);
      const call = (): number => wrapped.call(self, -1);

      // Assert
      expect(result).to.equal(42);
      expect(call).to.throw(RangeError, 'negative');
      expect(calls).to.deep.equal([self, 21, self, -1]);
    });
  });

  describe('when the function is armed and the call fails', () => {
    it('should return null for EI_TYPE_NULL without running the body', () => {
      // Arrange
      const name = uniqueName('null');
      let ran = 0;
      const wrapped = allowErrorInjection(EI_TYPE_NULL, (): object | null => (ran++, {}), { name });
      arm(name);
      failEveryCall();

      // Act
      const result = wrapped();

      // Assert
      expect(result).to.equal(null);
      expect(ran).to.equal(0);
    });

    it('should return the retval for EI_TYPE_ERRNO, -EINVAL by default', () => {
      // Arrange
      const name = uniqueName('errno');
      let ran = 0;
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, (): number => (ran++, 0), { name });
      arm(name);
      failEveryCall();

      // Act
      const byDefault = wrapped();
      debugfs.write(`fail_function/${name}/retval`, '-ENOMEM');
      const afterWrite = wrapped();

      // Assert
      expect([byDefault, afterWrite]).to.deep.equal([-22, -12]);
      expect(ran).to.equal(0);
    });

    it('should return errPtr(retval) for EI_TYPE_ERRNO with errPtr: true', () => {
      // Arrange
      const name = uniqueName('errptr');
      let ran = 0;
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, (): { id: number } | ErrPtr => (ran++, { id: 1 }), { name, errPtr: true });
      arm(name);
      failEveryCall();

      // Act
      const byDefault = wrapped();
      debugfs.write(`fail_function/${name}/retval`, '-12');
      const afterWrite = wrapped();

      // Assert
      expect(isErr(byDefault)).to.equal(true);
      expect(ptrErr(byDefault as ErrPtr)).to.equal(-22);
      expect(afterWrite).to.equal(errPtr(-12));
      expect(ran).to.equal(0);
    });

    it('should return null for EI_TYPE_ERRNO_NULL with retval 0, and the errno otherwise', () => {
      // Arrange
      const name = uniqueName('errno-null');
      let ran = 0;
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO_NULL, (): number | null => (ran++, 1), { name });
      arm(name);
      failEveryCall();

      // Act
      const byDefault = wrapped();
      debugfs.write(`fail_function/${name}/retval`, '-5');
      const afterWrite = wrapped();

      // Assert
      expect([byDefault, afterWrite]).to.deep.equal([null, -5]);
      expect(ran).to.equal(0);
    });

    it('should return null or errPtr(retval) for EI_TYPE_ERRNO_NULL with errPtr: true', () => {
      // Arrange
      const name = uniqueName('errno-null-ptr');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO_NULL, (): object | ErrPtr | null => ({}), { name, errPtr: true });
      arm(name);
      failEveryCall();

      // Act
      const byDefault = wrapped();
      debugfs.write(`fail_function/${name}/retval`, '-EIO');
      const afterWrite = wrapped();

      // Assert
      expect(byDefault).to.equal(null);
      expect(afterWrite).to.equal(errPtr(-5));
    });

    it('should return true for EI_TYPE_TRUE without running the body', () => {
      // Arrange
      const name = uniqueName('true');
      let ran = 0;
      const wrapped = allowErrorInjection(EI_TYPE_TRUE, (): boolean => (ran++, false), { name });
      arm(name);
      failEveryCall();

      // Act
      const result = wrapped();

      // Assert
      expect(result).to.equal(true);
      expect(ran).to.equal(0);
    });

    it('should return a resolved Promise of the failure value for an async function', async () => {
      // Arrange
      const name = uniqueName('async');
      let ran = 0;
      const wrapped = allowErrorInjection(
        EI_TYPE_ERRNO,
        async (): Promise<number> => {
          ran++;
          return 0;
        },
        { name },
      );
      arm(name);
      failEveryCall();

      // Act
      const result = wrapped();

      // Assert
      expect(result).to.be.an.instanceOf(Promise);
      expect(await result).to.equal(-22);
      expect(ran).to.equal(0);
    });

    it('should return a resolved Promise of errPtr(retval) for an async function with errPtr: true', async () => {
      // Arrange
      const name = uniqueName('async-ptr');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, async (): Promise<object | ErrPtr> => ({}), { name, errPtr: true });
      arm(name);
      failEveryCall();
      debugfs.write(`fail_function/${name}/retval`, '-ENOMEM');

      // Act
      const result = wrapped();

      // Assert
      expect(result).to.be.an.instanceOf(Promise);
      expect(await result).to.equal(errPtr(-12));
    });

    it('should return a resolved Promise for a Promise-returning function marked with async: true', async () => {
      // Arrange
      const name = uniqueName('promise');
      let ran = 0;
      const wrapped = allowErrorInjection(EI_TYPE_NULL, (): Promise<string | null> => (ran++, Promise.resolve('loaded')), { name, async: true });
      arm(name);
      failEveryCall();

      // Act
      const result = wrapped();

      // Assert
      expect(result).to.be.an.instanceOf(Promise);
      expect(await result).to.equal(null);
      expect(ran).to.equal(0);
    });

    it('should return the original Promise of an async function when the call does not fail', async () => {
      // Arrange
      const name = uniqueName('async-pass');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, async (x: number): Promise<number> => x + 1, { name });
      arm(name);

      // Act
      const result = wrapped(1);

      // Assert
      expect(result).to.be.an.instanceOf(Promise);
      expect(await result).to.equal(2);
    });
  });

  describe('when naming the injectable', () => {
    it("should use the function's own name by default", () => {
      // Arrange
      const { name, fn } = namedFunction('own', () => 0);

      // Act
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, fn);

      // Assert
      expect(wrapped.name).to.equal(name);
      expect(injectableLines()).to.include(`${name}\tERRNO`);
    });

    it('should use options.name when given, and list the function under it only', () => {
      // Arrange
      const { name: ownName, fn } = namedFunction('renamed', () => null);
      const name = uniqueName('given');

      // Act
      allowErrorInjection(EI_TYPE_NULL, fn, { name });

      // Assert
      const lines = injectableLines();
      expect(lines).to.include(`${name}\tNULL`);
      expect(lines.some((line) => line.startsWith(`${ownName}\t`))).to.equal(false);
    });

    it('should refuse an anonymous arrow function without options.name with ERR_INVALID_ARG_VALUE', () => {
      // Act
      const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, (() => 0) as () => number));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
    });

    it('should name a second, different function under a name already taken name#2, with an ERRINJECT_DUPLICATE_NAME warning', async () => {
      // Arrange
      const name = uniqueName('taken');
      const first = allowErrorInjection(EI_TYPE_ERRNO, () => 1, { name });

      // Act: importing the second module must not fail.
      const { value: second, warnings } = await warningsOf(() => allowErrorInjection(EI_TYPE_ERRNO, () => 2, { name }));

      // Assert: the first keeps its name, the second is armed and fails under its own.
      expect(injectableLines().filter((line) => line.startsWith(`${name}`))).to.deep.equal([`${name}\tERRNO`, `${name}#2\tERRNO`]);
      expect(warnings.map((warning) => warning.code)).to.deep.equal(['ERRINJECT_DUPLICATE_NAME']);
      expect(warnings[0]?.message).to.include(JSON.stringify(name)).and.to.include(JSON.stringify(`${name}#2`));
      arm(`${name}#2`);
      failEveryCall();
      expect(second()).to.equal(-22);
      expect(first()).to.equal(1);
    });

    it('should put a function marked again by its module in a later evaluation in the place of the old one, armed as it was, without a warning', async () => {
      // Arrange: the module's first evaluation, armed, with a retval.
      const name = uniqueName('reloaded');
      const evaluate = (): ((path: string) => number) => allowErrorInjection(EI_TYPE_ERRNO, (path: string) => path.length, { name });
      const old = evaluate();
      arm(name);
      debugfs.write(`fail_function/${name}/retval`, '-2');
      failEveryCall();
      await new Promise((resolve) => setImmediate(resolve));

      // Act: the module again (a watch mode's re-run).
      const { value: reloaded, warnings } = await warningsOf(evaluate);

      // Assert: one function of that name, the new one, armed with the same retval; the old one runs.
      expect(warnings).to.deep.equal([]);
      expect(injectableLines().filter((line) => line.startsWith(name))).to.deep.equal([`${name}\tERRNO`]);
      expect(debugfs.read('fail_function/inject').split('\n')).to.include(name);
      expect(reloaded('/a')).to.equal(-2);
      expect(old('/a')).to.equal(2);
    });

    it('should name the third function under a taken name name#3, and say in the warning where it was marked', async () => {
      // Arrange
      const { name, fn } = namedFunction('taken-own', () => 1);
      allowErrorInjection(EI_TYPE_ERRNO, fn);
      const other = (): (() => number) => ({ [name]: () => 2 })[name] as () => number;
      allowErrorInjection(EI_TYPE_ERRNO, other());

      // Act
      const { warnings } = await warningsOf(() => allowErrorInjection(EI_TYPE_ERRNO, other()));

      // Assert
      expect(injectableLines().filter((line) => line.startsWith(name))).to.deep.equal([`${name}\tERRNO`, `${name}#2\tERRNO`, `${name}#3\tERRNO`]);
      expect(warnings[0]?.message).to.match(/marked at test\/inject\/allowErrorInjection\.test\.ts:\d+:\d+\)/);
    });

    it('should skip a suffixed name another function was given explicitly', async () => {
      // Arrange
      const name = uniqueName('taken-suffix');
      allowErrorInjection(EI_TYPE_NULL, (): null => null, { name });
      allowErrorInjection(EI_TYPE_NULL, (): null => null, { name: `${name}#2` });

      // Act
      await warningsOf(() => allowErrorInjection(EI_TYPE_NULL, (): null => null, { name }));

      // Assert
      expect(injectableLines().filter((line) => line.startsWith(name))).to.deep.equal([`${name}\tNULL`, `${name}#2\tNULL`, `${name}#3\tNULL`]);
    });

    it('should keep a suffixed name within the 512 characters a name may have', async () => {
      // Arrange
      const name = `${uniqueName('long')}`.padEnd(512, 'x');
      allowErrorInjection(EI_TYPE_NULL, (): null => null, { name });

      // Act
      await warningsOf(() => allowErrorInjection(EI_TYPE_NULL, (): null => null, { name }));

      // Assert
      const suffixed = `${name.slice(0, 510)}#2`;
      expect(injectableLines()).to.include(`${suffixed}\tNULL`);
      arm(suffixed);
    });

    it('should refuse the same function marked again under another name with ERR_INVALID_ARG_VALUE, naming the first mark', () => {
      // Arrange
      const { name, fn } = namedFunction('marked-once', () => 1);
      allowErrorInjection(EI_TYPE_ERRNO, fn);

      // Act
      const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, fn, { name: uniqueName('other-name') }));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include(name);
    });

    it('should give the same wrapper when the same function is marked twice', () => {
      // Arrange
      const { fn } = namedFunction('twice', () => 1);
      const name = uniqueName('twice-named');
      const withName = (): number => 3;

      // Act
      const first = allowErrorInjection(EI_TYPE_ERRNO, fn);
      const second = allowErrorInjection(EI_TYPE_ERRNO, fn);
      const firstNamed = allowErrorInjection(EI_TYPE_ERRNO, withName, { name });
      const secondNamed = allowErrorInjection(EI_TYPE_ERRNO, withName, { name });

      // Assert
      expect(second).to.equal(first);
      expect(secondNamed).to.equal(firstNamed);
    });

    it('should give the wrapper back when the wrapper itself is marked', () => {
      // Arrange
      const name = uniqueName('rewrap');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, () => 1, { name });

      // Act
      const again = allowErrorInjection(EI_TYPE_ERRNO, wrapped, { name });
      const againUnnamed = allowErrorInjection(EI_TYPE_ERRNO, wrapped);

      // Assert
      expect(again).to.equal(wrapped);
      expect(againUnnamed).to.equal(wrapped);
      expect(injectableLines().filter((line) => line.startsWith(`${name}\t`))).to.have.length(1);
    });

    it('should refuse marking the wrapper again with another type or name (regression: it gave the first wrapper back)', () => {
      // Arrange
      const name = uniqueName('rewrap-other');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, (): number | null => 1, { name });

      // Act
      const otherType = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO_NULL, wrapped, { name }));
      const otherName = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, wrapped, { name: `${name}-2` }));

      // Assert
      expect([otherType.code, otherName.code]).to.deep.equal(['ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_VALUE']);
      expect(otherType.message).to.include(name);
      expect(injectableLines().filter((line) => line.startsWith(name))).to.deep.equal([`${name}\tERRNO`]);
    });

    it('should refuse marking the same function again under another name or type (regression: it was accepted silently)', () => {
      // Arrange
      const name = uniqueName('remark');
      const fn = (): number | null => 1;
      allowErrorInjection(EI_TYPE_ERRNO, fn, { name });

      // Act
      const otherType = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO_NULL, fn, { name }));
      const otherName = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, fn, { name: `${name}-2` }));

      // Assert
      expect([otherType.code, otherName.code]).to.deep.equal(['ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_VALUE']);
      expect(otherName.message).to.include(`${name} (ERRNO)`);
      expect(injectableLines().filter((line) => line.startsWith(name))).to.deep.equal([`${name}\tERRNO`]);
    });

    for (const [label, bad] of [
      ['the empty string', ''],
      ['a name with a space', 'has space'],
      ['a name with a slash', 'a/b'],
      ['a name starting with !', '!neg'],
      ['a name of 513 characters', 'x'.repeat(513)],
    ] as const) {
      it(`should refuse ${label} as options.name with ERR_INVALID_ARG_VALUE`, () => {
        // Act
        const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name: bad }));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      });
    }
  });

  describe('when given bad arguments', () => {
    it('should refuse a class with ERR_INVALID_ARG_VALUE', () => {
      // Arrange
      class Store {
        open(): number {
          return 0;
        }
      }

      // Act
      const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, Store as never, { name: uniqueName('class') }));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
    });

    for (const [label, value] of [
      ['a number', 42],
      ['null', null],
      ['undefined', undefined],
      ['a string', 'fn'],
      ['an object', {}],
    ] as const) {
      it(`should refuse ${label} in place of the function with ERR_INVALID_ARG_TYPE`, () => {
        // Act
        const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, value as never, { name: uniqueName('not-fn') }));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
      });
    }

    for (const [label, type] of [
      ['0 (EI_ETYPE_NONE)', 0],
      ['5', 5],
      ['the string "2"', '2'],
      ['undefined', undefined],
    ] as const) {
      it(`should refuse ${label} as the type with ERR_INVALID_ARG_VALUE`, () => {
        // Act
        const error = catchErrInject(() => allowErrorInjection(type as never, () => 0, { name: uniqueName('bad-type') }));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      });
    }

    for (const [label, type] of [
      ['EI_TYPE_NULL', EI_TYPE_NULL],
      ['EI_TYPE_TRUE', EI_TYPE_TRUE],
    ] as const) {
      it(`should refuse errPtr: true with ${label} with ERR_INVALID_ARG_VALUE, and register nothing`, () => {
        // Arrange
        const name = uniqueName('errptr-bad');

        // Act
        const error = catchErrInject(() => allowErrorInjection(type, () => null, { name, errPtr: true }));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
        expect(injectableLines().some((line) => line.startsWith(`${name}\t`))).to.equal(false);
        expect(catchErrInject(() => arm(name)).code).to.equal('EINVAL');
      });
    }

    it('should refuse an unknown option with ERR_INVALID_ARG_VALUE', () => {
      // Act
      const error = catchErrInject(() => allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name: uniqueName('unknown-opt'), retval: -12 } as never));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
    });
  });

  describe('when a task has fail-nth set', () => {
    it('should count the calls of armed injectables and fail the n-th, then read 0', () => {
      // Arrange
      const names = [uniqueName('nth-a'), uniqueName('nth-b'), uniqueName('nth-c')];
      const ran: string[] = [];
      const [a, b, c] = names.map((name) =>
        allowErrorInjection(EI_TYPE_ERRNO, (): number => (ran.push(name), 0), { name }),
      ) as [() => number, () => number, () => number];
      for (const name of names) arm(name);

      // Act
      const { results, failNth } = runTask(
        () => ({ results: [a(), b(), c()], failNth: procfs.read('self/fail-nth') }),
        { failNth: 2 },
      );

      // Assert
      expect(results).to.deep.equal([0, -22, 0]);
      expect(ran).to.deep.equal([names[0], names[2]]);
      expect(failNth).to.equal('0\n');
    });

    it('should not count calls of injectables that are not armed', () => {
      // Arrange
      const armedName = uniqueName('nth-armed');
      const armed = allowErrorInjection(EI_TYPE_NULL, (): object | null => ({}), { name: armedName });
      const unarmed = allowErrorInjection(EI_TYPE_NULL, (): object | null => ({}), { name: uniqueName('nth-unarmed') });
      arm(armedName);

      // Act
      const results = runTask(() => [unarmed(), unarmed(), armed()], { failNth: 1 });

      // Assert
      expect(results).to.deep.equal([{}, {}, null]);
    });
  });

  describe('when a call fails', () => {
    it('should publish on FAULT_CHANNEL with the function name and capability fail_function', () => {
      // Arrange
      const name = uniqueName('channel');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name });
      arm(name);
      failEveryCall();
      const events: FaultEvent[] = [];
      const onMessage = (message: unknown): void => {
        events.push(message as FaultEvent);
      };
      diagnosticsChannel.subscribe(FAULT_CHANNEL, onMessage);

      // Act
      try {
        wrapped();
      } finally {
        diagnosticsChannel.unsubscribe(FAULT_CHANNEL, onMessage);
      }

      // Assert
      expect(events).to.have.length(1);
      expect(events[0]).to.include({ function: name, capability: 'fail_function', failNth: false, size: 1, probability: 100, times: -1 });
    });

    it('should send a verbose record of fail_function whose stack starts at the caller', () => {
      // Arrange
      const name = uniqueName('verbose');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name });
      arm(name);
      failEveryCall();
      function callerForVerbose(): number {
        return wrapped();
      }

      // Act
      const result = callerForVerbose();

      // Assert
      expect(result).to.equal(-22);
      expect(verbose.records).to.have.length(1);
      const record = verbose.records[0];
      expect(record?.kind).to.equal('fault');
      expect(record?.capability).to.equal('fail_function');
      expect(record?.text).to.include('name fail_function');
      if (record?.kind === 'fault') {
        expect(record.stack?.split('\n')[0]).to.include('callerForVerbose');
      }
    });
  });

  describe('when task-filter is on', () => {
    it('should fail only calls in a task with make-it-fail', () => {
      // Arrange
      const name = uniqueName('task-filter');
      let ran = 0;
      const wrapped = allowErrorInjection(EI_TYPE_TRUE, (): boolean => (ran++, false), { name });
      arm(name);
      failEveryCall();
      debugfs.write('fail_function/task-filter', 'Y');

      // Act
      const outside = wrapped();
      const inside = runTask(() => wrapped(), { makeItFail: true });
      const insideWithout = runTask(() => wrapped(), { makeItFail: false });

      // Assert
      expect([outside, inside, insideWithout]).to.deep.equal([false, true, false]);
      expect(ran).to.equal(2);
    });
  });

  describe('when the stack filter is set', () => {
    it('should fail a call only when require-stack matches a caller of the injectable', () => {
      // Arrange
      const name = uniqueName('require');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name });
      arm(name);
      failEveryCall();
      debugfs.write('fail_function/require-stack', 'callerOfInject');
      function callerOfInject(): number {
        return wrapped();
      }
      function otherCaller(): number {
        return wrapped();
      }

      // Act
      const results = [callerOfInject(), otherCaller(), wrapped()];

      // Assert
      expect(results).to.deep.equal([-22, 0, 0]);
    });

    it('should not fail a call when reject-stack matches a caller of the injectable', () => {
      // Arrange
      const name = uniqueName('reject');
      const wrapped = allowErrorInjection(EI_TYPE_ERRNO, () => 0, { name });
      arm(name);
      failEveryCall();
      debugfs.write('fail_function/reject-stack', 'rejectedCaller');
      function rejectedCaller(): number {
        return wrapped();
      }
      function acceptedCaller(): number {
        return wrapped();
      }

      // Act
      const results = [rejectedCaller(), acceptedCaller()];

      // Assert
      expect(results).to.deep.equal([0, -22]);
    });
  });
});
