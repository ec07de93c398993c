import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * V8's code cache for the compiler ei-lint runs on, as `tsc` keeps one: a run starts by compiling
 * the 12 MB of JavaScript of the TypeScript that `@ts-morph/common` bundles, with its library
 * files, about a tenth of a run on a project of 150 files, and the next runs skip it.
 *
 * On Node.js 22.1 and later this is the runtime's own compile cache (`module.enableCompileCache`,
 * which `tsc` turns on the same way). Node.js 20 has none, so the modules of `@ts-morph/common` and
 * of ts-morph, and only those, are compiled here with `vm.Script` and the code V8 made for them on
 * the first run, written when that run exits (with every function it compiled lazily).
 *
 * Node's own variables govern both: `NODE_DISABLE_COMPILE_CACHE=1` turns the cache off and
 * `NODE_COMPILE_CACHE=<dir>` puts it in that directory; by default it is a directory of the
 * system's temporary one, private to the user. A cache that cannot be read or written, or that V8
 * rejects (another Node.js, changed flags), only costs the time it would have saved.
 */

interface ModuleInternals {
  _compile(this: NodeJS.Module, content: string, filename: string): unknown;
}

interface NodeModuleStatics {
  wrap(script: string): string;
  enableCompileCache?: (directory?: string) => unknown;
}

interface Pending {
  readonly script: vm.Script;
  readonly file: string;
}

/** The directory, created private to the user; `undefined` when it is not safe to use. */
function cacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  const uid = process.getuid?.();
  const directory = env.NODE_COMPILE_CACHE || path.join(tmpdir(), `errinject-lint-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    // One level only: the parent exists, or the cache is not worth making it.
    mkdirSync(directory, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  try {
    const stat = lstatSync(directory);
    // Code read from a directory someone else can write to would run as ours.
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return directory;
}

function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** A package whose modules are cached: its directory (ending with a separator) and version. */
interface CachedPackage {
  readonly root: string;
  readonly version: string;
}

function cachedPackage(packageJson: string): CachedPackage {
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return { root: `${path.dirname(packageJson)}${path.sep}`, version };
}

/**
 * The packages whose modules are cached: the `@ts-morph/common` ei-lint imports the compiler from,
 * and ts-morph (which `lintSources` loads), with the copy of `@ts-morph/common` it names.
 *
 * @returns the packages, each once
 */
function compilerPackages(): CachedPackage[] {
  const tsMorph = require.resolve('ts-morph/package.json');
  const files = new Set([require.resolve('@ts-morph/common/package.json'), tsMorph, createRequire(tsMorph).resolve('@ts-morph/common/package.json')]);
  return [...files].map(cachedPackage);
}

/**
 * The name of a module's cache: what identifies the code V8 made, without hashing megabytes of
 * source (npm gives every file of a package the same time, so the package's version and the
 * file's size tell versions apart; V8 checks the source's length and its own flags again).
 */
function cacheKey(filename: string, version: string): string {
  const { size, mtimeMs, ino } = statSync(filename);
  return createHash('sha1').update([process.version, process.versions.v8, filename, version, size, mtimeMs, ino].join('\0')).digest('hex');
}

/**
 * Turns the cache on for the rest of the process; call it before anything loads the compiler.
 *
 * @param env - the environment (`NODE_DISABLE_COMPILE_CACHE`, `NODE_COMPILE_CACHE`)
 * @returns how the cache works in this process: `'node'` (the runtime's), `'v8'` (this module's), or `'off'`
 */
export function enableCompileCache(env: NodeJS.ProcessEnv = process.env): 'node' | 'v8' | 'off' {
  if (env.NODE_DISABLE_COMPILE_CACHE) return 'off';
  const statics = Module as unknown as NodeModuleStatics;
  if (statics.enableCompileCache !== undefined) {
    statics.enableCompileCache();
    return 'node';
  }
  const directory = cacheDirectory(env);
  if (directory === undefined) return 'off';
  const packages = compilerPackages();
  const prototype = Module.prototype as unknown as ModuleInternals;
  const compile = prototype._compile;
  const pending: Pending[] = [];
  prototype._compile = function compileCached(this: NodeJS.Module, content: string, filename: string): unknown {
    const owner = packages.find((candidate) => filename.startsWith(candidate.root));
    // A script with a `#!` line is left to Node, which strips it.
    if (owner === undefined || content.startsWith('#!')) return compile.call(this, content, filename);
    let file: string;
    let cachedData: Buffer | undefined;
    try {
      file = path.join(directory, cacheKey(filename, owner.version));
    } catch {
      return compile.call(this, content, filename);
    }
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(statics.wrap(content), {
      filename,
      cachedData,
      importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    } as vm.ScriptOptions);
    if (cachedData === undefined || script.cachedDataRejected === true) pending.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, file } of pending) {
      try {
        writeAtomically(file, script.createCachedData());
      } catch {
        // A cache that cannot be made is no cache.
      }
    }
  });
  return 'v8';
}
