import { types } from 'node:util';

/**
 * Why a decorated method that is never armed can cost more than the same method undecorated, and
 * what undoes it (V8, Node.js 20).
 *
 * V8 records, for each method on a class's prototype, whether it is a "const data field": a property
 * never redefined since the prototype took its fast shape. A call through such a property is compiled
 * to the function itself (inlined, no load, no check). TypeScript's emit redefines every decorated
 * method with `Object.defineProperty` (`__decorate` under `experimentalDecorators`, `__esDecorate`
 * under standard decorators), even when no decorator changed it, and that turns the property into a
 * plain "data field" for good: calls then load it and check it on every call, about 1.2x on a small
 * method in a class with several methods and fields. Arming and disarming redefine it again.
 *
 * A prototype in dictionary mode has no field constness to lose, and V8 gives it a fast shape again
 * the first time it is used as a prototype (an instance created, a method looked up), where every
 * field starts out constant. So the prototype is put in dictionary mode just before the redefinition
 * or just after it: a delete of a property that is not the last added does that. Two temporary
 * symbol-keyed properties are added and deleted, first the older one: the prototype's own properties
 * are never touched, so their order, attributes, accessors and values stay exactly as they were, and
 * nothing is observable once the call returns.
 */

const OLDER = Symbol('errinject: renewPrototypeShape (older)');
const NEWER = Symbol('errinject: renewPrototypeShape (newer)');
const TEMPORARY: PropertyDescriptor = { value: undefined, writable: true, enumerable: false, configurable: true };

/**
 * Lets V8 rebuild a class prototype's shape, so that methods redefined by decorators, arming or
 * disarming become constant again (inlined where they are called) once the prototype is next used.
 * Does nothing to a prototype that cannot take a new property (frozen, sealed, non-extensible) or is a
 * Proxy, and never changes one of its own properties.
 *
 * @param prototype - the object that holds the methods: a class's `prototype` (a class itself, for
 * static methods, is left alone: V8 does not give a plain object its fast shape back by itself)
 * @returns whether the shape was renewed
 */
export function renewPrototypeShape(prototype: object): boolean {
  if (typeof prototype !== 'object' || prototype === null || types.isProxy(prototype) || !Object.isExtensible(prototype)) return false;
  if (!Reflect.defineProperty(prototype, OLDER, TEMPORARY)) return false;
  const added = Reflect.defineProperty(prototype, NEWER, TEMPORARY);
  // Deleting the older of the two, which is not the last property added, puts the object in
  // dictionary mode (deleting the last one would only step its shape back).
  Reflect.deleteProperty(prototype, OLDER);
  if (added) Reflect.deleteProperty(prototype, NEWER);
  return added;
}
