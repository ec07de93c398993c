import { allowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL, errno, errPtr, type ErrPtr, isErr } from '@errinject/core';

/**
 * A small read-through cache with one bug left in on purpose: `put` dereferences `alloc`'s result
 * without checking it, so the error path where the allocation fails crashes the program. A sweep
 * finds it (`failcmd --sweep`), and so does ei-lint (`ei/unchecked-call`).
 */

/** A cache slot. */
export interface Entry {
  key: string;
  value: string;
  readonly size: number;
}

const store = new Map<string, string>([
  ['alpha', 'first letter'],
  ['gamma', 'third letter'],
]);

/** The cache's allocator: a slot of `size` bytes, or null when memory is short (kmalloc's contract). */
export const alloc = allowErrorInjection(EI_TYPE_NULL, function alloc(size: number): Entry | null {
  return { key: '', value: '', size };
});

/** The backing store: the value of a key, or an ErrPtr (-ENOENT when it has none). */
export const load = allowErrorInjection(
  EI_TYPE_ERRNO,
  function load(key: string): string | ErrPtr {
    return store.get(key) ?? errPtr(-errno.ENOENT);
  },
  { errPtr: true },
);

/** The cache. */
export class Cache {
  private readonly entries = new Map<string, Entry>();

  /**
   * The value of a key, from the cache or else from the store; a failed allocation only means the
   * value is not kept.
   *
   * @param key - the key
   * @returns the value, or the store's error
   */
  get(key: string): string | ErrPtr {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit.value;
    const value = load(key);
    if (isErr(value)) return value;
    const entry = alloc(value.length);
    if (entry === null) return value;
    entry.key = key;
    entry.value = value;
    this.entries.set(key, entry);
    return value;
  }

  /**
   * Keeps a value in the cache.
   *
   * @param key - the key
   * @param value - the value
   */
  put(key: string, value: string): void {
    // The bug: "a few bytes never fail to allocate". They do, and then this throws a TypeError.
    const entry = alloc(value.length)!;
    entry.key = key;
    entry.value = value;
    this.entries.set(key, entry);
  }
}
