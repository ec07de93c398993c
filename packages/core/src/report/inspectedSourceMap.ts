import { SourceMap } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';

/**
 * The source maps of code a test runner evaluates from memory without telling Node.js or installing
 * a stack-trace formatter in the test's realm (jest runs each module it transformed as a `vm`
 * script or module, with the map inline): V8's inspector lists every script with its source-map URL,
 * and an inline (`data:`) one is read. Only asked for a frame of a TypeScript file that has no source
 * map otherwise (Node.js 20 cannot run TypeScript itself, so the position is some compiler's). The
 * debugger is enabled for the time of one listing (a few milliseconds; some 150 ms in a jest worker)
 * and disabled again; the scripts are remembered by the hash V8 gives their code, so that a script
 * listed once is never asked for again, and a module evaluated anew with other code is. Not in a
 * process whose coverage Node.js takes (`NODE_V8_COVERAGE`, as c8 sets it), which that would spoil.
 */

type InspectorModule = typeof import('node:inspector');

/** A script's source map by its code's hash; `undefined` for a script with none this can read. */
const byHash = new Map<string, SourceMap | undefined>();

/** The most scripts remembered: a long watch session evaluates modules again and again. */
const MAX_SCRIPTS = 4096;

/** The frames this is for: TypeScript sources, which a compiler ran in some other shape. */
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

function loadInspector(): InspectorModule | undefined {
  if (!(process.features as { inspector?: boolean }).inspector) return undefined;
  // Disabling the debugger drops the block counters of the coverage Node.js takes for c8 (every
  // branch of the process read as never run): a process under NODE_V8_COVERAGE keeps V8's positions.
  if (process.env['NODE_V8_COVERAGE']) return undefined; // Node.js takes it when set and not empty
  try {
    return require('node:inspector') as InspectorModule;
  } catch {
    return undefined;
  }
}

function readDataUrl(url: string): SourceMap | undefined {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma === -1) return undefined;
  const body = url.slice(comma + 1);
  try {
    const text = url.slice(0, comma).endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
    return new SourceMap(JSON.parse(text) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return undefined;
  }
}

/** Lists every script the inspector knows, remembering the inline source map of each. */
function listScripts(): void {
  const inspector = loadInspector();
  if (inspector === undefined) return;
  const urls = new Map<string, string>();
  const session = new inspector.Session();
  try {
    session.connect();
    session.on('Debugger.scriptParsed', ({ params }: { params: { hash: string; sourceMapURL?: string } }) => {
      if (params.sourceMapURL?.startsWith('data:') === true) urls.set(params.hash, params.sourceMapURL);
    });
    session.post('Debugger.enable');
    session.post('Debugger.disable');
  } catch {
    // Another debugger client, or an inspector this cannot use: the positions stay V8's.
  } finally {
    session.disconnect();
  }
  if (byHash.size + urls.size > MAX_SCRIPTS) byHash.clear();
  for (const [hash, url] of urls) if (!byHash.has(hash)) byHash.set(hash, readDataUrl(url));
}

/**
 * Names a frame of a TypeScript file through the inline source map the inspector lists for its
 * script.
 *
 * @param site - V8's call site, of a file Node.js knows no source map for
 * @returns `/abs/file.ts:12:5`, or `undefined` when the frame is not of a TypeScript file or no map is found
 */
export function throughInspectedSourceMap(site: NodeJS.CallSite): string | undefined {
  const file = site.getFileName();
  const hash = (site as NodeJS.CallSite & { getScriptHash?: () => string }).getScriptHash?.();
  if (file === undefined || file === null || !TYPESCRIPT_FILE.test(file) || hash === undefined || hash === '') return undefined;
  if (!byHash.has(hash)) {
    listScripts();
    if (!byHash.has(hash)) byHash.set(hash, undefined);
  }
  const entry = byHash.get(hash)?.findEntry((site.getLineNumber() ?? 0) - 1, (site.getColumnNumber() ?? 0) - 1) as
    | { originalSource?: string; originalLine?: number; originalColumn?: number }
    | undefined;
  if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
  const path = file.startsWith('file://') || isAbsolute(entry.originalSource) || entry.originalSource.includes('://') ? entry.originalSource : resolve(dirname(file), entry.originalSource);
  return `${path}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}
