import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { childEnv } from './childEnv';

/**
 * Scratch projects: fresh applications outside the monorepo that install the packages as a user
 * would, from the tarballs `npm pack` makes, together with pinned external toolchains (TypeScript,
 * test runners, compilers) from the npm registry.
 *
 * - The published packages are packed once per test process (after `npm run build`).
 * - A scratch project lives in `os.tmpdir()`, where Node's resolution, walking up, reaches no
 *   `node_modules` of the monorepo (checked: no ancestor holds a `node_modules` or a `package.json`).
 * - The external packages are installed once per pinned set and kept, installed, in a cache directory
 *   (`$ERRINJECT_SCRATCH_CACHE`, else `errinject-scratch-cache` under `os.tmpdir()`) keyed by the set,
 *   Node's major version and npm's version. A new project starts from a copy of that cache, and
 *   `npm install --prefer-offline` then only puts in this run's tarballs (which change every build).
 *   A cold cache costs one registry install; a warm one seconds.
 * - Every command runs with a bounded time, and with an environment stripped of what `npm test` /
 *   lerna set for the monorepo (`npm_config_local_prefix` and the like would send `npm install` into
 *   it) and of c8's `NODE_V8_COVERAGE` (see {@link scratchEnv}).
 *
 * @example
 * ```ts
 * const project = await createScratchProject({
 *   name: 'ts50',
 *   dependencies: { typescript: '5.0.4', '@types/node': '20.19.43' },
 *   files: { 'src/main.ts': "import { errno } from '@errinject/core';\n" },
 * });
 * const result = await project.run('npx', ['tsc', '-p', 'tsconfig.json']);
 * project.remove();
 * ```
 */

/** A package this repository publishes, by its folder under `packages/`. */
export type PublishedPackage = 'core' | 'node' | 'lint' | 'cli' | 'mocha';

/** Every published package, in the order of their dependencies. */
export const PUBLISHED_PACKAGES: readonly PublishedPackage[] = ['core', 'node', 'lint', 'cli', 'mocha'];

/** What a scratch project is made of. */
export interface ScratchProjectSpec {
  /** A short label (letters, digits, `-`, `_`): names the project's directory and its package. */
  readonly name: string;
  /**
   * The external packages, each at an exact version (`{ typescript: '5.0.4' }`): installed from the
   * registry once per set and cached between runs. A range is refused, since the cache is keyed by it.
   */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** Which of the published packages to install from their tarballs; all of them when omitted. */
  readonly packages?: readonly PublishedPackage[];
  /** Other fields of the project's `package.json` (`type`, `scripts`, ...); not part of the cache key. */
  readonly packageJson?: Readonly<Record<string, unknown>>;
  /** Files to write, by path relative to the project (folders are made). */
  readonly files?: Readonly<Record<string, string>>;
  /** The bound on each `npm` command of the install, in milliseconds; 240 000 when omitted. */
  readonly installTimeoutMs?: number;
}

/** Options of {@link ScratchProject.run}. */
export interface RunOptions {
  /** The working directory, relative to the project; its root when omitted. */
  readonly cwd?: string;
  /** Variables to add to the environment (which is stripped of the monorepo's npm settings). */
  readonly env?: NodeJS.ProcessEnv;
  /** The bound on the command, in milliseconds, after which it is killed; 60 000 when omitted. */
  readonly timeoutMs?: number;
}

/** What a command run in a scratch project gave. */
export interface CommandResult {
  /** The command line, for messages. */
  readonly command: string;
  /** Its exit code, `null` when a signal ended it. */
  readonly status: number | null;
  /** The signal that ended it, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Whether it was killed for running past its bound. */
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** How long it ran, in milliseconds. */
  readonly durationMs: number;
}

/** A scratch project, installed and ready. */
export interface ScratchProject {
  /** Its directory (absolute, real path). */
  readonly dir: string;
  /** The tarball of each published package installed in it. */
  readonly tarballs: Readonly<Partial<Record<PublishedPackage, string>>>;
  /**
   * @param relative - a path inside the project
   * @returns its absolute path
   */
  path(relative: string): string;
  /**
   * Writes a file, making its folders.
   *
   * @param relative - a path inside the project
   * @param content - the text
   */
  writeFile(relative: string, content: string): void;
  /**
   * @param relative - a path inside the project
   * @returns the file's text
   */
  readFile(relative: string): string;
  /**
   * Runs a command in the project (`npx` finds the project's bins) and waits for its end or its
   * bound. Never rejects for an exit code: check {@link CommandResult.status}.
   *
   * @param command - the program (`npx`, `node`, `npm`, or a path)
   * @param args - its arguments
   * @param options - working directory, environment, time bound
   * @returns its exit and output
   */
  run(command: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
  /** Removes the project's directory. */
  remove(): void;
}

/** The repository root: where the packages are packed from. */
const repository = path.dirname(path.dirname(path.dirname(require.resolve('@errinject/core/package.json'))));

/** Bumped when the layout of the cache changes, so that old entries are not reused. */
const CACHE_FORMAT = 1;

const DEFAULT_INSTALL_TIMEOUT_MS = 240_000;
const DEFAULT_RUN_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 64 * 1024 * 1024;

/** The npm settings a child may keep: where the registry and the cache are, and how to reach them. */
const KEPT_NPM_SETTINGS = /^npm_config_(cache|registry|userconfig|globalconfig|cafile|proxy|https_proxy|noproxy|strict_ssl)$/i;

/**
 * The environment for a command in a scratch project: the test process's, without errinject's
 * configuration, forced colours, the npm settings that `npm run` and lerna set for the monorepo
 * (its prefix, workspace, package and lifecycle), which would otherwise steer `npm` back into it,
 * and with c8's `NODE_V8_COVERAGE` emptied: what runs there is the tarballs' copy under `node_modules`, which the
 * coverage report leaves out, and block coverage of a compiler or test runner slows it and leaves
 * large files for the report to read.
 *
 * @param extra - variables to add
 * @returns the environment
 */
export function scratchEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = childEnv();
  for (const key of Object.keys(env)) {
    if ((/^npm_/i.test(key) && !KEPT_NPM_SETTINGS.test(key)) || key === 'INIT_CWD') delete env[key];
  }
  // Empty, not left out: Node.js puts a parent's NODE_V8_COVERAGE back into a child's environment
  // that lacks it (for the coverage of child processes), and takes no coverage when it is empty.
  return { ...env, NODE_V8_COVERAGE: '', ...extra };
}

/**
 * Runs a command to its end or its bound.
 *
 * @param command - the program
 * @param args - its arguments
 * @param cwd - the working directory
 * @param env - the whole environment
 * @param timeoutMs - the bound, in milliseconds
 * @returns its exit and output
 */
function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<CommandResult> {
  const started = Date.now();
  const line = [command, ...args].join(' ');
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT, encoding: 'utf8' }, (error, stdout, stderr) => {
      const failure = error as (Error & { code?: number | string; killed?: boolean; signal?: NodeJS.Signals | null }) | null;
      const durationMs = Date.now() - started;
      const timedOut = failure !== null && failure.killed === true && durationMs >= timeoutMs;
      const status = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null;
      const spawnError = failure !== null && typeof failure.code === 'string' ? `${failure.message}\n` : '';
      resolve({ command: line, status, signal: failure?.signal ?? null, timedOut, stdout, stderr: spawnError + stderr, durationMs });
    });
  });
}

/**
 * Describes a command's result for an assertion message: the command, how it ended, and the end of
 * its output.
 *
 * @param result - what {@link ScratchProject.run} gave
 * @param maxChars - how much of each stream to keep, from its end
 * @returns the text
 */
export function describeResult(result: CommandResult, maxChars = 4000): string {
  const tail = (text: string): string => (text.length > maxChars ? `...${text.slice(-maxChars)}` : text);
  const end = result.timedOut ? `killed after ${result.durationMs} ms (its bound)` : result.signal !== null ? `ended by ${result.signal}` : `exit ${result.status}`;
  return `${result.command}: ${end}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`;
}

/**
 * Runs a command and throws if it does not exit 0.
 *
 * @throws Error naming the command, how it ended and its output
 */
async function runOrThrow(command: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<CommandResult> {
  const result = await runCommand(command, args, cwd, scratchEnv(), timeoutMs);
  if (result.status !== 0) throw new Error(`scratch project: in ${cwd}, ${describeResult(result)}`);
  return result;
}

let packing: Promise<Readonly<Record<PublishedPackage, string>>> | undefined;

/**
 * Packs the published packages with `npm pack`, once per test process, into a temporary folder
 * removed when the process exits. The packages must have been built (`npm run build`).
 *
 * @returns the tarball of each package (absolute paths)
 * @throws Error if `npm pack` fails or a package's `dist` is missing
 */
export function packTarballs(): Promise<Readonly<Record<PublishedPackage, string>>> {
  packing ??= (async () => {
    for (const name of PUBLISHED_PACKAGES) {
      if (!existsSync(path.join(repository, 'packages', name, 'dist', 'index.d.ts'))) {
        throw new Error(`scratch project: packages/${name}/dist/index.d.ts is missing: run \`npm run build\` before packing`);
      }
    }
    const destination = mkdtempSync(path.join(tmpdir(), 'errinject-tarballs-'));
    process.once('exit', () => rmSync(destination, { recursive: true, force: true }));
    const workspaces = PUBLISHED_PACKAGES.flatMap((name) => ['-w', `packages/${name}`]);
    const { stdout } = await runOrThrow('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...workspaces], repository, DEFAULT_INSTALL_TIMEOUT_MS);
    const packed = JSON.parse(stdout) as Array<{ readonly name: string; readonly filename: string }>;
    const tarballs: Partial<Record<PublishedPackage, string>> = {};
    for (const name of PUBLISHED_PACKAGES) {
      const entry = packed.find((pack) => pack.name === `@errinject/${name}`);
      if (entry === undefined) throw new Error(`scratch project: npm pack made no tarball of @errinject/${name}: ${stdout.slice(0, 500)}`);
      tarballs[name] = path.join(destination, entry.filename);
    }
    return tarballs as Record<PublishedPackage, string>;
  })();
  return packing;
}

/**
 * Checks that a pinned set holds exact versions only.
 *
 * @throws Error naming the package and its version if one is a range or a tag
 */
function checkPinned(dependencies: Readonly<Record<string, string>>): void {
  for (const [name, version] of Object.entries(dependencies)) {
    if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
      throw new Error(`scratch project: dependency ${name}@${JSON.stringify(version).slice(0, 60)} is not an exact version; pin it (e.g. "5.0.4"), since installs are cached by version`);
    }
  }
}

/**
 * The folder that holds the cached installs: `$ERRINJECT_SCRATCH_CACHE`, else `errinject-scratch-cache`
 * under `os.tmpdir()`.
 *
 * @returns its absolute path
 */
export function scratchCacheRoot(): string {
  return process.env['ERRINJECT_SCRATCH_CACHE'] || path.join(tmpdir(), 'errinject-scratch-cache');
}

/**
 * The cache entry of a pinned set: keyed by the set, the packages installed from tarballs, Node's
 * major version and npm's version.
 */
function cacheDir(dependencies: Readonly<Record<string, string>>, packages: readonly PublishedPackage[], npmVersion: string): string {
  const sorted = Object.keys(dependencies)
    .sort()
    .map((name) => `${name}@${dependencies[name]}`);
  const key = JSON.stringify({ format: CACHE_FORMAT, node: process.versions.node.split('.')[0], npm: npmVersion, dependencies: sorted, packages: [...packages].sort() });
  return path.join(scratchCacheRoot(), createHash('sha256').update(key).digest('hex').slice(0, 24));
}

let npmVersion: Promise<string> | undefined;

/** The version of the `npm` the commands run. */
function getNpmVersion(): Promise<string> {
  npmVersion ??= runOrThrow('npm', ['--version'], tmpdir(), 30_000).then((result) => result.stdout.trim());
  return npmVersion;
}

/**
 * Checks that Node's resolution, walking up from a project, reaches no `node_modules` or
 * `package.json` of anything else (the monorepo's above all).
 *
 * @throws Error naming the ancestor that holds one
 */
function checkIsolated(dir: string): void {
  for (let parent = path.dirname(dir); ; parent = path.dirname(parent)) {
    for (const entry of ['node_modules', 'package.json']) {
      if (existsSync(path.join(parent, entry))) {
        throw new Error(`scratch project: ${path.join(parent, entry)} is above ${dir}, so the project would not be isolated; set TMPDIR to a folder without one above it`);
      }
    }
    if (path.dirname(parent) === parent) return;
  }
}

/**
 * Saves an installed project's `node_modules` and lockfile as the cache entry of its pinned set,
 * atomically (a copy then a rename; a concurrent writer that wins keeps its entry).
 */
function saveToCache(dir: string, entry: string): void {
  mkdirSync(path.dirname(entry), { recursive: true });
  const staging = mkdtempSync(`${entry}.tmp-`);
  try {
    cpSync(path.join(dir, 'node_modules'), path.join(staging, 'node_modules'), { recursive: true, verbatimSymlinks: true });
    cpSync(path.join(dir, 'package-lock.json'), path.join(staging, 'package-lock.json'));
    writeFileSync(path.join(staging, 'complete'), `${new Date().toISOString()}\n`);
    renameSync(staging, entry);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(entry, 'complete'))) throw error;
  }
}

/**
 * Creates a scratch project: a fresh folder under `os.tmpdir()` with a `package.json` naming the
 * pinned external packages and this run's tarballs, installed with
 * `npm install --no-audit --no-fund --prefer-offline` (from the cache of the pinned set when there is
 * one), then the given files. Remove it with {@link ScratchProject.remove} when done.
 *
 * @param spec - the project: its name, external packages, published packages, files
 * @returns the installed project
 * @throws Error if the spec is invalid, or packing or installing fails (with npm's output)
 */
export async function createScratchProject(spec: ScratchProjectSpec): Promise<ScratchProject> {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(spec.name)) {
    throw new Error(`scratch project: name ${JSON.stringify(spec.name).slice(0, 60)} is not 1 to 40 letters, digits, "-" or "_"`);
  }
  const dependencies = spec.dependencies ?? {};
  checkPinned(dependencies);
  const packages = spec.packages ?? PUBLISHED_PACKAGES;
  const timeoutMs = spec.installTimeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS;
  const [tarballs, npm] = await Promise.all([packTarballs(), getNpmVersion()]);

  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), `errinject-scratch-${spec.name}-`)));
  try {
    checkIsolated(dir);
    const entry = cacheDir(dependencies, packages, npm);
    const cached = existsSync(path.join(entry, 'complete'));
    if (cached) {
      cpSync(path.join(entry, 'node_modules'), path.join(dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
      cpSync(path.join(entry, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    }
    const installed: Partial<Record<PublishedPackage, string>> = {};
    const published: Record<string, string> = {};
    for (const name of packages) {
      installed[name] = tarballs[name];
      published[`@errinject/${name}`] = `file:${tarballs[name]}`;
    }
    const manifest = { name: `errinject-scratch-${spec.name.toLowerCase()}`, version: '0.0.0', private: true, ...spec.packageJson, dependencies: { ...dependencies, ...published } };
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel', 'error'], dir, timeoutMs);
    if (!cached) saveToCache(dir, entry);

    const project: ScratchProject = {
      dir,
      tarballs: installed,
      path: (relative) => path.resolve(dir, relative),
      writeFile(relative, content) {
        const file = path.resolve(dir, relative);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content);
      },
      readFile: (relative) => readFileSync(path.resolve(dir, relative), 'utf8'),
      run: (command, args, options = {}) => runCommand(command, args, path.resolve(dir, options.cwd ?? '.'), scratchEnv(options.env), options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
    for (const [relative, content] of Object.entries(spec.files ?? {})) project.writeFile(relative, content);
    return project;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
