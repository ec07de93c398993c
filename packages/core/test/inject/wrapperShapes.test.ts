import { expect } from 'chai';
import { promisify, types } from 'node:util';
import {
  AllowErrorInjection,
  allowErrorInjection,
  debugfs,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  errPtr,
  procfs,
  runTask,
  type ErrorInjectionType,
} from '../../src/index';
import { useCodeGeneration } from '../../src/inject/generateWrapper';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { failEveryCall, useFailFunction } from './failFunctionHooks';

const uniqueName = uniqueNames('inject-shapes');

function arm(name: string): void {
  debugfs.write('fail_function/inject', name);
}

function disarm(name: string): void {
  debugfs.write('fail_function/inject', `!${name}`);
}

/** Marks a method of a class as `experimentalDecorators` would, with a name of its own. */
function markMethod(type: ErrorInjectionType, klass: { prototype: object }, key: string, label: string, options: { async?: boolean } = {}): string {
  const name = uniqueName(label);
  AllowErrorInjection(type, { name, ...options })(klass.prototype, key, Object.getOwnPropertyDescriptor(klass.prototype, key) as PropertyDescriptor);
  return name;
}

/** Collects what a generator gives: its items, then its return value. */
function drain(iterator: Iterator<unknown, unknown>): { items: unknown[]; returned: unknown } {
  const items: unknown[] = [];
  for (;;) {
    const step = iterator.next();
    if (step.done === true) return { items, returned: step.value };
    items.push(step.value);
  }
}

async function drainAsync(iterator: AsyncIterator<unknown, unknown>): Promise<{ items: unknown[]; returned: unknown }> {
  const items: unknown[] = [];
  for (;;) {
    const step = await iterator.next();
    if (step.done === true) return { items, returned: step.value };
    items.push(step.value);
  }
}

// Both wrappers: compiled with `new Function`, and the closure used where code generation is refused.
for (const path of ['compiled', 'closure'] as const) {
  describe(`wrappers that look like what they wrap (${path})`, () => {
    const verbose = useFailFunction();
    before(() => useCodeGeneration(path === 'compiled'));
    after(() => useCodeGeneration(true));

    describe('when the function is async', () => {
      it('should give an async function that returns what the original resolves to, in a Promise of its own', async () => {
        // Arrange
        async function load(x: number): Promise<number> {
          await null;
          return x * 2;
        }

        // Act
        const wrapped = allowErrorInjection(EI_TYPE_ERRNO, load, { name: uniqueName('async') });
        const result = wrapped(21);

        // Assert
        expect(types.isAsyncFunction(wrapped)).to.equal(true);
        expect([wrapped.name, wrapped.length, Object.hasOwn(wrapped, 'prototype')]).to.deep.equal(['load', 1, false]);
        expect(result).to.be.an.instanceOf(Promise);
        expect(await result).to.equal(42);
      });

      it('should reject as the original rejects', async () => {
        // Arrange
        const boom = new Error('boom');
        const wrapped = allowErrorInjection(
          EI_TYPE_ERRNO,
          async (): Promise<number> => {
            throw boom;
          },
          { name: uniqueName('async-rejects') },
        );

        // Act
        const outcome = await wrapped().then(
          () => 'resolved',
          (error: unknown) => error,
        );

        // Assert
        expect(outcome).to.equal(boom);
      });

      const cases: ReadonlyArray<readonly [string, ErrorInjectionType, { errPtr?: boolean }, string | undefined, unknown]> = [
        ['EI_TYPE_NULL', EI_TYPE_NULL, {}, undefined, null],
        ['EI_TYPE_ERRNO', EI_TYPE_ERRNO, {}, undefined, -22],
        ['EI_TYPE_ERRNO with retval -ENOMEM', EI_TYPE_ERRNO, {}, '-ENOMEM', -12],
        ['EI_TYPE_ERRNO with errPtr', EI_TYPE_ERRNO, { errPtr: true }, '-EIO', errPtr(-5)],
        ['EI_TYPE_ERRNO_NULL', EI_TYPE_ERRNO_NULL, {}, undefined, null],
        ['EI_TYPE_ERRNO_NULL with retval -EIO', EI_TYPE_ERRNO_NULL, {}, '-EIO', -5],
        ['EI_TYPE_TRUE', EI_TYPE_TRUE, {}, undefined, true],
      ];
      for (const [label, type, options, retval, expected] of cases) {
        it(`should fail with a resolved Promise of the failure value for ${label}, without running the body`, async () => {
          // Arrange
          const name = uniqueName('async-fails');
          let ran = 0;
          const wrapped = allowErrorInjection(type, async (): Promise<unknown> => (ran++, 'ran'), { name, ...options });
          arm(name);
          if (retval !== undefined) debugfs.write(`fail_function/${name}/retval`, retval);
          failEveryCall();

          // Act
          const result = wrapped();

          // Assert
          expect(result).to.be.an.instanceOf(Promise);
          expect(await result).to.deep.equal(expected);
          expect(ran).to.equal(0);
        });
      }

      it('should decide the call when it is made, in the caller task, consuming one fail-nth step', async () => {
        // Arrange
        const name = uniqueName('async-nth');
        const wrapped = allowErrorInjection(EI_TYPE_NULL, async (x: number): Promise<number | null> => x, { name });
        arm(name);

        // Act
        const results = await runTask(async () => [await wrapped(1), await wrapped(2), await wrapped(3)], { failNth: 2 });

        // Assert
        expect(results).to.deep.equal([1, null, 3]);
      });
    });

    describe('when the function is a generator', () => {
      function* count(n: number): Generator<number, string> {
        for (let i = 0; i < n; i++) yield i;
        return 'counted';
      }

      it('should give a generator function whose generators yield and return what the original does, and are its instances', () => {
        // Arrange
        count.prototype.extra = 'shared';

        // Act
        const wrapped = allowErrorInjection(EI_TYPE_ERRNO, count, { name: uniqueName('generator') });
        const generator = wrapped(3);

        // Assert
        expect(types.isGeneratorFunction(wrapped)).to.equal(true);
        expect(types.isAsyncFunction(wrapped)).to.equal(false);
        expect([wrapped.name, wrapped.length, wrapped.prototype]).to.deep.equal(['count', 1, count.prototype]);
        expect(generator).to.be.an.instanceOf(count);
        expect((generator as unknown as { extra: string }).extra).to.equal('shared');
        expect(drain(generator)).to.deep.equal({ items: [0, 1, 2], returned: 'counted' });
      });

      it('should pass what next(), throw() and return() give on to the original', () => {
        // Arrange
        const seen: unknown[] = [];
        const wrapped = allowErrorInjection(
          EI_TYPE_ERRNO,
          function* echo(): Generator<number, string, string> {
            try {
              seen.push(yield 1);
              seen.push(yield 2);
            } catch (error) {
              seen.push(`caught ${String(error)}`);
              yield 3;
            } finally {
              seen.push('finally');
            }
            return 'done';
          },
          { name: uniqueName('generator-protocol') },
        );
        const generator = wrapped();

        // Act
        const steps = [generator.next('ignored'), generator.next('a'), generator.throw('e'), generator.return('early')];

        // Assert
        expect(steps).to.deep.equal([
          { value: 1, done: false },
          { value: 2, done: false },
          { value: 3, done: false },
          { value: 'early', done: true },
        ]);
        expect(seen).to.deep.equal(['a', 'caught e', 'finally']);
      });

      it('should fail at the first next() with { value: the failure value, done: true }, the body never run', () => {
        // Arrange
        const name = uniqueName('generator-fails');
        let ran = 0;
        const wrapped = allowErrorInjection(
          EI_TYPE_ERRNO,
          function* opened(): Generator<number, number> {
            ran++;
            yield 1;
            return 0;
          },
          { name },
        );
        arm(name);
        debugfs.write(`fail_function/${name}/retval`, '-ENOENT');
        failEveryCall();

        // Act
        const generator = wrapped();
        const first = generator.next();
        const second = generator.next();

        // Assert
        expect([first, second]).to.deep.equal([
          { value: -2, done: true },
          { value: undefined, done: true },
        ]);
        expect(ran).to.equal(0);
      });

      it('should give the failure value to a caller that delegates with yield*', () => {
        // Arrange
        const name = uniqueName('generator-delegated');
        const wrapped = allowErrorInjection(
          EI_TYPE_NULL,
          function* child(): Generator<string, object | null> {
            yield 'child';
            return {};
          },
          { name },
        );
        function* parent(): Generator<string, string> {
          const got = yield* wrapped();
          return got === null ? 'handled null' : 'got object';
        }
        arm(name);
        failEveryCall();

        // Act
        const outcome = drain(parent());

        // Assert
        expect(outcome).to.deep.equal({ items: [], returned: 'handled null' });
      });

      it('should decide at the first next(), so that a generator never started consumes no fail-nth step', () => {
        // Arrange
        const name = uniqueName('generator-nth');
        const wrapped = allowErrorInjection(
          EI_TYPE_NULL,
          function* one(): Generator<number, object | null> {
            yield 1;
            return {};
          },
          { name },
        );
        arm(name);

        // Act
        const outcome = runTask(
          () => {
            const made = wrapped();
            const before = procfs.read('self/fail-nth').trim();
            return { before, first: made.next(), after: procfs.read('self/fail-nth').trim() };
          },
          { failNth: 1 },
        );

        // Assert
        expect(outcome).to.deep.equal({ before: '1', first: { value: null, done: true }, after: '0' });
      });
    });

    describe('when a failure is reported', () => {
      it('should show a stack that starts at the caller, of an async function and of a generator at its first next()', async () => {
        // Arrange
        const asyncName = uniqueName('verbose-async');
        const generatorName = uniqueName('verbose-generator');
        const load = allowErrorInjection(EI_TYPE_NULL, async (): Promise<object | null> => ({}), { name: asyncName });
        const walk = allowErrorInjection(
          EI_TYPE_NULL,
          function* walk(): Generator<number, object | null> {
            yield 1;
            return {};
          },
          { name: generatorName },
        );
        arm(asyncName);
        arm(generatorName);
        debugfs.write('fail_function/verbose', '2');
        failEveryCall();
        async function awaitsLoad(): Promise<object | null> {
          return await load();
        }
        function stepsWalk(): IteratorResult<number, object | null> {
          const generator = walk();
          return generator.next();
        }

        // Act
        const loaded = await awaitsLoad();
        const walked = stepsWalk();

        // Assert
        expect([loaded, walked]).to.deep.equal([null, { value: null, done: true }]);
        const firstLines = verbose.records.map((record) => (record.kind === 'fault' ? record.stack?.split('\n')[0] : undefined));
        expect(firstLines).to.have.length(2);
        expect(firstLines[0]).to.include('awaitsLoad');
        expect(firstLines[1]).to.include('stepsWalk');
      });
    });

    describe('when the function is an async generator', () => {
      it('should give an async generator function, and fail at the first next() with a Promise of { value, done: true }', async () => {
        // Arrange
        const name = uniqueName('async-generator');
        let ran = 0;
        async function* lines(): AsyncGenerator<string, number> {
          ran++;
          yield 'a';
          yield 'b';
          return 2;
        }
        const wrapped = allowErrorInjection(EI_TYPE_ERRNO, lines, { name });

        // Act
        const passed = await drainAsync(wrapped());
        arm(name);
        failEveryCall();
        const failed = await wrapped().next();

        // Assert
        expect([types.isAsyncFunction(wrapped), types.isGeneratorFunction(wrapped)]).to.deep.equal([true, true]);
        expect(passed).to.deep.equal({ items: ['a', 'b'], returned: 2 });
        expect(failed).to.deep.equal({ value: -22, done: true });
        expect(ran).to.equal(1);
      });
    });

    describe('when new cannot call the function', () => {
      const cases: ReadonlyArray<readonly [string, (x: number) => number]> = [
        ['an arrow function', (x: number): number => x + 1],
        [
          'a class method',
          new (class {
            m(x: number): number {
              return x + 1;
            }
          })().m,
        ],
        ['a method of an object literal', { m(x: number): number { return x + 1; } }.m],
      ];
      for (const [label, fn] of cases) {
        it(`should give a function new cannot call, without prototype, for ${label}`, () => {
          // Act
          const wrapped = allowErrorInjection(EI_TYPE_ERRNO, fn, { name: uniqueName('not-constructible') });

          // Assert
          expect(Object.hasOwn(wrapped, 'prototype')).to.equal(false);
          expect(() => new (wrapped as unknown as new () => unknown)()).to.throw(TypeError, /not a constructor/);
          expect(wrapped(1)).to.equal(2);
        });
      }
    });

    describe('when the function is an ES5 constructor', () => {
      /** A constructor of its own for each test: a function has one mark. */
      function makePoint(): (this: { x: number; y: number; made: unknown }, x: number, y: number) => void {
        function Point(this: { x: number; y: number; made: unknown }, x: number, y: number): void {
          this.x = x;
          this.y = y;
          this.made = new.target;
        }
        (Point.prototype as { norm: () => number }).norm = function (this: { x: number; y: number }): number {
          return Math.abs(this.x) + Math.abs(this.y);
        };
        return Point;
      }
      type PointType = { x: number; y: number; made: unknown; norm(): number };
      type PointConstructor = new (x: number, y: number) => PointType;

      it('should construct an instance of the original with new, its constructor run with new.target the original', () => {
        // Arrange
        const Point = makePoint();
        const wrapped = allowErrorInjection(EI_TYPE_NULL, Point, { name: uniqueName('point') }) as unknown as PointConstructor;

        // Act
        const point = new wrapped(3, -4);

        // Assert
        expect(point).to.be.an.instanceOf(Point);
        expect(point).to.be.an.instanceOf(wrapped);
        expect(Object.getPrototypeOf(point)).to.equal(Point.prototype);
        expect([point.x, point.y, point.norm(), point.made === Point]).to.deep.equal([3, -4, 7, true]);
        expect(wrapped.prototype).to.equal(Point.prototype);
      });

      it('should construct through a bound constructor, and not through an arrow given a prototype', () => {
        // Arrange
        const Point = makePoint();
        const arrow = Object.assign((x: number): number => x, { prototype: {} });

        // Act
        const bound = allowErrorInjection(EI_TYPE_NULL, Point.bind(null as never, 7), { name: uniqueName('point-bound') }) as unknown as new (y: number) => PointType;
        const wrappedArrow = allowErrorInjection(EI_TYPE_NULL, arrow, { name: uniqueName('arrow-prototype') });
        const point = new bound(8);

        // Assert
        expect(point).to.be.an.instanceOf(Point);
        expect([point.x, point.y, point.made === Point]).to.deep.equal([7, 8, true]);
        expect(() => new (wrappedArrow as unknown as new () => unknown)()).to.throw(TypeError, /not a constructor/);
        expect(wrappedArrow.prototype).to.equal(arrow.prototype);
      });

      it('should let a class extend it, with the subclass as new.target', () => {
        // Arrange
        const Point = makePoint();
        const wrapped = allowErrorInjection(EI_TYPE_NULL, Point, { name: uniqueName('point-extended') }) as unknown as PointConstructor;
        class Point3 extends wrapped {
          readonly z = 5;
        }

        // Act
        const point = new Point3(1, 2);

        // Assert
        expect(point).to.be.an.instanceOf(Point3);
        expect(point).to.be.an.instanceOf(Point);
        expect([point.x, point.y, point.z, point.made === Point3]).to.deep.equal([1, 2, 5, true]);
      });

      it('should never fail a new (it cannot return the failure value) nor count it, and fail a plain call', () => {
        // Arrange
        const name = uniqueName('point-armed');
        let runs = 0;
        function Counter(this: { n: number }): { n: number } | null {
          runs++;
          this.n = runs;
          return this;
        }
        const wrapped = allowErrorInjection(EI_TYPE_NULL, Counter, { name });
        arm(name);

        // Act
        const outcome = runTask(
          () => {
            const made = new (wrapped as unknown as new () => { n: number })();
            return { made: made instanceof Counter, afterNew: procfs.read('self/fail-nth').trim(), call: wrapped.call({ n: 0 }), next: wrapped.call({ n: 0 }) };
          },
          { failNth: 1 },
        );

        // Assert
        expect(outcome).to.deep.equal({ made: true, afterNew: '1', call: null, next: { n: 2 } });
        expect(runs).to.equal(2);
      });
    });

    describe('when the function has properties of its own', () => {
      it('should show them on the wrapper, symbols too, a write on either side showing on both', () => {
        // Arrange
        const tag = Symbol('tag');
        function counted(): number {
          return ++(counted as unknown as { calls: number }).calls;
        }
        const config = { retries: 3 };
        Object.assign(counted, { calls: 0, config });
        Object.defineProperty(counted, tag, { value: 'hidden', enumerable: false, writable: false, configurable: true });

        // Act
        const wrapped = allowErrorInjection(EI_TYPE_ERRNO, counted, { name: uniqueName('props') }) as typeof counted & { calls: number; config: unknown; [tag]: string };
        wrapped();
        wrapped();
        const afterCalls = wrapped.calls;
        wrapped.calls = 10;
        const assign = (): void => {
          (wrapped as unknown as Record<symbol, string>)[tag] = 'changed';
        };

        // Assert
        expect(afterCalls).to.equal(2);
        expect((counted as unknown as { calls: number }).calls).to.equal(10);
        expect([wrapped.config, wrapped[tag]]).to.deep.equal([config, 'hidden']);
        expect(wrapped.config).to.equal(config);
        expect(assign).to.throw(TypeError);
        expect(Object.keys(wrapped)).to.deep.equal(Object.keys(counted));
        expect(Reflect.ownKeys(wrapped)).to.have.members(Reflect.ownKeys(counted).filter((key) => key !== 'arguments' && key !== 'caller'));
      });

      it('should keep util.promisify.custom, so that promisify uses it', async () => {
        // Arrange
        function legacy(callback: (error: Error | null, value?: string) => void): void {
          callback(null, 'plain');
        }
        Object.defineProperty(legacy, promisify.custom, { value: async (): Promise<string> => 'custom' });

        // Act
        const wrapped = allowErrorInjection(EI_TYPE_ERRNO, legacy, { name: uniqueName('promisify') });

        // Assert
        expect(await promisify(wrapped)()).to.equal('custom');
      });

      it('should keep the function frozen when it was, and its [[Prototype]]', () => {
        // Arrange
        const base = Object.create(Function.prototype) as object;
        const frozen = Object.freeze(Object.setPrototypeOf((x: number): number => x, base) as (x: number) => number);

        // Act
        const wrapped = allowErrorInjection(EI_TYPE_ERRNO, frozen, { name: uniqueName('frozen') });

        // Assert
        expect(Object.isFrozen(wrapped)).to.equal(true);
        expect(Object.getPrototypeOf(wrapped)).to.equal(base);
        expect(wrapped(7)).to.equal(7);
      });
    });

    describe('when the function is sealed or not extensible', () => {
      it('should make the wrapper so too', () => {
        // Arrange
        const sealed = Object.seal(Object.assign((x: number): number => x, { count: 0 }));
        const closed = Object.preventExtensions((x: number): number => x);

        // Act
        const wrappedSealed = allowErrorInjection(EI_TYPE_ERRNO, sealed, { name: uniqueName('sealed') });
        const wrappedClosed = allowErrorInjection(EI_TYPE_ERRNO, closed, { name: uniqueName('closed') });

        // Assert
        expect([Object.isSealed(wrappedSealed), Object.isExtensible(wrappedSealed)]).to.deep.equal([true, false]);
        wrappedSealed.count = 3;
        expect(sealed.count).to.equal(3);
        expect([Object.isExtensible(wrappedClosed), Object.isSealed(wrappedClosed)]).to.deep.equal([false, false]);
      });
    });

    describe('when a method is armed', () => {
      it('should put a method in its place that new cannot call, without prototype, async when the method is', () => {
        // Arrange
        class Store {
          open(x: number): number {
            return x;
          }
          async read(): Promise<number> {
            return 1;
          }
        }
        const openName = markMethod(EI_TYPE_ERRNO, Store, 'open', 'store-open');
        const readName = markMethod(EI_TYPE_ERRNO, Store, 'read', 'store-read');
        const { open, read } = Store.prototype;

        // Act
        arm(openName);
        arm(readName);
        const armed = { open: Store.prototype.open, read: Store.prototype.read };

        // Assert
        expect([armed.open !== open, armed.read !== read]).to.deep.equal([true, true]);
        expect([Object.hasOwn(armed.open, 'prototype'), Object.hasOwn(armed.read, 'prototype')]).to.deep.equal([false, false]);
        expect(() => new (armed.open as unknown as new () => unknown)()).to.throw(TypeError, /not a constructor/);
        expect([types.isAsyncFunction(armed.open), types.isAsyncFunction(armed.read)]).to.deep.equal([false, true]);
        expect([armed.open.name, armed.read.name]).to.deep.equal(['open', 'read']);
      });

      it('should not wrap twice a wrapper a test double put back, and disarm to the original (stub saves, disarm, restore, arm)', () => {
        // Arrange
        class Disk {
          write(x: number): number {
            return x;
          }
        }
        const name = markMethod(EI_TYPE_ERRNO, Disk, 'write', 'disk-write');
        const original = Object.getOwnPropertyDescriptor(Disk.prototype, 'write');
        const disk = new Disk();
        arm(name);
        // A sinon-like stub: it saves what the property holds (the armed wrapper) and restores it.
        const saved = Object.getOwnPropertyDescriptor(Disk.prototype, 'write') as PropertyDescriptor;
        Object.defineProperty(Disk.prototype, 'write', { ...saved, value: (): number => 99 });
        disarm(name);
        Object.defineProperty(Disk.prototype, 'write', saved);

        // Act
        arm(name);
        const calls = runTask(() => [disk.write(1), disk.write(2), disk.write(3), procfs.read('self/fail-nth').trim()], { failNth: 2 });
        disarm(name);

        // Assert
        expect(calls).to.deep.equal([1, -22, 3, '0']);
        expect(Object.getOwnPropertyDescriptor(Disk.prototype, 'write')).to.deep.equal(original);
      });

      it('should disarm to the original when the first wrapper comes back after a second was made (stub saves, disarm, arm, restore)', () => {
        // Arrange
        class Pipe {
          send(x: number): number {
            return x;
          }
        }
        const name = markMethod(EI_TYPE_ERRNO, Pipe, 'send', 'pipe-send');
        const original = Object.getOwnPropertyDescriptor(Pipe.prototype, 'send');
        arm(name);
        const saved = Object.getOwnPropertyDescriptor(Pipe.prototype, 'send') as PropertyDescriptor;
        Object.defineProperty(Pipe.prototype, 'send', { ...saved, value: (): number => 99 });
        disarm(name);
        arm(name);
        Object.defineProperty(Pipe.prototype, 'send', saved);

        // Act
        const calls = runTask(() => [new Pipe().send(1), new Pipe().send(2)], { failNth: 2 });
        disarm(name);

        // Assert
        expect(calls).to.deep.equal([1, -22]);
        expect(Object.getOwnPropertyDescriptor(Pipe.prototype, 'send')).to.deep.equal(original);
      });
    });
  });
}

describe('marking with options.async that contradicts the function', () => {
  it('should refuse async: false for an async function with ERR_INVALID_ARG_VALUE, and register nothing', () => {
    // Arrange
    const name = uniqueName('contradiction-async');

    // Act
    const error = catchErrInject(() => allowErrorInjection(EI_TYPE_NULL, async (): Promise<null> => null, { name, async: false }));

    // Assert
    expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
    expect(error.message).to.match(/options\.async is false, but this is an async function/);
    expect(debugfs.read('fail_function/injectable')).to.not.include(name);
  });

  it('should refuse async: true for a generator function, sync or async, with ERR_INVALID_ARG_VALUE', () => {
    // Arrange
    const generators = [
      function* sync(): Generator<number> {
        yield 1;
      },
      async function* later(): AsyncGenerator<number> {
        yield 1;
      },
    ];

    // Act
    const codes = generators.map((fn) => catchErrInject(() => allowErrorInjection(EI_TYPE_NULL, fn, { name: uniqueName('contradiction-generator'), async: true })).code);

    // Assert
    expect(codes).to.deep.equal(['ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_VALUE']);
  });
});
