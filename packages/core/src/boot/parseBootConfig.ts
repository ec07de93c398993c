import type { TreeName } from '../control/tree';
import { SHOWN_CHARACTERS, showPath, showValue } from '../errors/ErrInjectError';

/**
 * The `ERRINJECT` environment variable: entries separated by spaces or `;`, each one of
 *
 * - `<cap>=<interval>,<probability>,<space>,<times>`: the kernel's boot option (`setup_fault_attr` in
 *   `lib/fault-inject.c`);
 * - `<path>=<value>`: a write to the control tree, `self/...` (or `/proc/self/...`) to procfs and
 *   anything else to debugfs (`fail_function/inject=Store.open`);
 * - `off`: the production switch.
 *
 * Parsing is pure; applying is `applyBootConfig`.
 */

/** Where an entry stands in the variable, for reports. */
export interface BootPosition {
  /** 1-based number of the entry. */
  readonly index: number;
  /** 1-based column of its first character. */
  readonly column: number;
  /** The entry as written. */
  readonly text: string;
}

/** A boot option: the four numbers of a capability. */
export interface BootAttrEntry extends BootPosition {
  readonly kind: 'attr';
  readonly capability: string;
  readonly interval: bigint;
  readonly probability: bigint;
  readonly space: number;
  readonly times: number;
}

/** A write to the control tree. */
export interface BootPathEntry extends BootPosition {
  readonly kind: 'path';
  readonly tree: TreeName;
  readonly path: string;
  readonly value: string;
}

/** The production switch. */
export interface BootOffEntry extends BootPosition {
  readonly kind: 'off';
}

/** One well-formed entry. */
export type BootEntry = BootAttrEntry | BootPathEntry | BootOffEntry;

/** A malformed entry, reported and skipped. */
export interface BootProblem extends BootPosition {
  readonly message: string;
}

/** What a variable holds. */
export interface BootConfig {
  readonly entries: readonly BootEntry[];
  readonly problems: readonly BootProblem[];
}

const U64 = 1n << 64n;
const BOOT_FORM = '<interval>,<probability>,<space>,<times> (four decimal numbers; interval and probability unsigned)';
const FIELDS = ['interval', 'probability', 'space', 'times'] as const;

/**
 * The kernel's `sscanf(str, "%lu,%lu,%d,%d", ...)`: decimal only, unsigned fields refuse a `-`, signed
 * ones take it, values wrap as C stores them, and anything after the fourth number is ignored. (sscanf
 * also skips whitespace before each number; an entry of `ERRINJECT` never holds any.)
 *
 * @param text - what follows `<cap>=`
 * @returns the four values, or how many fields converted and where it stopped
 */
export function scanBootOption(
  text: string,
): { ok: true; values: [bigint, bigint, number, number] } | { ok: false; converted: number; at: number } {
  const values: bigint[] = [];
  let i = 0;
  for (let field = 0; field < 4; field++) {
    if (field > 0) {
      if (text[i] !== ',') return { ok: false, converted: field, at: i };
      i++;
    }
    const signed = field >= 2;
    let negative = false;
    if (signed && text[i] === '-') {
      negative = true;
      i++;
    }
    const start = i;
    let value = 0n;
    while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) {
      value = (value * 10n + BigInt(text.charCodeAt(i) - 0x30)) % U64;
      i++;
    }
    if (i === start) return { ok: false, converted: field, at: negative ? start - 1 : start };
    values.push(negative ? (U64 - value) % U64 : value);
  }
  const [interval, probability, space, times] = values as [bigint, bigint, bigint, bigint];
  return { ok: true, values: [interval, probability, Number(BigInt.asIntN(32, space)), Number(BigInt.asIntN(32, times))] };
}

function classifyPath(key: string): { tree: TreeName; path: string } {
  if (key.startsWith('/proc/')) return { tree: 'procfs', path: key.slice('/proc/'.length) };
  if (key.startsWith('self/')) return { tree: 'procfs', path: key };
  return { tree: 'debugfs', path: key };
}

/**
 * Parses the `ERRINJECT` variable.
 *
 * @param text - the variable's value
 * @returns its well-formed entries in order, and its malformed ones with what is wrong
 */
export function parseBootConfig(text: string): BootConfig {
  const entries: BootEntry[] = [];
  const problems: BootProblem[] = [];
  const token = /[^\s;]+/g;
  let index = 0;
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    const position = { index: ++index, column: match.index + 1, text: match[0] };
    const entry = match[0];
    if (entry === 'off') {
      entries.push({ kind: 'off', ...position });
      continue;
    }
    const eq = entry.indexOf('=');
    if (eq <= 0) {
      problems.push({
        ...position,
        message: `expected <capability>=${BOOT_FORM}, <path>=<value> or off`,
      });
      continue;
    }
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (key.includes('/')) {
      if (key.split('/').some((name) => name === '.' || name === '..')) {
        problems.push({
          ...position,
          message: `the path ${showValue(key)} has a '.' or '..' component, which the control tree does not have: name the file itself (fail_function/probability)`,
        });
        continue;
      }
      entries.push({ kind: 'path', ...position, ...classifyPath(key), value });
      continue;
    }
    const scanned = scanBootOption(value);
    if (!scanned.ok) {
      problems.push({
        ...position,
        message:
          `expected ${showPath(key, SHOWN_CHARACTERS)}=${BOOT_FORM}; read ${scanned.converted} of 4 numbers, then ` +
          (scanned.at >= value.length
            ? `the ${FIELDS[scanned.converted]} field is missing`
            : `stopped at ${JSON.stringify(value[scanned.at])} (column ${position.column + eq + 1 + scanned.at})`),
      });
      continue;
    }
    const [interval, probability, space, times] = scanned.values;
    entries.push({ kind: 'attr', ...position, capability: key, interval, probability, space, times });
  }
  return { entries, problems };
}
