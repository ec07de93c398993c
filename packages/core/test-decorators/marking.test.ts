import { expect } from 'chai';
import {
  AllowErrorInjection,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  type ErrorInjectionDecorator,
  errno,
} from '@errinject/core';
import { captureMethod, type CapturedMethod } from './support/capture';
import { catchErrInject } from './support/errors';
import { arm, armedNames, disarm, failEveryCall, injectableLines, useFailFunction, writeRetval } from './support/failFunction';
import { describeMode, MODE, named, nameOf, perMode } from './support/mode';
import { warningsOf } from './support/warnings';

/**
 * Passes a decorator through three layers of functions, as decorator helpers that compose others do.
 * Under standard decorators the core looks for the class name a few frames up the decorator's call
 * site; past those frames it cannot see it, and learns the class when it is first instantiated.
 */
function throughLayers(decorator: ErrorInjectionDecorator): ErrorInjectionDecorator {
  const call = decorator as unknown as (...args: unknown[]) => unknown;
  const first = (...args: unknown[]): unknown => call(...args);
  const second = (...args: unknown[]): unknown => first(...args);
  const third = (...args: unknown[]): unknown => second(...args);
  return third as unknown as ErrorInjectionDecorator;
}

describeMode('@AllowErrorInjection', () => {
  useFailFunction();

  describe('when a class is defined', () => {
    it('should list its instance and static methods as Class.method<TAB>TYPE before any instance exists', () => {
      // Arrange, act: one class per mode, since each copy of the suite needs class names of its own.
      const Listed = perMode({
        legacy: () => {
          class LegacyListed {
            @AllowErrorInjection(EI_TYPE_NULL)
            alloc(): object | null {
              return {};
            }

            @AllowErrorInjection(EI_TYPE_ERRNO)
            open(): number {
              return 0;
            }

            @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
            lookup(): object | number | null {
              return {};
            }

            @AllowErrorInjection(EI_TYPE_TRUE)
            static busy(): boolean {
              return false;
            }

            @AllowErrorInjection(EI_TYPE_ERRNO)
            static mount(): number {
              return 0;
            }
          }
          return LegacyListed;
        },
        metadata: () => {
          class MetadataListed {
            @AllowErrorInjection(EI_TYPE_NULL)
            alloc(): object | null {
              return {};
            }

            @AllowErrorInjection(EI_TYPE_ERRNO)
            open(): number {
              return 0;
            }

            @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
            lookup(): object | number | null {
              return {};
            }

            @AllowErrorInjection(EI_TYPE_TRUE)
            static busy(): boolean {
              return false;
            }

            @AllowErrorInjection(EI_TYPE_ERRNO)
            static mount(): number {
              return 0;
            }
          }
          return MetadataListed;
        },
        standard: () => {
          class StandardListed {
            @AllowErrorInjection(EI_TYPE_NULL)
            alloc(): object | null {
              return {};
            }

            @AllowErrorInjection(EI_TYPE_ERRNO)
            open(): number {
              return 0;
            }

            @AllowErrorInjection(EI_TYPE_ERRNO_NULL)
            lookup(): object | number | null {
              return {};
            }

            @AllowErrorInjection(EI_TYPE_TRUE)
            static busy(): boolean {
              return false;
            }

            @AllowErrorInjection(EI_TYPE_ERRNO)
            static mount(): number {
              return 0;
            }
          }
          return StandardListed;
        },
      });

      // Assert
      const klass = Listed.name;
      const lines = injectableLines();
      expect(lines).to.include.members([
        `${klass}.alloc\tNULL`,
        `${klass}.open\tERRNO`,
        `${klass}.lookup\tERRNO_NULL`,
        `${klass}.busy\tTRUE`,
        `${klass}.mount\tERRNO`,
      ]);
      expect(lines.filter((line) => line.startsWith(`${klass}.`))).to.have.lengthOf(5);
    });

    it('should list the instance methods of a class with static fields before any instance exists', () => {
      // Arrange, act: static fields are common (counters, caches, defaults); under standard
      // decorators they change how V8 reports the position of the class's static initializer.
      const WithStatics = perMode({
        legacy: () => {
          class LegacyWithStatics {
            static opened = 0;

            @AllowErrorInjection(EI_TYPE_ERRNO)
            open(): number {
              LegacyWithStatics.opened += 1;
              return 0;
            }
          }
          return LegacyWithStatics;
        },
        metadata: () => {
          class MetadataWithStatics {
            static opened = 0;

            @AllowErrorInjection(EI_TYPE_ERRNO)
            open(): number {
              MetadataWithStatics.opened += 1;
              return 0;
            }
          }
          return MetadataWithStatics;
        },
        standard: () => {
          class StandardWithStatics {
            static opened = 0;

            @AllowErrorInjection(EI_TYPE_ERRNO)
            open(): number {
              StandardWithStatics.opened += 1;
              return 0;
            }
          }
          return StandardWithStatics;
        },
      });

      // Assert
      expect(injectableLines()).to.include(`${WithStatics.name}.open\tERRNO`);
    });

    it('should list a method under options.name in place of Class.method', () => {
      // Arrange, act
      class Renamed {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Renamed.instanceOpen'))
        open(): number {
          return 0;
        }

        @AllowErrorInjection(EI_TYPE_TRUE, named('Renamed.staticBusy'))
        static busy(): boolean {
          return false;
        }
      }

      // Assert
      const lines = injectableLines();
      expect(lines).to.include.members([`${nameOf('Renamed.instanceOpen')}\tERRNO`, `${nameOf('Renamed.staticBusy')}\tTRUE`]);
      expect(lines.filter((line) => line.startsWith(`${Renamed.name}.`))).to.deep.equal([]);
    });

    it('should list a method whose key is a symbol under options.name', () => {
      // Arrange
      const open = Symbol('open');

      // Act
      class SymbolKeyed {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('SymbolKeyed.open'))
        [open](): number {
          return 3;
        }
      }
      const keyed = new SymbolKeyed();
      arm(nameOf('SymbolKeyed.open'));
      failEveryCall();

      // Assert
      expect(injectableLines()).to.include(`${nameOf('SymbolKeyed.open')}\tERRNO`);
      expect(keyed[open]()).to.equal(-errno.EINVAL);
    });
  });

  describe('when a method is never armed', () => {
    it('should leave exactly the method as written on the prototype and the class, with its flags', () => {
      // Arrange
      const instanceMethod: CapturedMethod = { fn: undefined };
      const staticMethod: CapturedMethod = { fn: undefined };
      let runs = 0;
      class Untouched {
        @AllowErrorInjection(EI_TYPE_ERRNO, named('Untouched.open'))
        @captureMethod(instanceMethod)
        open(): number {
          runs += 1;
          return 7;
        }

        @AllowErrorInjection(EI_TYPE_TRUE, named('Untouched.busy'))
        @captureMethod(staticMethod)
        static busy(): boolean {
          runs += 1;
          return false;
        }
      }
      class Undecorated {
        open(): number {
          return 7;
        }

        static busy(): boolean {
          return false;
        }
      }
      const flags = ({ writable, enumerable, configurable }: PropertyDescriptor): object => ({ writable, enumerable, configurable });
      const plainInstance = flags(Object.getOwnPropertyDescriptor(Undecorated.prototype, 'open') as PropertyDescriptor);
      const plainStatic = flags(Object.getOwnPropertyDescriptor(Undecorated, 'busy') as PropertyDescriptor);

      // Act: under standard decorators the first instance is when an instance method finds its class.
      const before = Object.getOwnPropertyDescriptor(Untouched.prototype, 'open');
      const untouched = new Untouched();
      const results = [untouched.open(), Untouched.busy()];

      // Assert
      expect(instanceMethod.fn).to.be.a('function');
      expect(staticMethod.fn).to.be.a('function');
      expect(before).to.deep.equal({ value: instanceMethod.fn, ...plainInstance });
      expect(Object.getOwnPropertyDescriptor(Untouched.prototype, 'open')).to.deep.equal({ value: instanceMethod.fn, ...plainInstance });
      expect(Object.getOwnPropertyDescriptor(Untouched, 'busy')).to.deep.equal({ value: staticMethod.fn, ...plainStatic });
      expect(results).to.deep.equal([7, false]);
      expect(runs).to.equal(2);
    });
  });

  describe('when a name is taken', () => {
    it('should name a second, different method under the same options.name name#2, with an ERRINJECT_DUPLICATE_NAME warning', async () => {
      // Arrange
      class FirstOwner {
        @AllowErrorInjection(EI_TYPE_NULL, named('Taken.alloc'))
        alloc(): object | null {
          return {};
        }
      }
      const defineSecond = (): typeof FirstOwner => {
        class SecondOwner {
          @AllowErrorInjection(EI_TYPE_NULL, named('Taken.alloc'))
          alloc(): object | null {
            return {};
          }
        }
        return SecondOwner;
      };

      // Act: defining (importing) the second class does not throw.
      const { value: SecondOwner, warnings } = await warningsOf(defineSecond);

      // Assert: the name still belongs to the first; the second fails under its own.
      expect(warnings.map((warning) => warning.code)).to.deep.equal(['ERRINJECT_DUPLICATE_NAME']);
      expect(warnings[0]?.message).to.include(nameOf('Taken.alloc'));
      expect(injectableLines().filter((line) => line.startsWith(nameOf('Taken.alloc')))).to.deep.equal([
        `${nameOf('Taken.alloc')}\tNULL`,
        `${nameOf('Taken.alloc')}#2\tNULL`,
      ]);
      const owner = new FirstOwner();
      arm(nameOf('Taken.alloc'));
      failEveryCall();
      expect(owner.alloc()).to.equal(null);
      expect(new SecondOwner().alloc()).to.deep.equal({});
      arm(`${nameOf('Taken.alloc')}#2`);
      expect(new SecondOwner().alloc()).to.equal(null);
    });

    it('should name the method of a second class of the same name Class.method#2, before or at its first instance, without throwing', async () => {
      // Arrange: each call defines a new class, with new methods, under the same class name.
      const defineTwice = perMode({
        legacy: () => () => {
          class LegacyTwice {
            @AllowErrorInjection(EI_TYPE_NULL)
            make(): object | null {
              return {};
            }
          }
          return LegacyTwice;
        },
        metadata: () => () => {
          class MetadataTwice {
            @AllowErrorInjection(EI_TYPE_NULL)
            make(): object | null {
              return {};
            }
          }
          return MetadataTwice;
        },
        standard: () => () => {
          class StandardTwice {
            @AllowErrorInjection(EI_TYPE_NULL)
            make(): object | null {
              return {};
            }
          }
          return StandardTwice;
        },
      });
      const First = defineTwice();

      // Act: a second module defines a class of the same name; its first instance is made at once.
      const { value: Second, warnings } = await warningsOf(() => {
        const Defined = defineTwice();
        new Defined();
        return Defined;
      });

      // Assert
      expect(Second.name).to.equal(First.name);
      expect(warnings.map((warning) => warning.code)).to.deep.equal(['ERRINJECT_DUPLICATE_NAME']);
      expect(injectableLines().filter((line) => line.startsWith(`${First.name}.make`))).to.deep.equal([`${First.name}.make\tNULL`, `${First.name}.make#2\tNULL`]);
      const first = new First();
      arm(`${First.name}.make`);
      failEveryCall();
      expect(first.make()).to.equal(null);
      expect(new Second().make()).to.deep.equal({});
    });
  });

  describe('when the module that defines a class is evaluated again (a watch mode re-runs, a test runner resets its modules)', () => {
    /** Defines the class as a module that is evaluated again would: the same code, at a later time. */
    const defineReloaded = perMode({
      legacy: () => () => {
        class LegacyReloaded {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(): number {
            return 0;
          }
        }
        return LegacyReloaded;
      },
      metadata: () => () => {
        class MetadataReloaded {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(): number {
            return 0;
          }
        }
        return MetadataReloaded;
      },
      standard: () => () => {
        class StandardReloaded {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          open(): number {
            return 0;
          }
        }
        return StandardReloaded;
      },
    });

    it('should put the new method in the place of the old one, armed with its retval as configured, without a warning', async () => {
      // Arrange: the first evaluation, armed with a retval of its own.
      const Old = defineReloaded();
      const old = new Old();
      const name = `${Old.name}.open`;
      arm(name);
      writeRetval(name, '-5');
      failEveryCall();
      expect(old.open()).to.equal(-errno.EIO);
      await new Promise((resolve) => setImmediate(resolve));

      // Act: the module again, later.
      const { value: New, warnings } = await warningsOf(() => {
        const Defined = defineReloaded();
        new Defined();
        return Defined;
      });

      // Assert: one function of that name, the new one, armed as the old one was; the old class is as written.
      expect(warnings).to.deep.equal([]);
      expect(injectableLines().filter((line) => line.startsWith(name))).to.deep.equal([`${name}\tERRNO`]);
      expect(armedNames()).to.include(name);
      expect(new New().open()).to.equal(-errno.EIO);
      expect(Object.getOwnPropertyDescriptor(Old.prototype, 'open')?.value).to.not.equal(undefined);
      expect(old.open()).to.equal(0);
      disarm(name);
      expect(new New().open()).to.equal(0);
    });

    it('should keep a name that was disarmed disarmed', async () => {
      // Arrange
      const Old = defineReloaded();
      new Old();
      const name = `${Old.name}.open`;
      arm(name);
      disarm(name);
      await new Promise((resolve) => setImmediate(resolve));

      // Act
      const { value: New } = await warningsOf(() => {
        const Defined = defineReloaded();
        new Defined();
        return Defined;
      });

      // Assert
      expect(armedNames()).to.not.include(name);
      failEveryCall();
      expect(new New().open()).to.equal(0);
    });
  });

  describe('when the call site of the decorator does not show the class', () => {
    it('should list every marked method of the class once it has an instance', () => {
      // Arrange
      const Hidden = perMode({
        legacy: () => {
          class LegacyHidden {
            @throughLayers(AllowErrorInjection(EI_TYPE_ERRNO))
            open(): number {
              return 1;
            }

            @throughLayers(AllowErrorInjection(EI_TYPE_NULL))
            alloc(): object | null {
              return {};
            }
          }
          return LegacyHidden;
        },
        metadata: () => {
          class MetadataHidden {
            @throughLayers(AllowErrorInjection(EI_TYPE_ERRNO))
            open(): number {
              return 1;
            }

            @throughLayers(AllowErrorInjection(EI_TYPE_NULL))
            alloc(): object | null {
              return {};
            }
          }
          return MetadataHidden;
        },
        standard: () => {
          class StandardHidden {
            @throughLayers(AllowErrorInjection(EI_TYPE_ERRNO))
            open(): number {
              return 1;
            }

            @throughLayers(AllowErrorInjection(EI_TYPE_NULL))
            alloc(): object | null {
              return {};
            }
          }
          return StandardHidden;
        },
      });
      const expected = [`${Hidden.name}.open\tERRNO`, `${Hidden.name}.alloc\tNULL`];
      const listedBefore = injectableLines().filter((line) => expected.includes(line));
      const armBefore = MODE === 'standard' ? catchErrInject(() => arm(`${Hidden.name}.open`)) : undefined;

      // Act
      const hidden = new Hidden();

      // Assert: experimentalDecorators are given the class, standard decorators learn it now.
      expect(listedBefore).to.have.lengthOf(MODE === 'standard' ? 0 : 2);
      if (armBefore !== undefined) {
        expect(armBefore.code).to.equal('EINVAL');
        expect(armBefore.message).to.include('not known by its class yet');
      }
      expect(injectableLines()).to.include.members(expected);
      arm(`${Hidden.name}.open`);
      failEveryCall();
      expect([hidden.open(), hidden.alloc()]).to.deep.equal([-errno.EINVAL, {}]);
    });
  });

  describe('when applied to something that is not a method', () => {
    // These definitions are wrong on purpose. Where TypeScript rejects them in one mode only (a
    // getter's decorator type-checks under experimentalDecorators, not under standard decorators),
    // the line carries `@ts-ignore`: `@ts-expect-error` would itself be an error in the mode that
    // accepts it. Where every mode rejects them, `@ts-expect-error`. The classes are defined inside
    // the asserted call: the decorator throws at class definition.

    it('should throw ERR_DECORATOR_TARGET at class definition for a getter, naming it', () => {
      // Act
      const error = catchErrInject(() => {
        class MisusedGetter {
          // @ts-ignore -- a getter is not a method (accepted by the types in the legacy modes only)
          @AllowErrorInjection(EI_TYPE_NULL)
          get size(): number {
            return 1;
          }
        }
        return MisusedGetter;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('MisusedGetter').and.match(/\bsize\b/);
      expect(error.message).to.include(MODE === 'standard' ? 'the getter size' : 'the accessor MisusedGetter.size');
    });

    it('should throw ERR_DECORATOR_TARGET at class definition for a setter, naming it', () => {
      // Act
      const error = catchErrInject(() => {
        class MisusedSetter {
          // @ts-ignore -- a setter is not a method (accepted by the types in the legacy modes only)
          @AllowErrorInjection(EI_TYPE_NULL)
          set size(_value: number) {}
        }
        return MisusedSetter;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('MisusedSetter').and.match(/\bsize\b/);
      expect(error.message).to.include(MODE === 'standard' ? 'the setter size' : 'the accessor MisusedSetter.size');
    });

    it('should throw ERR_DECORATOR_TARGET at class definition for a static getter, naming it', () => {
      // Act
      const error = catchErrInject(() => {
        class MisusedStaticGetter {
          // @ts-ignore -- a getter is not a method (accepted by the types in the legacy modes only)
          @AllowErrorInjection(EI_TYPE_NULL)
          static get count(): number {
            return 1;
          }
        }
        return MisusedStaticGetter;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('MisusedStaticGetter').and.match(/\bcount\b/);
    });

    it('should throw ERR_DECORATOR_TARGET at class definition for a field, naming it', () => {
      // Act
      const error = catchErrInject(() => {
        class MisusedField {
          // @ts-expect-error -- a field is not a method (refused by the types in every mode)
          @AllowErrorInjection(EI_TYPE_NULL)
          count = 1;
        }
        return MisusedField;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('the field').and.include('MisusedField').and.match(/\bcount\b/);
    });

    it('should throw ERR_DECORATOR_TARGET at class definition for an auto-accessor, naming it', () => {
      // Act
      const error = catchErrInject(() => {
        class MisusedAccessor {
          // @ts-ignore -- an accessor is not a method (accepted by the types in the legacy modes only)
          @AllowErrorInjection(EI_TYPE_NULL)
          accessor level = 1;
        }
        return MisusedAccessor;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('the accessor').and.include('MisusedAccessor').and.match(/\blevel\b/);
    });

    it('should throw ERR_DECORATOR_TARGET at class definition for a class, naming it', () => {
      // Act
      const error = catchErrInject(() => {
        // @ts-expect-error -- a class is not a method (refused by the types in every mode)
        @AllowErrorInjection(EI_TYPE_NULL)
        class MisusedClass {}
        return MisusedClass;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('the class MisusedClass');
    });

    it('should throw ERR_DECORATOR_TARGET at class definition for a parameter, naming its method', () => {
      // Standard decorators have no parameter decorators: TypeScript drops them from the output.
      if (MODE === 'standard') return;

      // Act
      const error = catchErrInject(() => {
        class MisusedParameter {
          // @ts-expect-error -- a parameter is not a method (refused by the types in every mode)
          open(@AllowErrorInjection(EI_TYPE_NULL) _path: string): void {}
        }
        return MisusedParameter;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('a parameter of MisusedParameter.open');
    });
  });

  describe('when put on a constructor parameter (regression: the message named a class, not the parameter)', () => {
    it('should throw ERR_DECORATOR_TARGET at class definition, naming the constructor', () => {
      // Standard decorators have no parameter decorators: TypeScript drops them from the output.
      if (MODE === 'standard') return;

      // Act
      const error = catchErrInject(() => {
        class MisusedConstructorParameter {
          // @ts-expect-error -- a parameter is not a method (refused by the types in every mode)
          constructor(@AllowErrorInjection(EI_TYPE_NULL) readonly path: string) {}
        }
        return MisusedConstructorParameter;
      });

      // Assert
      expect(error.code).to.equal('ERR_DECORATOR_TARGET');
      expect(error.message).to.include('a parameter of the constructor of MisusedConstructorParameter');
    });
  });

  describe('when its own arguments are wrong', () => {
    it('should throw ERR_INVALID_ARG_VALUE at once for an unknown error type', () => {
      // @ts-expect-error -- 7 is no error type
      const error = catchErrInject(() => AllowErrorInjection(7));

      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include('7');
    });

    it('should throw ERR_INVALID_ARG_VALUE at once for errPtr with EI_TYPE_NULL or EI_TYPE_TRUE', () => {
      const errors = ([EI_TYPE_NULL, EI_TYPE_TRUE] as const).map((type) => catchErrInject(() => AllowErrorInjection(type, { errPtr: true })));

      expect(errors.map((error) => error.code)).to.deep.equal(['ERR_INVALID_ARG_VALUE', 'ERR_INVALID_ARG_VALUE']);
      expect(errors[0]?.message).to.include('errPtr');
    });

    it('should throw ERR_INVALID_ARG_VALUE at once for an unknown option', () => {
      // @ts-expect-error -- retval is not an option
      const error = catchErrInject(() => AllowErrorInjection(EI_TYPE_ERRNO, { retval: -12 }));

      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include('retval');
    });

    it('should throw ERR_INVALID_ARG_VALUE at once for a name that inject could not take', () => {
      const errors = ['Store open', 'Store/open', '!Store.open', ''].map((name) => catchErrInject(() => AllowErrorInjection(EI_TYPE_ERRNO, { name })));

      expect(errors.map((error) => error.code)).to.deep.equal(Array(4).fill('ERR_INVALID_ARG_VALUE'));
      expect(errors[0]?.message).to.include('Store open');
    });

    it('should throw ERR_INVALID_ARG_TYPE at once for options that are not an object, or a flag that is not a boolean', () => {
      const errors = [
        // @ts-expect-error -- options must be an object
        catchErrInject(() => AllowErrorInjection(EI_TYPE_ERRNO, 'Store.open')),
        // @ts-expect-error -- errPtr is a boolean
        catchErrInject(() => AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: 'yes' })),
        // @ts-expect-error -- async is a boolean
        catchErrInject(() => AllowErrorInjection(EI_TYPE_ERRNO, { async: 1 })),
      ];

      expect(errors.map((error) => error.code)).to.deep.equal(Array(3).fill('ERR_INVALID_ARG_TYPE'));
    });

    it('should throw ERR_INVALID_ARG_VALUE at class definition for a symbol-keyed method without options.name', () => {
      const open = Symbol('open');

      const error = catchErrInject(() => {
        class UnnamedSymbol {
          @AllowErrorInjection(EI_TYPE_ERRNO)
          [open](): number {
            return 0;
          }
        }
        return UnnamedSymbol;
      });

      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.include('options.name');
    });
  });
});
