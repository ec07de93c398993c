import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL } from '@errinject/core';
import { named } from './mode';

/**
 * Classes for the prototype-shape tests, compiled under each decorator mode; a child process started
 * with `--allow-natives-syntax` loads them too, to read V8's view of their prototypes.
 */

/** A decorator that does nothing: the control, whose class errinject never touches. */
function unchanged(..._args: unknown[]): void {}

/** A realistic class: fields, an accessor, decorated and undecorated methods side by side. */
export class ShapeStore {
  reserved = 1;
  readonly label: string = 'store';
  private readonly rows = new Map<string, number>();

  undecorated(x: number): number {
    return x + this.reserved;
  }

  @AllowErrorInjection(EI_TYPE_ERRNO, named('ShapeStore.decorated'))
  decorated(x: number): number {
    return x + this.reserved;
  }

  /** Armed, then disarmed, by the tests. */
  @AllowErrorInjection(EI_TYPE_ERRNO, named('ShapeStore.toggled'))
  toggled(x: number): number {
    return x + this.reserved;
  }

  get size(): number {
    return this.rows.size;
  }

  @AllowErrorInjection(EI_TYPE_NULL, named('ShapeStore.read'))
  read(key: string): number | null {
    return this.rows.get(key) ?? null;
  }

  @AllowErrorInjection(EI_TYPE_NULL, named('ShapeStore.open'))
  static open(): ShapeStore | null {
    return new ShapeStore();
  }

  last(): number {
    return this.rows.size;
  }
}

/** The same shape, undecorated: what the decorated class's prototype must look like. */
export class UndecoratedStore {
  reserved = 1;
  readonly label: string = 'store';
  private readonly rows = new Map<string, number>();

  undecorated(x: number): number {
    return x + this.reserved;
  }

  decorated(x: number): number {
    return x + this.reserved;
  }

  toggled(x: number): number {
    return x + this.reserved;
  }

  get size(): number {
    return this.rows.size;
  }

  read(key: string): number | null {
    return this.rows.get(key) ?? null;
  }

  static open(): UndecoratedStore | null {
    return new UndecoratedStore();
  }

  last(): number {
    return this.rows.size;
  }
}

/** The control: a do-nothing decorator, which TypeScript's emit still redefines the method for. */
export class UnchangedStore {
  reserved = 1;

  plainly(x: number): number {
    return x + this.reserved;
  }

  @unchanged
  redefined(x: number): number {
    return x + this.reserved;
  }
}

/** What `readsConstructor` saw. */
export const constructorsSeen: unknown[] = [];

/**
 * A decorator of another library that reads its target's `constructor`, as many do: with an inline
 * cache behind it, that marks the prototype as in use, so V8 gives it its fast shape back at once.
 *
 * @param target - the prototype under `experimentalDecorators`, the method under standard decorators
 */
function readsConstructor(target: unknown, ..._rest: unknown[]): void {
  constructorsSeen.push(typeof target === 'object' && target !== null ? (target as { constructor: unknown }).constructor : target);
}

/** errinject's decorator on a method, another library's on the next one. */
export class ForeignStore {
  reserved = 1;

  @AllowErrorInjection(EI_TYPE_ERRNO, named('ForeignStore.foreignFirst'))
  foreignFirst(x: number): number {
    return x + this.reserved;
  }

  @readsConstructor
  foreignSecond(x: number): number {
    return x + this.reserved;
  }

  foreignLast(): number {
    return this.reserved;
  }
}
