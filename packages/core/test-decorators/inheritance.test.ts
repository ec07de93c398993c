import { expect } from 'chai';
import { AllowErrorInjection, EI_TYPE_ERRNO, errno } from '@errinject/core';
import { arm, failEveryCall, useFailFunction } from './support/failFunction';
import { describeMode, named, nameOf } from './support/mode';

describeMode('@AllowErrorInjection methods and inheritance', () => {
  useFailFunction();

  describe('when a method of a base class is armed', () => {
    it('should fail the calls of every instance, made before or after arming, and of subclasses', () => {
      // Arrange
      let runs = 0;
      class Device {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Device.open'))
        open(): number {
          runs += 1;
          return 1;
        }

        @AllowErrorInjection(EI_TYPE_ERRNO, named('Device.probe'))
        static probe(): number {
          runs += 1;
          return 1;
        }
      }
      class Disk extends Device {}
      const before = new Device();
      const diskBefore = new Disk();
      arm(nameOf('Device.open'));
      arm(nameOf('Device.probe'));
      failEveryCall();

      // Act
      const after = new Device();
      const results = [before.open(), after.open(), diskBefore.open(), new Disk().open(), Device.probe(), Disk.probe()];

      // Assert
      expect(results).to.deep.equal(Array(6).fill(-errno.EINVAL));
      expect(runs).to.equal(0);
    });

    it('should fail the super call of a subclass that overrides it and calls super', () => {
      // Arrange
      const order: string[] = [];
      class Channel {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Channel.connect'))
        connect(port: number): number {
          order.push(`base ${port}`);
          return 0;
        }
      }
      class TlsChannel extends Channel {
        override connect(port: number): number {
          order.push(`tls ${port}`);
          const result = super.connect(port);
          return result < 0 ? result : 443;
        }
      }
      const tls = new TlsChannel();
      arm(nameOf('Channel.connect'));
      failEveryCall();

      // Act
      const result = tls.connect(8443);

      // Assert: the subclass's own body runs; the base method it calls fails.
      expect(result).to.equal(-errno.EINVAL);
      expect(order).to.deep.equal(['tls 8443']);
    });

    it('should leave alone a subclass that overrides it without the decorator', () => {
      // Arrange
      class Store {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Store.flush'))
        flush(): number {
          return 1;
        }
      }
      class MemoryStore extends Store {
        override flush(): number {
          return 2;
        }
      }
      const memory = new MemoryStore();
      const store = new Store();
      arm(nameOf('Store.flush'));
      failEveryCall();

      // Act
      const results = [memory.flush(), store.flush()];

      // Assert
      expect(results).to.deep.equal([2, -errno.EINVAL]);
      expect(Object.getOwnPropertyDescriptor(MemoryStore.prototype, 'flush')?.value).to.equal(MemoryStore.prototype.flush);
    });

    it('should find the base class when its first instance is of a subclass that overrides the method', () => {
      // Arrange: under standard decorators the first instance is where an instance method finds the
      // object that holds it; here that instance's own class holds another method of that name.
      class Socket {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Socket.bind'))
        bind(): number {
          return 1;
        }
      }
      class FakeSocket extends Socket {
        override bind(): number {
          return 2;
        }
      }
      const fake = new FakeSocket();
      arm(nameOf('Socket.bind'));
      failEveryCall();

      // Act
      const results = [new Socket().bind(), fake.bind()];

      // Assert
      expect(results).to.deep.equal([-errno.EINVAL, 2]);
    });
  });
});
