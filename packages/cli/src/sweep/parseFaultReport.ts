import type { CrashRecord, FaultRecord } from './CommandSweepReport';

/** The records of one run's report file. */
export interface FaultReport {
  readonly faults: readonly FaultRecord[];
  readonly crashes: readonly CrashRecord[];
  /** The functions the run's processes marked error-injectable (listed as each marked them), each once, in the order first seen. */
  readonly marked: readonly string[];
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Parses the contents of an `ERRINJECT_REPORT` file: one JSON object per line, `event` `fault`,
 * `crash` or `marked`. Lines that are not such records (a process killed halfway through a write, a newer core's
 * events) are skipped.
 *
 * @param text - the file's contents
 * @returns its faults and crashes, in file order, and the functions marked
 */
export function parseFaultReport(text: string): FaultReport {
  const faults: FaultRecord[] = [];
  const crashes: CrashRecord[] = [];
  const marked = new Set<string>();
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
      for (const entry of r['functions'] as unknown[]) {
        const name = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['name'] : undefined;
        if (typeof name === 'string' && name !== '') marked.add(name);
      }
    }
  }
  return { faults, crashes, marked: [...marked] };
}
