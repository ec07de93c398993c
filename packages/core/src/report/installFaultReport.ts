import * as diagnosticsChannel from 'node:diagnostics_channel';
import { closeSync, openSync, writeSync } from 'node:fs';
import { asOwnIo } from '../state/ownIo';
import { isAbsolute } from 'node:path';
import { MARK_NOTICE_CHANNEL, type MarkNotice } from './markNoticeChannel';
import { FAULT_NOTICE_CHANNEL, type FaultNotice } from './faultNoticeChannel';
import { formatCallSite } from './formatCallSite';
import { state } from '../state/sharedState';
import type { CrashReportRecord, ExitReportRecord, FaultReportRecord, LoadedReportRecord, MarkedReportRecord, ReportRecord } from './ReportRecord';
import { requestSite } from './requestSite';

/**
 * The fault report file: with `ERRINJECT_REPORT=<absolute path>` in the environment when the core
 * loads, every injected fault and a crash of the process are appended to that file, one JSON object
 * a line, each with one `write` on a descriptor opened for appending, so that the processes of one
 * tree (which inherit the variable) can share the file. Each function marked error-injectable is
 * written as it is marked. Each thread that loads the core says so at its first load (`loaded`), and
 * says what it had armed as it exits (`exit`), so that a tool can tell a command that never loaded
 * the core, or armed nothing, from one whose faults never came.
 */

/** The environment variable that names the report file. */
export const REPORT_ENV = 'ERRINJECT_REPORT';

/** The thrown value as text, whatever it is (an object without a prototype has no toString). */
function describe(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The writer of one report file. */
export interface FaultReport {
  /** The file. */
  readonly path: string;
  /** Appends one record; false once the file could not be written (reported once on stderr). */
  write(record: ReportRecord): boolean;
  /** Stops listening and closes the file. */
  close(): void;
}

/**
 * Starts appending faults and crashes to a report file.
 *
 * @param path - an absolute path; the file is opened at the first record
 * @returns the writer, to close it (tests do; a process keeps it until it exits)
 */
export function openFaultReport(path: string): FaultReport {
  let fd: number | undefined;
  let broken = false;
  const write = (record: ReportRecord): boolean => {
    if (broken) return false;
    try {
      const line = `${JSON.stringify(record)}\n`;
      asOwnIo(() => {
        fd ??= openSync(path, 'a');
        writeSync(fd, line);
      });
      return true;
    } catch (error) {
      broken = true;
      process.stderr.write(`errinject: cannot write the fault report ${REPORT_ENV}=${path} (${describe(error)}); no more records are written\n`);
      return false;
    }
  };
  const onNotice = (message: unknown): void => {
    const notice = message as FaultNotice;
    // Written once the site is taken, before the faulted call returns to its caller.
    requestSite(notice, (site) => {
      const record: FaultReportRecord = {
        event: 'fault',
        pid: process.pid,
        capability: notice.capability,
        function: notice.function ?? null,
        site: site === undefined ? null : (formatCallSite(site) ?? null),
      };
      write(record);
    });
  };
  const onCrash = (error: unknown, origin: NodeJS.UncaughtExceptionOrigin): void => {
    const message = error instanceof Error ? error.message : describe(error);
    const record: CrashReportRecord = {
      event: 'crash',
      pid: process.pid,
      origin,
      message,
      stack: error instanceof Error && typeof error.stack === 'string' ? error.stack : message,
    };
    write(record);
  };
  // Loaded with the report only: most processes never ask which thread they are.
  const { threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
  const onMark = (message: unknown): void => {
    const { name, type } = message as MarkNotice;
    const record: MarkedReportRecord = { event: 'marked', pid: process.pid, threadId, functions: [{ name, type }] };
    write(record);
  };
  const onExit = (): void => {
    const record: ExitReportRecord = { event: 'exit', pid: process.pid, threadId, armed: state.armed.map((entry) => entry.name), armAll: state.armAll !== undefined };
    write(record);
  };
  diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onNotice);
  process.on('uncaughtExceptionMonitor', onCrash);
  diagnosticsChannel.subscribe(MARK_NOTICE_CHANNEL, onMark);
  process.on('exit', onExit);
  return {
    path,
    write,
    close() {
      diagnosticsChannel.unsubscribe(FAULT_NOTICE_CHANNEL, onNotice);
      process.off('uncaughtExceptionMonitor', onCrash);
      diagnosticsChannel.unsubscribe(MARK_NOTICE_CHANNEL, onMark);
      process.off('exit', onExit);
      if (fd !== undefined) asOwnIo(() => closeSync(fd as number));
      fd = undefined;
      broken = true;
    },
  };
}

/** The version of the core, as the `loaded` record names it (the package's own name resolves to itself). */
function coreVersion(): string {
  try {
    return (require('@errinject/core/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * Reads `ERRINJECT_REPORT` once, when the core first loads in a thread, starts the report when it
 * names a file, and writes the thread's `loaded` record. A relative path is refused on stderr (a
 * process tree does not share a working directory).
 *
 * @param value - the variable's value
 * @returns the writer, or `undefined` when there is no report
 */
export function installFaultReport(value: string | undefined): FaultReport | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isAbsolute(value)) {
    process.stderr.write(`errinject: ${REPORT_ENV}=${JSON.stringify(value)} is not an absolute path; no fault report is written\n`);
    return undefined;
  }
  // Opened at the first load of the core, before the boot configuration: no function is marked yet.
  const report = openFaultReport(value);
  const { threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
  const record: LoadedReportRecord = { event: 'loaded', pid: process.pid, threadId, version: coreVersion() };
  report.write(record);
  return report;
}
