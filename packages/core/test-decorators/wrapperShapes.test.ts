import { expect } from 'chai';
import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL, errno, runTask } from '@errinject/core';
import { types } from 'node:util';
import { arm, failEveryCall, useFailFunction } from './support/failFunction';
import { describeMode, named, nameOf } from './support/mode';

describeMode('wrappers of @AllowErrorInjection methods', () => {
  useFailFunction();

  describe('when an async method and a generator method are armed', () => {
    it('should put an async method and a generator method in their places, failing as each returns', async () => {
      // Arrange
      let runs = 0;
      class Shaped {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Shaped.read'))
        async read(): Promise<number> {
          runs++;
          return 1;
        }

        @AllowErrorInjection(EI_TYPE_NULL, named('Shaped.rows'))
        *rows(): Generator<number, object | null> {
          runs++;
          yield 1;
          return {};
        }
      }
      const shaped = new Shaped();
      arm(nameOf('Shaped.read'));
      arm(nameOf('Shaped.rows'));
      failEveryCall();

      // Act
      const read = shaped.read();
      const rows = shaped.rows().next();

      // Assert
      expect(types.isAsyncFunction(Shaped.prototype.read)).to.equal(true);
      expect(types.isGeneratorFunction(Shaped.prototype.rows)).to.equal(true);
      expect([Object.hasOwn(Shaped.prototype.read, 'prototype'), Object.hasOwn(Shaped.prototype.rows, 'prototype')]).to.deep.equal([false, true]);
      expect(read).to.be.an.instanceOf(Promise);
      expect(await read).to.equal(-errno.EINVAL);
      expect(rows).to.deep.equal({ value: null, done: true });
      expect(runs).to.equal(0);
    });
  });

  describe('when a method returns a Promise without being async, and says nothing', () => {
    it('should fail with a Promise once a call through the armed method returned one, in every decorator mode', async () => {
      // Arrange
      class Undeclared {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Undeclared.fetch'))
        fetch(): Promise<number> {
          return Promise.resolve(5);
        }
      }
      const undeclared = new Undeclared();
      arm(nameOf('Undeclared.fetch'));

      // Act
      const results = runTask(() => [undeclared.fetch(), undeclared.fetch()], { failNth: 2 });

      // Assert
      expect(results[1]).to.be.an.instanceOf(Promise);
      expect(await Promise.all(results)).to.deep.equal([5, -errno.EINVAL]);
    });
  });
});
