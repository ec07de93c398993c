import { refreshAllGates } from '../attr/refreshGate';
import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { parseBootConfig } from './parseBootConfig';
import { type BootReporter, describeBootEntry, queueBootEntries } from './pendingBoot';

const toStderr: BootReporter = (line) => {
  process.stderr.write(`${line}\n`);
};

/**
 * Applies a boot configuration (the `ERRINJECT` syntax). Malformed entries are reported with their
 * position and skip; an entry whose capability or path does not exist yet waits for it (a capability
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
  for (const problem of problems) report(describeBootEntry(problem, problem.message));
  if (entries.some((entry) => entry.kind === 'off')) {
    state.off = true;
    refreshAllGates();
  }
  queueBootEntries(
    entries.filter((entry) => entry.kind !== 'off'),
    report,
  );
}
