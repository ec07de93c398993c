import { refreshAllGates } from '../attr/gate';
import { setInterval, setProbability, setSpace, setTimes } from '../attr/knobs';
import { debugfs } from '../control/debugfs';
import { procfs } from '../control/procfs';
import { isErrInjectError } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { type BootEntry, type BootPosition, parseBootConfig } from './parseBootConfig';

/** Where boot-configuration problems are reported: one line each, without the trailing newline. */
export type BootReporter = (line: string) => void;

/** An entry that waits for its capability or path to appear, with where to report its fate. */
export interface PendingBootEntry {
  readonly entry: Exclude<BootEntry, { kind: 'off' }>;
  readonly report: BootReporter;
}

const toStderr: BootReporter = (line) => {
  process.stderr.write(`${line}\n`);
};

function describe(position: BootPosition, message: string): string {
  return `errinject: ERRINJECT entry ${position.index} at column ${position.column} (${JSON.stringify(position.text)}): ${message}; nothing of this entry was applied`;
}

/** Applies an entry if its target exists; false when it must wait. */
function tryApply({ entry, report }: PendingBootEntry): boolean {
  if (entry.kind === 'attr') {
    const attr = state.attrs.get(entry.capability);
    if (attr === undefined) return false;
    if (state.off) {
      report(describe(entry, 'refused (EPERM): fault injection is switched off in this process (ERRINJECT=off)'));
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
  if (tree.stat(entry.path) === undefined) {
    // Directories appear later (a capability declared, a function armed) with their files in them;
    // a file missing from a directory that exists will not appear: most likely a typo.
    const names = entry.path.split('/').filter((name) => name !== '');
    const parent = names.slice(0, -1).join('/');
    if (names.length < 2 || tree.stat(parent) !== 'dir') return false;
    report(describe(entry, `refused (ENOENT): ${entry.tree} ${parent}/ has no ${names[names.length - 1]}; it holds ${tree.list(parent).join(', ')}`));
    return true;
  }
  try {
    tree.write(entry.path, entry.value);
  } catch (error) {
    if (!isErrInjectError(error)) throw error;
    report(describe(entry, `refused (${error.code}): ${error.message}`));
  }
  return true;
}

let retrying = false;

/**
 * Applies the boot entries whose capability or path has appeared since they were read. Called
 * whenever the tree grows.
 */
export function retryPendingBoot(): void {
  if (retrying || state.pendingBoot.length === 0) return;
  retrying = true;
  try {
    const pending = state.pendingBoot.splice(0);
    for (const item of pending) {
      if (!tryApply(item)) state.pendingBoot.push(item);
    }
  } finally {
    retrying = false;
  }
}

/**
 * Applies a boot configuration (the `ERRINJECT` syntax). Malformed entries are reported with their
 * position and skip; an entry whose capability or path does not exist yet waits for it (a capability
 * declared later, a function marked injectable later) and applies when it appears. `off` applies
 * first, wherever it stands.
 *
 * @param text - the configuration
 * @param report - where problems go; stderr by default
 */
export function applyBootConfig(text: string, report: BootReporter = toStderr): void {
  const { entries, problems } = parseBootConfig(text);
  for (const problem of problems) report(describe(problem, problem.message));
  if (entries.some((entry) => entry.kind === 'off')) {
    state.off = true;
    refreshAllGates();
  }
  for (const entry of entries) {
    if (entry.kind !== 'off') state.pendingBoot.push({ entry, report });
  }
  retryPendingBoot();
}

/**
 * The boot entries still waiting for their capability or path.
 *
 * @returns each waiting entry as written, with its position
 */
export function pendingBootEntries(): BootPosition[] {
  return state.pendingBoot.map(({ entry }) => ({ index: entry.index, column: entry.column, text: entry.text }));
}
