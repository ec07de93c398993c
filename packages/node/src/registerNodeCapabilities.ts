import { getFaultAttr, injectionOff } from '@errinject/core';
import { guardModuleLoading } from './intercept/guardModuleLoading';
import { FAIL_FS } from './fs/failFs';
import { FAIL_NET } from './net/failNet';
import { FAIL_SPAWN } from './spawn/failSpawn';

/** The environment variable that names the capabilities to load (all of them when unset or empty). */
export const NODE_CAPABILITIES_ENV = 'ERRINJECT_NODE';

/**
 * The capabilities of this package, by name, with what loads each. Each one's modules (and Node's
 * `net`, `dns`, `child_process` it patches) load only when it is asked for: every run of a
 * `failcmd --type fail_fs` sweep starts without the others.
 */
const CAPABILITIES: Readonly<Record<string, () => void>> = {
  [FAIL_FS]: () => {
    const { declareFailFs } = require('./fs/failFs') as typeof import('./fs/failFs');
    const { interceptFs } = require('./fs/interceptFs') as typeof import('./fs/interceptFs');
    interceptFs(declareFailFs());
  },
  [FAIL_NET]: () => {
    const { declareFailNet } = require('./net/failNet') as typeof import('./net/failNet');
    const { interceptNet } = require('./net/interceptNet') as typeof import('./net/interceptNet');
    interceptNet(declareFailNet());
  },
  [FAIL_SPAWN]: () => {
    const { declareFailSpawn } = require('./spawn/failSpawn') as typeof import('./spawn/failSpawn');
    const { interceptSpawn } = require('./spawn/interceptSpawn') as typeof import('./spawn/interceptSpawn');
    interceptSpawn(declareFailSpawn());
  },
};

/** Every capability this package has. */
export const NODE_CAPABILITIES: readonly string[] = Object.keys(CAPABILITIES);

/**
 * The capabilities `ERRINJECT_NODE` asks for (separated by commas or spaces; all when it is unset
 * or empty). An unknown name is reported on stderr and skipped.
 *
 * @param text - the variable's value
 * @returns the names to load, in this package's order
 */
export function chosenCapabilities(text: string | undefined): string[] {
  const names = (text ?? '').split(/[\s,]+/).filter((name) => name !== '');
  if (names.length === 0) return [...NODE_CAPABILITIES];
  for (const name of names) {
    if (!NODE_CAPABILITIES.includes(name)) process.stderr.write(`errinject: ${NODE_CAPABILITIES_ENV} names ${JSON.stringify(name)}, which is not a capability of @errinject/node (${NODE_CAPABILITIES.join(', ')}); skipped\n`);
  }
  return NODE_CAPABILITIES.filter((name) => names.includes(name));
}

/**
 * Whether this is the thread Node runs module customization hooks on (`module.register`, as tsx and
 * other loaders use): an internal worker, which `--require` reaches as well, and whose every file
 * read is a module's load. A worker of the program's has a `parentPort`; that thread has none.
 *
 * @returns true on the hooks' thread
 */
function isModuleHooksThread(): boolean {
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  return !threads.isMainThread && threads.parentPort === null;
}

/**
 * Loads the capabilities `ERRINJECT_NODE` names into this process, once: each is declared (its
 * debugfs directory, with its knobs) and its interceptors put in place. Under `ERRINJECT=off` nothing
 * is declared or changed, nor on the thread of Node's module hooks, where every call loads a module. A capability already declared (the package loaded twice) is left alone.
 *
 * @returns the names of the capabilities loaded now
 */
export function registerNodeCapabilities(): string[] {
  if (injectionOff() || isModuleHooksThread()) return [];
  const chosen = chosenCapabilities(process.env[NODE_CAPABILITIES_ENV]).filter((name) => getFaultAttr(name) === undefined);
  if (chosen.length === 0) return [];
  guardModuleLoading();
  // Standard output and error on a file write through a SyncWriteStream, whose module keeps the
  // fs.writeSync it found when it loaded: made now, they keep Node's own, and console.log (and the
  // verbose records of faults) are never file system calls of the program's.
  void process.stdout;
  void process.stderr;
  const loaded: string[] = [];
  for (const name of chosen) {
    (CAPABILITIES[name] as () => void)();
    loaded.push(name);
  }
  return loaded;
}
