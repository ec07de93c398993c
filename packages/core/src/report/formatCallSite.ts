import { findSourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { throughInspectedSourceMap } from './inspectedSourceMap';

/**
 * The caller's call site of a faulted call, as the fault report and `sweep` name it.
 */

function toPath(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

type SourceMap = ReturnType<typeof findSourceMap>;

/**
 * Each file's source map, looked up once in a synchronous stretch of code (a lookup costs
 * microseconds; a synchronous sweep names a site at each run). Forgotten at the next microtask: a
 * module evaluated again (mocha --watch) has a new source map under the same file name.
 */
const sourceMaps = new Map<string, SourceMap>();

function forgetSourceMaps(): void {
  sourceMaps.clear();
}

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
  if (sourceMaps.size === 0) queueMicrotask(forgetSourceMaps);
  sourceMaps.set(file, map);
  return map;
}

/** The name of Node.js's default `Error.prepareStackTrace`. */
const NODE_FORMATTER = 'ErrorPrepareStackTrace';

/** The position at the end of a stack trace's frame line: `    at f (/a/b.ts:12:5)` or `    at /a/b.ts:12:5`. */
const FRAME_POSITION = /(?:\(|at )((?:file:\/\/)?[^\s()][^()]*?):(\d+):(\d+)\)?$/;

/**
 * The call site as the stack-trace formatter a test runner installed prints it. vitest's module
 * runner and jest run code they transformed in memory, whose source maps Node.js does not know;
 * each installs an `Error.prepareStackTrace` that maps its own frames (as does `source-map-support`).
 *
 * @returns `file:line:column`, or `undefined` when no such formatter names a position
 */
function throughInstalledFormatter(site: NodeJS.CallSite): string | undefined {
  const prepare = Error.prepareStackTrace;
  // Node.js's own (Node.js 20.20 shows it as Error.prepareStackTrace) maps only what findSourceMap does.
  if (typeof prepare !== 'function' || prepare.name === NODE_FORMATTER) return undefined;
  let text: unknown;
  try {
    text = prepare(new Error('errinject call site'), [site]);
  } catch {
    return undefined;
  }
  if (typeof text !== 'string') return undefined;
  const match = FRAME_POSITION.exec(text.slice(text.lastIndexOf('\n') + 1).trimEnd());
  if (match === null) return undefined;
  return `${toPath(match[1] as string)}:${match[2] as string}:${match[3] as string}`;
}

/**
 * Names a call site as `/abs/file.js:12:5` (1-based line and column; a `file:` URL becomes a path),
 * through the file's source map when the process keeps them (`--enable-source-maps`,
 * `process.setSourceMapsEnabled(true)`, tsx), or else through the stack-trace formatter a test
 * runner installed (vitest), or else, for a TypeScript file, through the inline source map the
 * inspector lists for its script (jest), so that a TypeScript program is named by its own sources.
 *
 * @param site - V8's call site of the caller's frame
 * @returns the position, or `undefined` when the frame has no file (native code, `eval`)
 */
export function formatCallSite(site: NodeJS.CallSite): string | undefined {
  const file = site.getFileName();
  if (file === undefined || file === null) return undefined;
  const line = site.getLineNumber() ?? 0;
  const column = site.getColumnNumber() ?? 0;
  const entry: { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined = sourceMapOf(file)?.findEntry(line - 1, column - 1);
  if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) {
    const mapped = throughInstalledFormatter(site) ?? throughInspectedSourceMap(site);
    return mapped === undefined ? `${toPath(file)}:${line}:${column}` : toPath(mapped);
  }
  return `${toPath(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}
