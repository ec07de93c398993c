import { setInterval, setProbability, setSpace, setTimes } from '../attr/knobSetters';
import { debugfs } from '../control/debugfs';
import { procfs } from '../control/procfs';
import { strstrip } from '../control/kstrtox';
import { nameList, splitPath } from '../control/tree';
import { isErrInjectError, showPath, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import type { BootEntry, BootPosition } from './parseBootConfig';

/** Where boot-configuration problems are reported: one line each, without the trailing newline. */
export type BootReporter = (line: string) => void;

/** An entry that waits for its capability or path to appear, with where to report its fate. */
export interface PendingBootEntry {
  readonly entry: Exclude<BootEntry, { kind: 'off' }>;
  readonly report: BootReporter;
  /** Its place among every boot entry of the process, in the order they were queued. */
  readonly seq: number;
}

/** How much of an entry its report line quotes. */
const SHOWN_ENTRY_CHARACTERS = 120;

/** How much of an unforeseen error's message a report line shows. */
const SHOWN_MESSAGE_CHARACTERS = 300;

/**
 * The report line of an entry that applies nothing.
 *
 * @param position - the entry
 * @param message - what is wrong with it
 * @returns one line naming the entry, its number and its column
 */
export function describeBootEntry(position: BootPosition, message: string): string {
  return `errinject: ERRINJECT entry ${position.index} at column ${position.column} (${showValue(position.text, SHOWN_ENTRY_CHARACTERS)}): ${message}; nothing of this entry was applied`;
}

/**
 * The value of a `fail_function/inject=<value>` entry, stripped as `inject` strips it.
 *
 * @returns the value, or `undefined` for any other entry
 */
function injectValue(entry: PendingBootEntry['entry']): string | undefined {
  if (entry.kind !== 'path' || entry.tree !== 'debugfs' || splitPath('debugfs', entry.path).join('/') !== 'fail_function/inject') return undefined;
  return strstrip(entry.value);
}

/**
 * The function a `fail_function/inject=<name>` entry waits for: functions are marked as their
 * modules load, after the core has read the boot configuration.
 *
 * @param entry - a path entry
 * @returns the name it arms while no function of that name is marked, otherwise `undefined`
 */
function awaitedInjectable(entry: PendingBootEntry['entry']): string | undefined {
  let name: string | undefined;
  try {
    name = injectValue(entry);
  } catch {
    return undefined; // a path the tree refuses outright
  }
  return name === undefined || name === '' || name === '*' || name.startsWith('!') || state.injectables.has(name) ? undefined : name;
}

/**
 * Whether a boot entry written after `fail_function/inject=*` (after every entry, while `*` is off)
 * waits for a function of this name to be marked: such an entry, and those after it for the name,
 * decide for the function, and `*` leaves it to them.
 *
 * @param name - an injectable's name
 * @returns true when a `fail_function/inject=<name>` entry written after `*` is waiting for it
 */
export function bootAwaitsInjectable(name: string): boolean {
  const since = state.armAll?.since ?? Number.NEGATIVE_INFINITY;
  return state.pendingBoot.some(({ entry, seq }) => seq > since && awaitedInjectable(entry) === name);
}

/** Applies an entry if its target exists; false when it must wait. */
function tryApply({ entry, report, seq }: PendingBootEntry): boolean {
  if (entry.kind === 'attr') {
    const attr = state.attrs.get(entry.capability);
    if (attr === undefined) return false;
    if (state.off) {
      report(describeBootEntry(entry, 'refused (EPERM): fault injection is switched off in this process (ERRINJECT=off)'));
      return true;
    }
    // setup_fault_attr sets these four only; verbose, task-filter and the rest keep their values.
    setProbability(attr, entry.probability);
    setInterval(attr, entry.interval);
    setTimes(attr, entry.times);
    setSpace(attr, entry.space);
    return true;
  }
  const tree = entry.tree === 'debugfs' ? debugfs : procfs;
  if (awaitedInjectable(entry) !== undefined) return false;
  if (tree.stat(entry.path) === undefined) {
    // Directories appear later (a capability declared, a function armed) with their files in them.
    // A name missing from a directory that exists, or a file used as a directory, will not mend.
    const names = splitPath(entry.tree, entry.path);
    for (let i = names.length - 1; i > 0; i--) {
      const prefix = names.slice(0, i).join('/');
      const kind = tree.stat(prefix);
      if (kind === 'file') {
        report(describeBootEntry(entry, `refused (ENOTDIR): ${entry.tree} ${prefix} is a file, not a directory`));
        return true;
      }
      if (kind === 'dir') {
        if (i < names.length - 1) return false;
        report(
          describeBootEntry(entry, `refused (ENOENT): ${entry.tree} ${showPath(prefix)}/ has no ${showPath(names[i] as string)}; it holds ${nameList(tree.list(prefix))}`),
        );
        return true;
      }
    }
    return false;
  }
  const value = injectValue(entry);
  const excludes = value !== undefined && value.startsWith('!') && value !== '!*' && state.armAll !== undefined && !state.injectables.has(value.slice(1));
  try {
    tree.write(entry.path, entry.value);
  } catch (error) {
    if (!isErrInjectError(error)) throw error;
    report(describeBootEntry(entry, error.message.includes(error.code) ? `refused: ${error.message}` : `refused (${error.code}): ${error.message}`));
    return true;
  }
  if (value === '*' && state.armAll !== undefined) state.armAll.since = seq;
  if (excludes) {
    // `!name` under `*` for a function not marked yet: said at exit should none ever be marked.
    state.bootExclusions.push({ entry, report, seq });
    installExitReport();
  }
  return true;
}

/**
 * Applies an entry if its target exists, as {@link tryApply}, and never throws: loading the core must
 * not fail for anything a boot entry holds. An error nothing foresaw is reported as the entry's
 * refusal, and the entry is dropped.
 *
 * @returns false when the entry must wait
 */
function applies(item: PendingBootEntry): boolean {
  try {
    return tryApply(item);
  } catch (error) {
    const code = isErrInjectError(error) ? error.code : ((error as { code?: unknown } | null)?.code ?? 'EIO');
    const message = error instanceof Error ? error.message : String(error);
    item.report(describeBootEntry(item.entry, `refused (${String(code)}): ${showPath(message, SHOWN_MESSAGE_CHARACTERS)}`));
    return true;
  }
}

/**
 * What an entry must keep its order with: a later entry waits while an earlier one of the same
 * target waits, so `inject=Store.open inject=!Store.open` never disarms before it arms.
 *
 * @param entry - a queued entry
 * @returns `inject:<name>` for fail_function/inject (`inject:` for the empty write that disarms all,
 * `inject:*` for `*` and `!*`), `<tree>:<path>` for other paths, `attr:<cap>` for boot options
 */
function orderKey(entry: PendingBootEntry['entry']): string {
  if (entry.kind === 'attr') return `attr:${entry.capability}`;
  const path = splitPath(entry.tree, entry.path).join('/');
  if (entry.tree === 'debugfs' && path === 'fail_function/inject') {
    const name = strstrip(entry.value);
    // A bare `!` names nothing (ENOENT at once): it must not wait, nor hold back the entries after it
    // as the empty write does.
    if (name === '!') return '';
    return `inject:${name.startsWith('!') ? name.slice(1) : name}`;
  }
  return `${entry.tree}:${path}`;
}

let retrying = false;

/**
 * Applies the boot entries whose capability or path has appeared since they were read, in the
 * order they were written for each target. Called whenever the tree grows.
 */
export function retryPendingBoot(): void {
  if (retrying || state.pendingBoot.length === 0) return;
  retrying = true;
  try {
    const pending = state.pendingBoot.splice(0);
    const waiting = new Set<string>();
    for (const item of pending) {
      let key: string;
      try {
        key = orderKey(item.entry);
      } catch {
        // A path the tree refuses outright: tryApply reports it.
        key = '';
      }
      // The empty inject write disarms every function armed before it, so it waits for them all,
      // and every inject entry after it waits for it.
      const behind =
        waiting.has(key) ||
        (key.startsWith('inject:') && waiting.has('inject:')) ||
        (key === 'inject:' && [...waiting].some((k) => k.startsWith('inject:')));
      if (behind || !applies(item)) {
        state.pendingBoot.push(item);
        if (key !== '') waiting.add(key);
      }
    }
  } finally {
    retrying = false;
  }
}

/**
 * Queues entries and applies those whose target exists.
 *
 * @param entries - well-formed entries, `off` excluded
 * @param report - where their problems go
 */
export function queueBootEntries(entries: ReadonlyArray<PendingBootEntry['entry']>, report: BootReporter): void {
  for (const entry of entries) state.pendingBoot.push({ entry, report, seq: ++state.bootSequence });
  retryPendingBoot();
  if (state.pendingBoot.length > 0) installExitReport();
}

/**
 * Reports, when the process ends, what the boot configuration named and never found: an entry still
 * waiting named something that never appeared (a typo in a capability name, most likely), and a
 * `!name` under `fail_function/inject=*` named a function never marked. Say so rather than let it
 * pass in silence.
 */
function installExitReport(): void {
  if (state.exitReportInstalled) return;
  state.exitReportInstalled = true;
  process.once('exit', () => {
    for (const { entry, report } of state.pendingBoot.splice(0)) {
      const awaited = awaitedInjectable(entry);
      const what =
        entry.kind === 'attr'
          ? `no capability named ${showValue(entry.capability)} was declared`
          : awaited !== undefined
            ? `no error-injectable function named ${showValue(awaited)} was marked`
            : `${entry.tree} ${showPath(entry.path)} never appeared`;
      report(describeBootEntry(entry, `never applied: ${what}`));
    }
    for (const { entry, report } of state.bootExclusions.splice(0)) {
      const name = (injectValue(entry) as string).slice(1);
      if (state.injectables.has(name)) continue;
      report(describeBootEntry(entry, `never applied: no error-injectable function named ${showValue(name)} was marked for inject=* to leave out`));
    }
  });
}

/**
 * The boot entries still waiting for their capability or path.
 *
 * @returns each waiting entry as written, with its position
 */
export function pendingBootEntries(): BootPosition[] {
  return state.pendingBoot.map(({ entry }) => ({ index: entry.index, column: entry.column, text: entry.text }));
}
