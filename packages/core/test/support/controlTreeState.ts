import { debugfs, procfs, type ControlTree } from '../../src/index';
import { state } from '../../src/state/sharedState';

/**
 * Everything a write to the control tree could change, observed from outside: every file of debugfs
 * and procfs that `list()` reaches, read; the methods the caller watches (which function is on each
 * class, with its descriptor); and what the tree cannot show, from the shared state (whether
 * `fail_function/inject=*` is on, the names it leaves out, the boot entries waiting, the production
 * switch). Two observations compare key by key, so that a failure names what changed.
 *
 * The whole tree of the test process holds every capability every test file declared (some 20,000
 * files by the end of the suite, about 0.2 s to read): a property observes the directories its
 * writes can reach around each write, and the whole tree before and after all its runs.
 */

/** A watched method: the object that holds it (a prototype or a class) and its key. */
export interface WatchedMethod {
  /** What to call it in a difference. */
  readonly label: string;
  readonly holder: object;
  readonly key: string | symbol;
}

/** One observation: a value per key (`debugfs:fail_function/times`, `method:Store.open`, ...). */
export type ControlTreeState = ReadonlyMap<string, unknown>;

/** Functions are compared by identity: each gets a number the first time it is seen. */
const functionIds = new WeakMap<object, number>();
let nextFunctionId = 0;

function identity(value: unknown): unknown {
  if (typeof value !== 'function') return value;
  let id = functionIds.get(value);
  if (id === undefined) {
    id = ++nextFunctionId;
    functionIds.set(value, id);
  }
  return `function #${id} ${(value as { name?: unknown }).name as string}`;
}

function walk(tree: ControlTree, prefix: string, dir: string, into: Map<string, unknown>): void {
  for (const name of tree.list(dir)) {
    const path = dir === '' ? name : `${dir}/${name}`;
    if (tree.stat(path) === 'dir') walk(tree, prefix, path, into);
    else into.set(`${prefix}:${path}`, tree.read(path));
  }
}

/** What to observe besides the state the tree does not show. */
export interface ObserveOptions {
  /** Methods whose property on their holder must be compared (identity and descriptor). */
  readonly methods?: readonly WatchedMethod[];
  /** The debugfs directories to read, with all they hold; the whole of debugfs when absent. procfs is always read whole. */
  readonly debugfsDirs?: readonly string[];
}

/**
 * Observes the control tree (all of it, or the given directories of debugfs), the watched methods
 * and the state the tree does not show. Run it in the task whose procfs `self/` should be read.
 *
 * @param options - which methods and which directories
 * @returns the observation
 */
export function observeControlTree(options: ObserveOptions = {}): ControlTreeState {
  const { methods = [], debugfsDirs } = options;
  const values = new Map<string, unknown>();
  if (debugfsDirs === undefined) walk(debugfs, 'debugfs', '', values);
  else for (const dir of debugfsDirs) if (debugfs.stat(dir) === 'dir') walk(debugfs, 'debugfs', dir, values);
  walk(procfs, 'procfs', '', values);
  for (const { label, holder, key } of methods) {
    const descriptor = Object.getOwnPropertyDescriptor(holder, key);
    values.set(
      `method:${label}`,
      descriptor === undefined
        ? 'absent'
        : `${String(identity(descriptor.value))} writable=${String(descriptor.writable)} enumerable=${String(descriptor.enumerable)} configurable=${String(descriptor.configurable)}`,
    );
  }
  const armAll = state.armAll;
  values.set('hidden:inject=*', armAll === undefined ? 'off' : `on, leaving out ${JSON.stringify([...armAll.excluded].sort())}`);
  values.set('hidden:armed', state.armed.map((entry) => `${entry.name}:${entry.armed}:${entry.retval}`).join('\n'));
  values.set('hidden:pending boot entries', state.pendingBoot.length);
  values.set('hidden:off', state.off);
  return values;
}

/** A value cut for a message. */
function shorten(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * What differs between two observations.
 *
 * @param before - the earlier observation
 * @param after - the later one
 * @param limit - how many differences to describe at most
 * @param ignore - keys not to compare (`debugfs:<dir>/...` of a directory the runs may change)
 * @returns one line per difference (`key: before -> after`), empty when they are the same
 */
export function controlTreeChanges(before: ControlTreeState, after: ControlTreeState, limit = 12, ignore: (key: string) => boolean = () => false): string[] {
  const changes: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (ignore(key)) continue;
    const a = before.has(key) ? before.get(key) : '(absent)';
    const b = after.has(key) ? after.get(key) : '(absent)';
    if (a !== b) changes.push(`${key}: ${shorten(a)} -> ${shorten(b)}`);
  }
  return changes.length > limit ? [...changes.slice(0, limit), `... and ${changes.length - limit} more`] : changes;
}

/**
 * How many files an observation read (debugfs and procfs).
 *
 * @param observation - what {@link observeControlTree} returned
 */
export function countFiles(observation: ControlTreeState): number {
  let files = 0;
  for (const key of observation.keys()) if (key.startsWith('debugfs:') || key.startsWith('procfs:')) files++;
  return files;
}

/**
 * Asserts that the whole tree reads as it did, apart from what `ignore` names: for a block of
 * properties, observed once after its setup and again before its teardown.
 *
 * @param initial - the whole observation taken after the block's setup
 * @param ignore - keys the block may change for good (its own capabilities)
 */
export function expectWholeTreeKept(initial: ControlTreeState, ignore: (key: string) => boolean = () => false): void {
  const changes = controlTreeChanges(initial, observeControlTree(), 12, ignore);
  if (changes.length > 0) throw new Error(`the control tree changed outside what the tests may change:\n${changes.join('\n')}`);
}
