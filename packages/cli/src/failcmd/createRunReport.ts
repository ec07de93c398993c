import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type FaultReport, parseFaultReport } from '../sweep/parseFaultReport';

/** The fault report file of a plain run, from which failcmd learns what the command's processes did. */
export interface RunReport {
  /** What `ERRINJECT_REPORT` is for the command. */
  readonly path: string;
  /** Reads what the command's processes wrote since the report was created. */
  read(): FaultReport;
  /** Removes the file, when failcmd made it. */
  close(): void;
}

/** The name of a plain run's report in the per-user directory: `failcmd-<failcmd's pid>.jsonl`. */
const REPORT_NAME = /^failcmd-([1-9][0-9]*)\.jsonl$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the reports of failcmds that are gone: a process of their command that loaded the core
 * after failcmd had read and removed its report wrote it again.
 */
function removeStaleReports(dir: string): void {
  for (const name of readdirSync(dir)) {
    const match = REPORT_NAME.exec(name);
    if (match !== null && (Number(match[1]) === process.pid || !isAlive(Number(match[1])))) rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * failcmd's own directory of this user: `$XDG_RUNTIME_DIR/errinject-failcmd`, or
 * `<tmpdir>/errinject-failcmd-<uid>`,
 * made with mode 0700. Not the core's `controlSocketDir()`, which is as private: loading the core for
 * it would cost a plain run tens of milliseconds.
 *
 * @returns the directory; `undefined` when it cannot be made, or is not a directory of this user's
 *   with mode 0700 (someone else made it, or a link stands there)
 */
function userDir(): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const runtime = process.env['XDG_RUNTIME_DIR'];
  const dir = runtime !== undefined && runtime !== '' ? path.join(runtime, 'errinject-failcmd') : path.join(os.tmpdir(), `errinject-failcmd-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
    chmodSync(dir, 0o700);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const stat = lstatSync(dir);
    return stat.isDirectory() && (stat.mode & 0o777) === 0o700 && (uid === undefined || stat.uid === uid) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** The bytes of a file from an offset, as text; empty when there is no file. */
function readFrom(file: string, offset: number): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return '';
  }
  // A file cut short since (truncated) is read whole.
  return bytes.subarray(bytes.length >= offset ? offset : 0).toString('utf8');
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The report file of a plain run (`ERRINJECT_REPORT`), so that failcmd can tell a command that never
 * loaded the core, or armed nothing, from one that worked.
 *
 * A report of the user's own (an absolute `ERRINJECT_REPORT`, a failcmd running inside another's
 * command included) is kept: the command appends to it as it would without failcmd, and failcmd reads
 * what was appended during the run. Otherwise the file is `failcmd-<pid>.jsonl` in failcmd's private
 * directory of the user (`$XDG_RUNTIME_DIR/errinject-failcmd`, or `<tmpdir>/errinject-failcmd-<uid>`,
 * mode 0700), removed after the run. Not a directory of its own removed with it: a process of the command that outlives
 * failcmd (a daemon, a job left in the background) still writes to the file, and would say on its
 * stderr that it cannot when the directory is gone. Such files of failcmds that are gone are removed
 * at the next run. When that directory cannot be used, a temporary directory of its own is.
 *
 * @param env - the user's environment
 * @returns the report; `undefined` when the user's `ERRINJECT_REPORT` is relative (the core refuses
 *   it, on its stderr, and failcmd cannot learn anything)
 */
export function createRunReport(env: NodeJS.ProcessEnv): RunReport | undefined {
  const given = env['ERRINJECT_REPORT'];
  if (given !== undefined && given !== '') {
    if (!path.isAbsolute(given)) return undefined;
    const offset = sizeOf(given);
    return { path: given, read: () => parseFaultReport(readFrom(given, offset)), close: () => {} };
  }
  let dir = userDir();
  const removeDir = dir === undefined;
  if (dir === undefined) dir = mkdtempSync(path.join(os.tmpdir(), 'failcmd-'));
  else removeStaleReports(dir);
  const file = path.join(dir, `failcmd-${process.pid}.jsonl`);
  return {
    path: file,
    read: () => parseFaultReport(readFrom(file, 0)),
    close: () => rmSync(removeDir ? dir : file, { recursive: true, force: true }),
  };
}
