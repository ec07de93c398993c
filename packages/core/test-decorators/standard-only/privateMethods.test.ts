import { expect } from 'chai';
import { AllowErrorInjection, type ErrorInjectionDecorator, EI_TYPE_ERRNO, EI_TYPE_NULL, errno } from '@errinject/core';
import { captureMethod, type CapturedMethod } from '../support/capture';
import { arm, disarm, failEveryCall, injectableLines, useFailFunction } from '../support/failFunction';
import { describeMode } from '../support/mode';

/*
 * Private methods take decorators under standard decorators only: TypeScript refuses a decorator on
 * a private name under experimentalDecorators, so only tsconfig.standard.json compiles this folder.
 * No other copy of the suite defines these classes, so they keep their default names.
 */

/** Three layers of functions around a decorator, past where the core looks for the class name. */
function throughLayers(decorator: ErrorInjectionDecorator): ErrorInjectionDecorator {
  const call = decorator as unknown as (...args: unknown[]) => unknown;
  const first = (...args: unknown[]): unknown => call(...args);
  const second = (...args: unknown[]): unknown => first(...args);
  const third = (...args: unknown[]): unknown => second(...args);
  return third as unknown as ErrorInjectionDecorator;
}

describeMode('@AllowErrorInjection on private methods', () => {
  useFailFunction();

  describe('when a private method is marked', () => {
    it('should wrap it from the start, keeping its name and length', () => {
      // Arrange
      const original: CapturedMethod = { fn: undefined };
      let runs = 0;
      class PrivateWrapped {
        @AllowErrorInjection(EI_TYPE_ERRNO)
        @captureMethod(original)
        #open(path: string): number {
          runs += 1;
          return path.length;
        }

        static methodOf(instance: PrivateWrapped): (path: string) => number {
          return instance.#open;
        }

        open(path: string): number {
          return this.#open(path);
        }
      }

      // Act
      const instance = new PrivateWrapped();
      const method = PrivateWrapped.methodOf(instance);
      const result = instance.open('/dev/sda');

      // Assert: never armed, the body runs, through a wrapper that looks like the method.
      expect(method).not.to.equal(original.fn);
      expect(method.name).to.equal('#open');
      expect(method.length).to.equal(1);
      expect(result).to.equal(8);
      expect(runs).to.equal(1);
    });

    it('should list instance and static private methods as Class.#method', () => {
      // Arrange, act
      class PrivateListed {
        @AllowErrorInjection(EI_TYPE_ERRNO)
        #open(): number {
          return 0;
        }

        @AllowErrorInjection(EI_TYPE_NULL)
        static #create(): object | null {
          return {};
        }

        static create(): object | null {
          return PrivateListed.#create();
        }

        open(): number {
          return this.#open();
        }
      }

      // Assert
      expect(injectableLines()).to.include.members(['PrivateListed.#open\tERRNO', 'PrivateListed.#create\tNULL']);
      expect([new PrivateListed().open(), PrivateListed.create()]).to.deep.equal([0, {}]);
    });

    it('should fail its calls while armed, and run them again once disarmed', () => {
      // Arrange
      let runs = 0;
      class PrivateArmed {
        @AllowErrorInjection(EI_TYPE_ERRNO)
        #open(): number {
          runs += 1;
          return 0;
        }

        @AllowErrorInjection(EI_TYPE_NULL)
        static #create(): object | null {
          runs += 1;
          return {};
        }

        static create(): object | null {
          return PrivateArmed.#create();
        }

        open(): number {
          return this.#open();
        }
      }
      const instance = new PrivateArmed();
      arm('PrivateArmed.#open');
      arm('PrivateArmed.#create');
      failEveryCall();

      // Act
      const whileArmed = [instance.open(), PrivateArmed.create()];
      disarm('PrivateArmed.#open');
      disarm('PrivateArmed.#create');
      const afterwards = [instance.open(), PrivateArmed.create()];

      // Assert
      expect(whileArmed).to.deep.equal([-errno.EINVAL, null]);
      expect(afterwards).to.deep.equal([0, {}]);
      expect(runs).to.equal(2);
    });

    it('should be armed by name after the first instance exists when the call site does not show the class', () => {
      // Arrange
      class PrivateHidden {
        @throughLayers(AllowErrorInjection(EI_TYPE_ERRNO))
        #open(): number {
          return 0;
        }

        open(): number {
          return this.#open();
        }
      }
      const listedBefore = injectableLines().includes('PrivateHidden.#open\tERRNO');

      // Act
      const instance = new PrivateHidden();
      arm('PrivateHidden.#open');
      failEveryCall();

      // Assert
      expect(listedBefore).to.equal(false);
      expect(injectableLines()).to.include('PrivateHidden.#open\tERRNO');
      expect(instance.open()).to.equal(-errno.EINVAL);
    });
  });
});
