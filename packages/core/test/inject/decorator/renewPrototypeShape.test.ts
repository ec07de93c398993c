import { expect } from 'chai';
import { renewPrototypeShape } from '../../../src/inject/decorator/renewPrototypeShape';

const tag = Symbol('tag');

/** A class with every kind of own prototype property: methods, accessors, a symbol key, a setter. */
function makeClass(): new () => object {
  class Shape {
    count = 1;
    first(): number {
      return 1;
    }
    get size(): number {
      return this.count;
    }
    set size(value: number) {
      this.count = value;
    }
    [tag](): string {
      return 'tagged';
    }
    last(): number {
      return 2;
    }
  }
  return Shape;
}

/** Everything observable about an object's own properties, in order. */
function ownProperties(object: object): Array<[string | symbol, PropertyDescriptor]> {
  return Reflect.ownKeys(object).map((key) => [key, Object.getOwnPropertyDescriptor(object, key) as PropertyDescriptor]);
}

describe('renewPrototypeShape', () => {
  describe('when given a class prototype', () => {
    it('should renew it and leave its own properties, their order and their descriptors exactly as they were', () => {
      // Arrange
      const Shape = makeClass();
      const prototype = Shape.prototype as object;
      Object.defineProperty(prototype, 'fixed', { value: 'kept', writable: false, enumerable: true, configurable: false });
      Object.defineProperty(prototype, 'first', { ...Object.getOwnPropertyDescriptor(prototype, 'first'), writable: false });
      const before = ownProperties(prototype);

      // Act
      const renewed = renewPrototypeShape(prototype);

      // Assert
      expect(renewed).to.equal(true);
      expect(ownProperties(prototype)).to.deep.equal(before);
      expect(Reflect.ownKeys(prototype)).to.deep.equal(['constructor', 'first', 'size', 'last', 'fixed', tag]);
      expect(Object.isExtensible(prototype)).to.equal(true);
    });

    it('should leave its instances working, accessors included', () => {
      // Arrange
      const Shape = makeClass();
      const early = new Shape() as { first(): number; size: number; [tag](): string };

      // Act
      renewPrototypeShape(Shape.prototype as object);
      const late = new Shape() as typeof early;
      late.size = 5;

      // Assert
      expect([early.first(), early.size, early[tag](), late.size, late.first()]).to.deep.equal([1, 1, 'tagged', 5, 1]);
    });
  });

  describe('when asked to renew a prototype once', () => {
    it('should renew it the first time only, and other prototypes and plain calls as before', () => {
      // Arrange
      const first = makeClass().prototype as object;
      const second = makeClass().prototype as object;
      const before = ownProperties(first);

      // Act
      const results = [
        renewPrototypeShape(first, { once: true }),
        renewPrototypeShape(first, { once: true }),
        renewPrototypeShape(second, { once: true }),
        renewPrototypeShape(first),
      ];

      // Assert
      expect(results).to.deep.equal([true, false, true, true]);
      expect(ownProperties(first)).to.deep.equal(before);
    });
  });

  describe('when asked to renew a prototype now and also later', () => {
    it('should change nothing observable, now or in the renewal queued for later, and leave alone a prototype frozen before that runs', async () => {
      // Arrange
      const prototype = makeClass().prototype as object;
      const frozenMeanwhile = makeClass().prototype as object;
      const before = ownProperties(prototype);
      const frozenBefore = ownProperties(frozenMeanwhile);

      // Act
      const results = [
        renewPrototypeShape(prototype, { alsoLater: true }),
        renewPrototypeShape(prototype, { alsoLater: true }),
        renewPrototypeShape(frozenMeanwhile, { alsoLater: true }),
      ];
      Object.freeze(frozenMeanwhile);
      await new Promise((resolve) => setImmediate(resolve));

      // Assert
      expect(results).to.deep.equal([true, true, true]);
      expect(ownProperties(prototype)).to.deep.equal(before);
      expect(ownProperties(frozenMeanwhile)).to.deep.equal(frozenBefore.map(([key, descriptor]) => [key, { ...descriptor, configurable: false, ...('value' in descriptor ? { writable: false } : {}) }]));
      expect(Object.isFrozen(frozenMeanwhile)).to.equal(true);
    });
  });

  describe('when the prototype cannot take a new property', () => {
    const locks: ReadonlyArray<readonly [string, (object: object) => void]> = [
      ['frozen', Object.freeze],
      ['sealed', Object.seal],
      ['not extensible', Object.preventExtensions],
    ];
    for (const [how, lock] of locks) {
      it(`should leave a ${how} prototype alone`, () => {
        // Arrange
        const prototype = makeClass().prototype as object;
        lock(prototype);
        const before = ownProperties(prototype);
        const state = [Object.isFrozen(prototype), Object.isSealed(prototype), Object.isExtensible(prototype)];

        // Act
        const renewed = renewPrototypeShape(prototype);

        // Assert
        expect(renewed).to.equal(false);
        expect(ownProperties(prototype)).to.deep.equal(before);
        expect([Object.isFrozen(prototype), Object.isSealed(prototype), Object.isExtensible(prototype)]).to.deep.equal(state);
      });
    }
  });

  describe('when the holder is a Proxy', () => {
    it('should leave it alone without calling any of its traps', () => {
      // Arrange
      const trapped: string[] = [];
      const handler: ProxyHandler<object> = {};
      for (const trap of ['defineProperty', 'deleteProperty', 'isExtensible', 'getOwnPropertyDescriptor', 'get', 'set', 'ownKeys'] as const) {
        (handler as Record<string, unknown>)[trap] = (...args: unknown[]): unknown => {
          trapped.push(trap);
          return (Reflect[trap] as (...a: unknown[]) => unknown)(...args);
        };
      }
      const proxy = new Proxy(makeClass().prototype as object, handler);

      // Act
      const renewed = renewPrototypeShape(proxy);

      // Assert
      expect(renewed).to.equal(false);
      expect(trapped).to.deep.equal([]);
    });
  });

  describe('when the holder is a class (static methods)', () => {
    it('should leave it alone', () => {
      // Arrange
      const Shape = makeClass();
      const before = ownProperties(Shape);

      // Act
      const renewed = renewPrototypeShape(Shape);

      // Assert
      expect(renewed).to.equal(false);
      expect(ownProperties(Shape)).to.deep.equal(before);
    });
  });
});
