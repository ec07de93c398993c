import type { Injectable } from '../Injectable';

/**
 * A method marked under standard decorators whose class is not known yet. JavaScript does not give a
 * method decorator its class; the class becomes known when the decorator's call site names it, or
 * when the class is first instantiated.
 */
export interface PendingMethod {
  /** The method's property key. */
  readonly key: string | symbol;
  /** The method as written. */
  readonly original: Injectable['original'];
}
