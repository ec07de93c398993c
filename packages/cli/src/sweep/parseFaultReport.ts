import type { CrashRecord, FaultRecord } from './CommandSweepReport';

/** The records of one run's report file. */
export interface FaultReport {
  readonly faults: readonly FaultRecord[];
  readonly crashes: readonly CrashRecord[];
  /** The functions the run's processes marked error-injectable (listed as each marked them), each once, in the order first seen. */
  readonly marked: readonly string[];
  /**
   * How many threads (processes and their workers) said they loaded the core (`loaded` records). A
   * core that predates the record writes none: see {@link FaultReport.coreLoaded}.
   */
  readonly loaded: number;
  /** True when any record shows that a process loaded the core: a `loaded` record, or any other of the core's. */
  readonly coreLoaded: boolean;
  /** The functions armed as the threads exited (`exit` records), each once, in the order first seen. */
  readonly armed: readonly string[];
  /** True when a thread exited with `fail_function/inject=*` on. */
  readonly armAll: boolean;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Adds the strings of a list to a set, skipping what is not a non-empty string. */
function addNames(names: Set<string>, list: unknown[], nameOf: (entry: unknown) => unknown): void {
  for (const entry of list) {
    const name = nameOf(entry);
    if (typeof name === 'string' && name !== '') names.add(name);
  }
}

/**
 * Parses the contents of an `ERRINJECT_REPORT` file: one JSON object per line, `event` `fault`,
 * `crash`, `marked`, `loaded` or `exit`. Lines that are not such records (a process killed halfway
 * through a write, a newer core's events) are skipped.
 *
 * @param text - the file's contents
 * @returns its faults and crashes, in file order, the functions marked and armed, and whether the
 *   core was loaded
 */
export function parseFaultReport(text: string): FaultReport {
  const faults: FaultRecord[] = [];
  const crashes: CrashRecord[] = [];
  const marked = new Set<string>();
  const armed = new Set<string>();
  let loaded = 0;
  let armAll = false;
  let coreLoaded = false;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof record !== 'object' || record === null) continue;
    const r = record as Record<string, unknown>;
    const pid = typeof r['pid'] === 'number' ? r['pid'] : 0;
    if (['fault', 'crash', 'marked', 'loaded', 'exit'].includes(r['event'] as string)) coreLoaded = true;
    if (r['event'] === 'fault' && typeof r['capability'] === 'string') {
      faults.push({ event: 'fault', pid, capability: r['capability'], function: stringOrNull(r['function']), site: stringOrNull(r['site']) });
    } else if (r['event'] === 'crash') {
      crashes.push({
        event: 'crash',
        pid,
        origin: r['origin'] === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException',
        message: typeof r['message'] === 'string' ? r['message'] : '',
        stack: typeof r['stack'] === 'string' ? r['stack'] : '',
      });
    } else if (r['event'] === 'marked' && Array.isArray(r['functions'])) {
      addNames(marked, r['functions'], (entry) => (typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['name'] : undefined));
    } else if (r['event'] === 'loaded') {
      loaded++;
    } else if (r['event'] === 'exit') {
      if (Array.isArray(r['armed'])) addNames(armed, r['armed'], (entry) => entry);
      if (r['armAll'] === true) armAll = true;
    }
  }
  return { faults, crashes, marked: [...marked], loaded, coreLoaded, armed: [...armed], armAll };
}
