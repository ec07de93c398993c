/** A function of Node's, as the interceptors see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function's shape
export type AnyFunction = (this: never, ...args: any[]) => unknown;

/**
 * Makes an interceptor look like the function it stands in for: the same `name` and `length`, and
 * the same own properties (`util.promisify.custom` on `fs.exists` and `fs.read`, `native` on
 * `fs.realpath`), so that code which inspects the function sees no difference.
 *
 * @param interceptor - the stand-in
 * @param original - Node's function
 * @returns the interceptor
 */
export function lookAlike<F extends AnyFunction>(interceptor: F, original: AnyFunction): F {
  for (const key of Reflect.ownKeys(original)) {
    if (key === 'prototype' || key === 'arguments' || key === 'caller') continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(original, key) as PropertyDescriptor;
    Reflect.defineProperty(interceptor, key, descriptor);
  }
  return interceptor;
}

/**
 * Puts an interceptor in place of an object's function property, keeping the property's descriptor.
 *
 * @param owner - the object (a module's exports, a prototype)
 * @param key - the property
 * @param makeInterceptor - given Node's function, returns the stand-in
 * @returns false when the property is not a function, or a getter that does not become one (nothing is changed)
 */
export function replaceFunction(owner: object, key: string | symbol, makeInterceptor: (original: AnyFunction) => AnyFunction): boolean {
  let descriptor = Reflect.getOwnPropertyDescriptor(owner, key);
  // Node loads some exports lazily (fs.opendir and fs.opendirSync): a getter that, read once, makes
  // the property a plain data property holding the function. Read it, and look again.
  if (descriptor?.get !== undefined) {
    try {
      Reflect.get(owner, key);
    } catch {
      return false;
    }
    descriptor = Reflect.getOwnPropertyDescriptor(owner, key);
  }
  if (descriptor === undefined || typeof descriptor.value !== 'function') return false;
  const original = descriptor.value as AnyFunction;
  Reflect.defineProperty(owner, key, { ...descriptor, value: lookAlike(makeInterceptor(original), original) });
  return true;
}
