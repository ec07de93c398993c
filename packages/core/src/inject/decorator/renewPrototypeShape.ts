import { types } from 'node:util';

/**
 * Why a decorated method that is never armed can cost more than the same method undecorated, and
 * what undoes it (V8, Node.js 20).
 *
 * V8 records, for each method on a class's prototype, whether it is a "const data field": a property
 * never redefined since the prototype took its fast shape. A call through such a property is compiled
 * to the function itself: inlined even where the call site sees several classes. TypeScript's emit
 * redefines every decorated method with `Object.defineProperty` (`__decorate` under
 * `experimentalDecorators`, `__esDecorate` under standard decorators), even when no decorator changed
 * it, and that turns the property into a plain "data field" for good: V8 then loads and checks it at
 * every call, and no longer inlines it where a call site sees several classes (3x on a small method).
 * Arming and disarming redefine it again.
 *
 * A prototype in dictionary mode has no field constness to lose, and when V8 gives it a fast shape
 * again (at once for a prototype already in use, otherwise when it is first used) every field starts
 * out constant. Deleting a property that is not the last one added puts an object in dictionary mode
 * (deleting the last one would only step its shape back); so two temporary symbol-keyed properties
 * are added and deleted, the older first. The prototype's own properties are never touched, so their
 * order, attributes, accessors and values stay exactly as they were, and nothing is observable once
 * the call returns. It costs a few microseconds: the prototype's shape is rebuilt.
 */

const OLDER = Symbol('errinject: renewPrototypeShape (older)');
const NEWER = Symbol('errinject: renewPrototypeShape (newer)');
const TEMPORARY: PropertyDescriptor = { value: undefined, writable: true, enumerable: false, configurable: true };

/** Prototypes renewed with `once`. */
const renewedOnce = new WeakSet<object>();
/** Prototypes with a renewal queued by `alsoLater`. */
const renewedLater = new WeakSet<object>();

/**
 * Lets V8 rebuild a class prototype's shape, so that methods redefined by decorators, arming or
 * disarming are constants again (inlined where they are called). Does nothing to a prototype that
 * cannot take a new property (frozen, sealed, non-extensible) or is a Proxy, and never changes one of
 * its own properties.
 *
 * A prototype already in use (V8 marks one so when an inline cache reads a property of it, or through
 * it) gets its fast shape back at once, so a redefinition that follows makes its method a plain field
 * again: under `experimentalDecorators`, where the decorator runs before `__decorate` redefines the
 * method, `alsoLater` renews the prototype once more, after the code that is running (every decorator
 * of its class included) is done.
 *
 * @param prototype - the object that holds the methods: a class's `prototype` (a class itself, for
 * static methods, is left alone: V8 does not give an object that is no prototype its fast shape back)
 * @param options - `once`: only the first time this prototype is given with `once`; `alsoLater`:
 * now, and again in a microtask (queued once per prototype)
 * @returns whether the shape was renewed now
 */
export function renewPrototypeShape(prototype: object, options: { readonly once?: boolean; readonly alsoLater?: boolean } = {}): boolean {
  if (typeof prototype !== 'object' || prototype === null || types.isProxy(prototype) || !Object.isExtensible(prototype)) return false;
  if (options.once === true) {
    if (renewedOnce.has(prototype)) return false;
    renewedOnce.add(prototype);
  }
  if (options.alsoLater === true && !renewedLater.has(prototype)) {
    renewedLater.add(prototype);
    queueMicrotask(() => {
      renewedLater.delete(prototype);
      renew(prototype);
    });
  }
  return renew(prototype);
}

function renew(prototype: object): boolean {
  if (!Object.isExtensible(prototype) || !Reflect.defineProperty(prototype, OLDER, TEMPORARY)) return false;
  const added = Reflect.defineProperty(prototype, NEWER, TEMPORARY);
  Reflect.deleteProperty(prototype, OLDER);
  if (added) Reflect.deleteProperty(prototype, NEWER);
  return added;
}
