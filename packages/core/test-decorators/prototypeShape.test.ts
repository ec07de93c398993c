import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';
import { arm, disarm, useFailFunction } from './support/failFunction';
import { describeMode, MODE, named, nameOf } from './support/mode';
import { ShapeStore, UndecoratedStore } from './support/shapeFixture';

/**
 * A decorated class's prototype after TypeScript's emit redefined its methods (`__decorate`,
 * `__esDecorate`) and errinject renewed its shape so that V8 treats them as constants again: nothing a
 * program can see has changed; and V8's own view, read in a child process with `--allow-natives-syntax`.
 */

/** Everything observable about an object's own properties, in order, values left out. */
function attributes(object: object): Array<[string | symbol, Record<string, unknown>]> {
  return Reflect.ownKeys(object).map((key) => {
    const { value, get, set, ...rest } = Object.getOwnPropertyDescriptor(object, key) as PropertyDescriptor;
    return [key, { ...rest, value: typeof value, get: typeof get, set: typeof set }];
  });
}

/** Everything observable about an object's own properties, in order, values included. */
function ownProperties(object: object): Array<[string | symbol, PropertyDescriptor]> {
  return Reflect.ownKeys(object).map((key) => [key, Object.getOwnPropertyDescriptor(object, key) as PropertyDescriptor]);
}

/** What V8 says of each method of a prototype: `const data field` or `data field`. */
type Constness = Record<string, string>;

/** The methods of `ShapeStore.prototype` that must be constants. */
const METHODS = ['constructor', 'undecorated', 'decorated', 'toggled', 'read', 'last'];

/**
 * Runs a scenario in a child process started with `--allow-natives-syntax`, which loads this mode's
 * fixture, calls the methods from an optimised function, and prints V8's view of the prototypes.
 *
 * @param scenario - statements run after the fixture is loaded (`core`, `fixture`, `use` are bound)
 * @param options - more flags for the child; `later`: look after a turn of the event loop (a class
 * used once the module has loaded) instead of at once (a class used as the module loads)
 * @returns the constness of each method of `ShapeStore.prototype`, `UnchangedStore.prototype` and
 * `ForeignStore.prototype`, and whether the first two have fast properties
 */
function v8View(scenario: string, options: { readonly flags?: readonly string[]; readonly later?: boolean } = {}): { readonly constness: Constness; readonly fast: boolean[] } {
  const script = `
    const core = require(${JSON.stringify(require.resolve('@errinject/core'))});
    const fixture = require(${JSON.stringify(join(__dirname, 'support', 'shapeFixture.js'))});
    const store = new fixture.ShapeStore();
    const control = new fixture.UnchangedStore();
    const foreign = new fixture.ForeignStore();
    function use() {
      return store.undecorated(1) + store.decorated(1) + store.toggled(1) + store.last() + control.plainly(1) + control.redefined(1) +
        foreign.foreignFirst(1) + foreign.foreignSecond(1) + foreign.foreignLast();
    }
    %PrepareFunctionForOptimization(use);
    use();
    ${scenario}
    function look() {
      use();
      %OptimizeFunctionOnNextCall(use);
      use();
      const fast = [%HasFastProperties(fixture.ShapeStore.prototype), %HasFastProperties(fixture.UnchangedStore.prototype)];
      %DebugPrint(fixture.ShapeStore.prototype);
      %DebugPrint(fixture.UnchangedStore.prototype);
      %DebugPrint(fixture.ForeignStore.prototype);
      process.stdout.write('\\nRESULT ' + JSON.stringify(fast) + '\\n');
    }
    ${options.later === true ? 'setImmediate(look);' : 'look();'}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['ERRINJECT'];
  delete env['NODE_OPTIONS'];
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', ...(options.flags ?? []), '-e', script], { env, encoding: 'utf8', timeout: 15000 });
  if (child.status !== 0) throw new Error(`child exited with ${String(child.status)} (${String(child.signal)}):\n${child.stderr}`);
  const constness: Constness = {};
  // %DebugPrint lists each own property as `#name: <value> (const data field 2), location: ...`.
  for (const match of child.stdout.matchAll(/#(\w+): .*?\(((?:const )?data field) \d+\)/g)) constness[match[1] as string] = match[2] as string;
  const result = /^RESULT (.*)$/m.exec(child.stdout);
  if (result === null) throw new Error(`no result from the child:\n${child.stdout}`);
  return { constness, fast: JSON.parse(result[1] as string) as boolean[] };
}

describeMode('the prototype of a class with @AllowErrorInjection methods', () => {
  useFailFunction();

  describe('when the class is defined and instantiated', () => {
    it('should have the same own properties, in the same order, with the same attributes, as the class undecorated', () => {
      // Arrange
      const store = new ShapeStore();

      // Act
      const decorated = attributes(ShapeStore.prototype);
      const calls = [store.undecorated(1), store.decorated(1), store.toggled(2), store.size, store.read('x'), store.last()];

      // Assert
      expect(decorated).to.deep.equal(attributes(UndecoratedStore.prototype));
      expect(Reflect.ownKeys(ShapeStore.prototype)).to.deep.equal(['constructor', 'undecorated', 'decorated', 'toggled', 'size', 'read', 'last']);
      expect(attributes(ShapeStore).filter(([key]) => key === 'open')).to.deep.equal(attributes(UndecoratedStore).filter(([key]) => key === 'open'));
      expect(calls).to.deep.equal([2, 2, 3, 0, null, 0]);
    });
  });

  describe('when a method is armed, then disarmed', () => {
    it('should leave every own property of the prototype as it was, values included', () => {
      // Arrange
      const store = new ShapeStore();
      const before = ownProperties(ShapeStore.prototype);

      // Act
      arm(nameOf('ShapeStore.toggled'));
      const armed = ShapeStore.prototype.toggled;
      const armedCall = store.toggled(1);
      disarm(nameOf('ShapeStore.toggled'));

      // Assert
      expect(armed).to.not.equal(before.find(([key]) => key === 'toggled')?.[1].value);
      expect(armedCall).to.equal(2);
      expect(ownProperties(ShapeStore.prototype)).to.deep.equal(before);
    });
  });

  const locks: ReadonlyArray<readonly [string, (object: object) => void]> = [
    ['frozen', Object.freeze],
    ['sealed', Object.seal],
  ];
  for (const [how, lock] of locks) {
    describe(`when the prototype is ${how} before the first instance`, () => {
      it('should leave it as it is, and the class should work', () => {
        // Arrange
        class Locked {
          count = 1;
          @AllowErrorInjection(EI_TYPE_ERRNO, named(`Locked${how}.open`))
          open(): number {
            return this.count;
          }
          close(): number {
            return 0;
          }
        }
        lock(Locked.prototype);
        const before = ownProperties(Locked.prototype);

        // Act
        const locked = new Locked();
        const calls = [locked.open(), locked.close(), new Locked().open()];

        // Assert
        expect(calls).to.deep.equal([1, 0, 1]);
        expect(ownProperties(Locked.prototype)).to.deep.equal(before);
        expect([Object.isFrozen(Locked.prototype), Object.isSealed(Locked.prototype)]).to.deep.equal([how === 'frozen', true]);
      });
    });
  }

  describe('in V8 (a child process with --allow-natives-syntax)', function () {
    this.timeout(30000);

    /** Asserts that every method of `ShapeStore.prototype` is a constant of it. */
    function expectConstants(constness: Constness, methods: readonly string[] = METHODS): void {
      for (const method of methods) expect(constness[method], method).to.equal('const data field');
    }

    it(`should have every method as a constant of the prototype after ${MODE === 'standard' ? '__esDecorate' : '__decorate'}, where a do-nothing decorator leaves it a plain field`, () => {
      // Act
      const { constness, fast } = v8View('');

      // Assert
      expect(fast).to.deep.equal([true, true]);
      expect(constness['redefined'], 'the control: V8 no longer treats a method TypeScript redefined as a constant').to.equal('data field');
      expect(constness['plainly']).to.equal('const data field');
      expectConstants(constness);
    });

    it('should have them as constants when every inline cache has feedback from its first run (a large application, coverage)', () => {
      // Act
      const { constness } = v8View('', { flags: ['--no-lazy-feedback-allocation'] });

      // Assert
      expect(constness['redefined'], 'the control').to.equal('data field');
      expectConstants(constness);
    });

    it("should have them as constants once the module has loaded, when another library's decorator read the prototype in between", () => {
      // Act
      const { constness } = v8View('', { flags: ['--no-lazy-feedback-allocation'], later: true });

      // Assert
      expect(constness['redefined'], 'the control').to.equal('data field');
      expectConstants(constness, [...METHODS, 'foreignFirst', 'foreignSecond', 'foreignLast']);
    });

    it('should have every method as a constant again once a method was armed, called and disarmed', () => {
      // Act
      const name = JSON.stringify(nameOf('ShapeStore.toggled'));
      const { constness, fast } = v8View(`
        core.debugfs.write('fail_function/inject', ${name});
        use(); use();
        core.debugfs.write('fail_function/inject', '!' + ${name});
        use();`);

      // Assert
      expect(fast[0]).to.equal(true);
      expectConstants(constness);
    });
  });
});
