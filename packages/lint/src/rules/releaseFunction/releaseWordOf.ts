/**
 * The rule by which a name says that its function releases something: a release word must be the
 * verb of the name, not any of its words (`dropPoint` computes where a drop lands).
 *
 * 1. The name is split into words at camelCase humps, underscores, dashes, dots and digits
 *    (`closeFile` → close, file; `kmem_cache_free` → kmem, cache, free; `HTTPServerClose` → http,
 *    server, close). Leading `_`, `$` and `#` are not words.
 * 2. The verb is the first word, after the modifiers do, try, async, sync, force, safe, safely and
 *    maybe (`_dispose`, `doClose`, `tryRelease`, `asyncDispose`, `forceClose`). The name releases
 *    when its verb is one of free, release, close, destroy, dispose, unref, drop, delete, remove,
 *    unlock, cleanup, teardown, shutdown, end, or two words that run together into one
 *    (`cleanUp`, `tearDown`, `shutDown`, `unRef`).
 * 3. Some of these words are nouns or adjectives as often as verbs (drop, free, close, end,
 *    release, cleanup, shutdown, teardown): followed by a noun that names a place, a time, an
 *    amount or a part of the release rather than its object, the name is a noun phrase and does
 *    not release — point, pos, position, location, loc, coords, target, zone, area, effect,
 *    offset, time, date, timeout, delay, count, size, space, bytes, code, reason, status, notes,
 *    version, x, y, rect, width, height, handler, callback, event, hook, button, tag, label, down,
 *    singular or plural (`dropPoint`, `dropTarget`, `endTime`, `freeSpace`, `closeCode`,
 *    `releaseDate`, `shutdownTimeout`, `closeHandler`, `dropDown`), or by a preposition: of, to,
 *    at, in, from (`endOfTextblock`, `closeTo`). `end` alone does not release either: it reads
 *    the end of a range or position far more often (`ResolvedPos.end(depth)`) than it ends a
 *    stream; with an object it does (`endSession`). Nouns that are as often the
 *    verb's object are not among them (`dropIndex`, `dropColumn`, `freeMemory`, `closeCursor`
 *    release), and the other verbs are verbs whatever follows (`destroyTarget`, `disposeEffect`).
 * 4. In a name written with separators (`sock_release`, `kref_put`, `kmem_cache_free`), the
 *    kernel's style puts the object first and the verb last, so the last word (or the last two
 *    run together) counts too, and so does put (`kref_put`, `dev_put`) — unless the first word
 *    says the function is about the release rather than doing it: on, handle, before, after, pre,
 *    post, is, has, can, should, will, did, was, get, set, emit, when, wait, schedule, cancel,
 *    prevent (`on_close`, `handle_release`). `end` does not count last (`range_end` and
 *    `session-end` read a bound). A camelCase name leads with its verb: its last word does not
 *    count (`onClose`, `handleClose`, `requestClose`, and so `fileClose` too).
 * 5. `put` never counts first: `put(key, value)` stores, as a map, IndexedDB and HTTP say it.
 * 6. The kernel's short names count as the verb: one or two letters before free (`kfree`,
 *    `vfree`, `kvfree`, `kfree_skb`), one before put (`fput`, `iput`, `dput`; `input` does not
 *    count).
 *
 * Whole words only: `freeze`, `closest`, `isClosed`, `endpoint`, `output` do not count, nor a verb
 * after another word in camelCase (`getReleaseDate`, `onDispose`, `closestNode`).
 */

const VERBS: ReadonlySet<string> = new Set([
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
const LAST_VERBS: ReadonlySet<string> = new Set([...VERBS, 'put'].filter((verb) => verb !== 'end'));
const MODIFIERS: ReadonlySet<string> = new Set(['do', 'try', 'async', 'sync', 'force', 'safe', 'safely', 'maybe']);
const AMBIGUOUS: ReadonlySet<string> = new Set(['drop', 'free', 'close', 'end', 'release', 'cleanup', 'shutdown', 'teardown']);
const NOUN_HEADS: ReadonlySet<string> = new Set([
  'point',
  'pos',
  'position',
  'location',
  'loc',
  'coords',
  'target',
  'zone',
  'area',
  'effect',
  'offset',
  'time',
  'date',
  'timeout',
  'delay',
  'count',
  'size',
  'space',
  'bytes',
  'code',
  'reason',
  'status',
  'notes',
  'version',
  'x',
  'y',
  'rect',
  'width',
  'height',
  'handler',
  'callback',
  'event',
  'hook',
  'button',
  'tag',
  'label',
  'down',
  'of',
  'to',
  'at',
  'in',
  'from',
]);
const NOT_DOING: ReadonlySet<string> = new Set([
  'on',
  'handle',
  'before',
  'after',
  'pre',
  'post',
  'is',
  'has',
  'can',
  'should',
  'will',
  'did',
  'was',
  'get',
  'set',
  'emit',
  'when',
  'wait',
  'schedule',
  'cancel',
  'prevent',
]);
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

function verbOf(word: string | undefined, verbs: ReadonlySet<string>): string | undefined {
  if (word === undefined) return undefined;
  if (verbs.has(word)) return word;
  if (KERNEL_FREE.test(word)) return 'free';
  if (KERNEL_PUT.test(word)) return 'put';
  return undefined;
}

function isIn(words: ReadonlySet<string>, word: string | undefined): boolean {
  return word !== undefined && (words.has(word) || (word.endsWith('s') && words.has(word.slice(0, -1))));
}

/** Whether the verb at the start of a name's words releases, given the words after it. */
function releases(verb: string, rest: readonly string[]): boolean {
  if (verb === 'end' && rest.length === 0) return false;
  if (AMBIGUOUS.has(verb)) return !isIn(NOUN_HEADS, rest[0]);
  return true;
}

/** The verb at the start of a name's words, and how many words it takes (one, or two run together). */
function leadingVerb(words: readonly string[]): { verb: string; length: number } | undefined {
  const one = verbOf(words[0], VERBS);
  if (one !== undefined) return { verb: one, length: 1 };
  const two = words.length > 1 ? verbOf(`${words[0]}${words[1]}`, VERBS) : undefined;
  return two === undefined ? undefined : { verb: two, length: 2 };
}

function trailingVerb(words: readonly string[]): string | undefined {
  const n = words.length;
  if (n < 2 || NOT_DOING.has(words[0])) return undefined;
  return verbOf(words[n - 1], LAST_VERBS) ?? (n > 2 ? verbOf(`${words[n - 2]}${words[n - 1]}`, LAST_VERBS) : undefined);
}

/**
 * Tells whether a function's name says that it releases something, and by which word: its verb
 * (see the rule above).
 *
 * @param name - a method or function name
 * @returns the release verb it uses (`close`, `free`…), or `undefined`
 */
export function releaseWordOf(name: string): string | undefined {
  const all = nameWords(name);
  let start = 0;
  while (start < all.length - 1 && MODIFIERS.has(all[start])) start += 1;
  const words = all.slice(start);
  const leading = leadingVerb(words);
  if (leading !== undefined && releases(leading.verb, words.slice(leading.length))) return leading.verb;
  return /[a-z0-9][_\-.][a-z0-9]/i.test(name) ? trailingVerb(words) : undefined;
}
