import type { FaultReport } from '../sweep/parseFaultReport';
import { listNames } from './listNames';

/** What a plain run was given, for {@link runNotice}. */
export interface RunNoticeInput {
  /** The capabilities (`--type`, FAILCMD_TYPE). */
  readonly capabilities: readonly string[];
  /** The functions the run's configuration arms: `--inject` names and those of the user's `ERRINJECT`, `*` included. */
  readonly armedByConfig: ReadonlySet<string>;
  /** What the command's processes reported. */
  readonly report: FaultReport;
}

/**
 * What failcmd says on stderr after a plain run in which no fault could be injected, with what to do:
 * the command never loaded the core; or, for `fail_function`, nothing was armed (no `--inject`, none in
 * the user's `ERRINJECT`, and nothing armed by the program itself as it exited), or every function
 * was to be armed and the command marked none. Nothing when a fault was injected, when functions were
 * armed and merely not called (or not failed: probability, times, filters), or without fail_function
 * among the capabilities (the others arm nothing by design) (its core says on its stderr when it was never declared).
 *
 * @param input - the run's configuration and report
 * @returns the notice, without `failcmd: ` and newline; `undefined` when there is nothing to say
 */
export function runNotice(input: RunNoticeInput): string | undefined {
  const { capabilities, armedByConfig, report } = input;
  if (report.faults.length > 0) return undefined;
  if (!report.coreLoaded) return 'no fault was injected: the command never loaded @errinject/core (is it a Node.js program that imports it?)';
  if (!capabilities.includes('fail_function')) return undefined;
  if (armedByConfig.has('*')) {
    return report.marked.length === 0 ? "no fault was injected: --inject '*' arms every function the command marks error-injectable, and it marked none" : undefined;
  }
  // Named functions the command never marks are reported by its core, on its stderr.
  if (armedByConfig.size > 0 || report.armed.length > 0 || report.armAll) return undefined;
  const marked =
    report.marked.length === 0
      ? 'it marked no function error-injectable'
      : `it marked ${report.marked.length === 1 ? 'one' : String(report.marked.length)}: ${listNames(report.marked)}`;
  return `no fault was injected: the command loaded @errinject/core but nothing was armed; name functions with --inject NAME, or --inject '*' for every one (${marked})`;
}
