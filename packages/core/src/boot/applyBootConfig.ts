import { refreshAllGates } from '../attr/refreshGate';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { parseBootConfig } from './parseBootConfig';
import { type BootReporter, describeBootEntry, queueBootEntries } from './pendingBoot';

const toStderr: BootReporter = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * The most lines one boot configuration reports, so that a variable of thousands of bad entries
 * cannot flood stderr; past it, one more line says that the rest go unreported.
 */
export const MAX_BOOT_REPORT_LINES = 50;

/**
 * Bounds what a configuration reports: its first {@link MAX_BOOT_REPORT_LINES} lines, then one line
 * saying that no more are reported (whenever they come: at load, as functions are marked, at exit).
 *
 * @param report - where the lines go
 * @param malformed - how many entries were malformed, for the last line
 * @returns the bounded reporter
 */
function boundedReporter(report: BootReporter, malformed: number): BootReporter {
  let lines = 0;
  return (line) => {
    lines++;
    if (lines <= MAX_BOOT_REPORT_LINES) report(line);
    else if (lines === MAX_BOOT_REPORT_LINES + 1) {
      const more =
        malformed > MAX_BOOT_REPORT_LINES ? `${malformed - MAX_BOOT_REPORT_LINES} more malformed entries, and any other entry not applied, are` : 'more entries not applied are';
      report(`errinject: ERRINJECT: ${more} not reported one by one (at most ${MAX_BOOT_REPORT_LINES} lines are)`);
    }
  };
}

/**
 * Applies a boot configuration (the `ERRINJECT` syntax). Malformed entries are reported with their
 * position (at most {@link MAX_BOOT_REPORT_LINES} lines a configuration, each quoting a readable part
 * of its entry) and skip; an entry whose capability or path does not exist yet waits for it (a capability
 * declared later, a function marked injectable later) and applies when it appears; one still waiting
 * when the process exits is reported then. `off` applies first, wherever it stands, and cannot be
 * undone.
 *
 * @param text - the configuration
 * @param report - where problems go; stderr by default
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE when `text` is not a string or `report` not a function
 */
export function applyBootConfig(text: string, report: BootReporter = toStderr): void {
  if (typeof text !== 'string') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `applyBootConfig: the configuration must be a string, got ${showValue(text)}`);
  }
  if (typeof report !== 'function') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `applyBootConfig: the reporter must be a function, got ${showValue(report)}`);
  }
  const { entries, problems } = parseBootConfig(text);
  const bounded = boundedReporter(report, problems.length);
  for (const problem of problems.slice(0, MAX_BOOT_REPORT_LINES + 1)) bounded(describeBootEntry(problem, problem.message));
  if (entries.some((entry) => entry.kind === 'off')) {
    state.off = true;
    refreshAllGates();
  }
  queueBootEntries(
    entries.filter((entry) => entry.kind !== 'off'),
    bounded,
  );
}
