/**
 * The rule by which a name says that its function releases something:
 *
 * 1. The name is split into words at camelCase humps, underscores, dashes, dots and digits
 *    (`closeFile` → close, file; `kmem_cache_free` → kmem, cache, free; `HTTPServerClose` → http,
 *    server, close).
 * 2. It releases when its first word, or its first two words run together (`cleanUp`, `tearDown`,
 *    `shutDown`, `unRef`), is one of the verbs free, release, close, destroy, dispose, unref, drop,
 *    delete, remove, unlock, cleanup, teardown, shutdown, end — or when its last word, or its last
 *    two run together, is one of them or put (`sock_release`, `fileClose`, `kref_put`). `put` does
 *    not count first (`putItem` stores), nor `end` last (`getEnd` reads).
 * 3. The kernel's short names count as a word: one or two letters before free (`kfree`, `vfree`,
 *    `kvfree`, `kfree_skb`), one before put (`fput`, `iput`, `dput`; `input` does not count).
 *
 * Whole words only: `freeze`, `closest`, `isClosed`, `endpoint`, `output` do not count.
 */

const FIRST_VERBS: ReadonlySet<string> = new Set([
  'free',
  'release',
  'close',
  'destroy',
  'dispose',
  'unref',
  'drop',
  'delete',
  'remove',
  'unlock',
  'cleanup',
  'teardown',
  'shutdown',
  'end',
]);
const LAST_VERBS: ReadonlySet<string> = new Set([...FIRST_VERBS, 'put'].filter((verb) => verb !== 'end'));
const KERNEL_FREE = /^[a-z]{1,2}free$/;
const KERNEL_PUT = /^[a-z]put$/;

/**
 * Splits a name into lowercase words.
 *
 * @param name - an identifier (`closeFile`, `kmem_cache_free`, `#release`)
 * @returns its words, lowercase
 */
function nameWords(name: string): string[] {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase());
}

function verbOf(word: string, verbs: ReadonlySet<string>): string | undefined {
  if (verbs.has(word)) return word;
  if (KERNEL_FREE.test(word)) return 'free';
  if (verbs.has('put') && KERNEL_PUT.test(word)) return 'put';
  return undefined;
}

/**
 * Tells whether a function's name says that it releases something, and by which word.
 *
 * @param name - a method or function name
 * @returns the release verb it uses (`close`, `free`…), or `undefined`
 */
export function releaseWordOf(name: string): string | undefined {
  const words = nameWords(name);
  const n = words.length;
  if (n === 0) return undefined;
  return (
    verbOf(words[0], FIRST_VERBS) ??
    (n > 1 ? verbOf(`${words[0]}${words[1]}`, FIRST_VERBS) : undefined) ??
    verbOf(words[n - 1], LAST_VERBS) ??
    (n > 1 ? verbOf(`${words[n - 2]}${words[n - 1]}`, LAST_VERBS) : undefined)
  );
}
