/**
 * `@errinject/cli`: the library behind the `failcmd` and `ei-ctl` bins — options to `ERRINJECT`, process
 * sweeps and their reports, and the client of the control socket.
 *
 * @packageDocumentation
 */
export { CliError, isCliError } from './errors/CliError';
export type { CliErrorCode } from './errors/CliError';

// failcmd
export { parseFailcmdArgs, FAILCMD_OPTIONS, MAX_JOBS } from './failcmd/parseFailcmdArgs';
export type { FailcmdArgs, FailcmdOptions, InjectSpec } from './failcmd/FailcmdOptions';
export { armedByUser } from './failcmd/armedByUser';
export { checkFailcmdOptions } from './failcmd/checkFailcmdOptions';
export { failcmdEntries, injectEntries, sweepEntries } from './failcmd/failcmdEntries';
export { childEnvironment } from './failcmd/childEnvironment';
export type { ChildExtras } from './failcmd/childEnvironment';
export { runCommand, FORWARDED_SIGNALS, TERMINAL_SIGNALS } from './failcmd/runCommand';
export type { ExitStatus } from './failcmd/runCommand';
export { createRunReport } from './failcmd/createRunReport';
export type { RunReport } from './failcmd/createRunReport';
export { runNotice } from './failcmd/runNotice';
export type { RunNoticeInput } from './failcmd/runNotice';

// sweeps
export { sweepCommand } from './sweep/sweepCommand';
export type { CommandSweepOptions, SweepProgress } from './sweep/sweepCommand';
export type { CheckResult, CrashRecord, FaultRecord, CommandSweepReport, CommandSweepRun, SweepSettings, SweepShard } from './sweep/CommandSweepReport';
export { mergeSweepReports } from './sweep/mergeSweepReports';
export type { ShardReport } from './sweep/mergeSweepReports';
export { parseFaultReport } from './sweep/parseFaultReport';
export type { FaultReport } from './sweep/parseFaultReport';
export { formatSweepTable, showSite } from './sweep/formatSweepTable';
export type { TableOptions } from './sweep/formatSweepTable';
export { noFaultReason } from './sweep/noFaultReason';
export type { NoFaultInput } from './sweep/noFaultReason';
export { createSweepProgress } from './sweep/createSweepProgress';
export type { SweepProgressDisplay, SweepProgressOptions } from './sweep/createSweepProgress';

// checks of the state a run left
export { runCheck, CHECK_SHELL } from './check/runCheck';
export type { CheckRequest } from './check/runCheck';
export { checkEnvironment } from './check/checkEnvironment';
export { checkMessage } from './check/checkMessage';

// ei-ctl
export { ControlClient, DEFAULT_TIMEOUT_MS, unreachableCode } from './ctl/ControlClient';
export type { ControlTreeName, HelloInfo } from './ctl/ControlClient';
export { listControlledProcesses } from './ctl/listControlledProcesses';
export type { ControlledProcess, ControlledProcesses } from './ctl/listControlledProcesses';
export { resolveControlPath } from './ctl/resolveControlPath';
export type { ControlPath } from './ctl/resolveControlPath';
export { formatProcessList, showStart, showUptime } from './ctl/formatProcessList';
export type { ProcessListOptions } from './ctl/formatProcessList';
export { describeCommand } from './ctl/describeCommand';

// both bins
export { useColor } from '@errinject/core/color';
