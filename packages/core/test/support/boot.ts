import { applyBootConfig, pendingBootEntries } from '../../src/index';

/**
 * Applies a boot configuration and collects what it reports, without printing it.
 *
 * @param text - the configuration (the `ERRINJECT` syntax)
 * @returns the report lines; the array grows as entries that waited apply later
 */
export function applyCollecting(text: string): string[] {
  const lines: string[] = [];
  applyBootConfig(text, (line) => {
    lines.push(line);
  });
  return lines;
}

/**
 * Whether a boot entry of exactly this text still waits for its capability or function.
 *
 * @param text - the entry as written
 */
export function isPendingEntry(text: string): boolean {
  return pendingBootEntries().some((entry) => entry.text === text);
}
