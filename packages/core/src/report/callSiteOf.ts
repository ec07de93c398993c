import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { EntryPoint } from '../attr/captureCallerFrames';

/**
 * The caller's call site of a faulted call, as the fault report and `sweep` name it.
 */

function toPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

type SourceMap = ReturnType<typeof findSourceMap>;

/** Each file's source map, looked up once (a lookup costs microseconds, a fault point's site is asked for again and again). */
const sourceMaps = new Map<string, SourceMap>();

function sourceMapOf(file: string): SourceMap {
  // Node.js keeps source maps only when asked to (process.sourceMapsEnabled is Node.js 20.7 and later).
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === false) return undefined;
  if (sourceMaps.has(file)) return sourceMaps.get(file);
  let map: SourceMap;
  try {
    map = findSourceMap(file);
  } catch {
    // A source map Node.js cannot read: keep the generated positions.
    map = undefined;
  }
  sourceMaps.set(file, map);
  return map;
}

/**
 * Maps a position through the file's source map, when the process keeps them (`--enable-source-maps`,
 * `process.setSourceMapsEnabled(true)`): a TypeScript program is named by its own sources.
 */
function mapped(file: string, line: number, column: number): string {
  const entry: { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined = sourceMapOf(file)?.findEntry(line - 1, column - 1);
  if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) {
    return `${toPath(file)}:${line}:${column}`;
  }
  return `${toPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

/**
 * Names the frame that called `entry`: the first frame outside errinject and outside the
 * injectable's wrapper, as `/abs/file.js:12:5` (1-based line and column; a `file:` URL becomes a
 * path; through the source map when the process keeps them). Must be called while `entry` is on the
 * stack, from inside the faulted call.
 *
 * @param entry - the errinject function the caller called (an injectable's wrapper, `shouldFail`)
 * @returns the call site, or `undefined` when the caller has no file position (native code, `eval`)
 */
export function callSiteOf(entry: EntryPoint): string | undefined {
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: unknown } = {};
  let site: NodeJS.CallSite | undefined;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = 1;
    Error.captureStackTrace(holder, entry);
    // Read inside the try: V8 formats the stack on first access, with the prepareStackTrace of then.
    site = (holder.stack as NodeJS.CallSite[] | undefined)?.[0];
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
  // No frame when entry is not on the stack; no file for native and eval'd code.
  const file = site?.getFileName() ?? null;
  if (site === undefined || file === null) return undefined;
  return mapped(file, site.getLineNumber() ?? 0, site.getColumnNumber() ?? 0);
}
