import type { AsyncLocalStorage } from 'node:async_hooks';
import { ErrInjectError } from '../errors/ErrInjectError';
import type { FaultAttrImpl } from '../attr/FaultAttr';
import type { ArmAll } from '../inject/ArmAll';
import type { AnyFunction, Injectable } from '../inject/Injectable';
import type { PendingMethod } from '../inject/decorator/PendingMethod';
import type { VerboseSink } from '../verbose/VerboseRecord';
import type { PendingBootEntry } from '../boot/pendingBoot';
import { type ControlDir, createDir } from '../control/tree';
import { createTask, type Task } from '../task/Task';

/**
 * The layout version of {@link SharedState}. Copies of the core whose layouts agree share one state;
 * a copy that finds another layout refuses to load rather than split the registry.
 */
export const STATE_VERSION = 3;

/** The `globalThis` key the state lives under, the same for every copy of the core. */
export const STATE_KEY = Symbol.for('errinject.core.state');

/**
 * Everything the core keeps for the process. Loading the package twice (CommonJS and ESM, or two
 * copies in node_modules) must not split it, so it lives on `globalThis` and holds data and closures
 * only: every copy's code works on the same objects.
 */
export interface SharedState {
  readonly version: number;
  /** The package version of the copy that created the state, for error messages. */
  readonly createdBy: string;
  /** Every capability, by name. */
  readonly attrs: Map<string, FaultAttrImpl>;
  /** Every error-injectable function, by name, in the order they were marked. */
  readonly injectables: Map<string, Injectable>;
  /** The entries of each function marked, by the function as written (usually one). */
  readonly marks: WeakMap<AnyFunction, Injectable[]>;
  /** The entries of plain functions (and private methods), by the wrapper their callers hold. */
  readonly wrappers: WeakMap<AnyFunction, Injectable>;
  /** For a name taken by a function and wanted by another: the next `#N` suffix to try. */
  readonly nameSuffixes: Map<string, number>;
  /** The armed ones, in the order `fail_function/inject` armed them. */
  readonly armed: Injectable[];
  /**
   * Set while `fail_function/inject=*` arms every function as it is marked, with the names `!name`
   * excluded before they were marked; `undefined` otherwise.
   */
  armAll: ArmAll | undefined;
  /** Methods marked under standard decorators whose class is not known yet, by method name. */
  readonly pendingMethods: Set<PendingMethod>;
  /** The root of debugfs: one directory per capability. */
  readonly debugfs: ControlDir;
  /** The root of procfs: `self/`. */
  readonly procfs: ControlDir;
  /** The task of code that runs outside any `runTask`. */
  readonly root: Task;
  /** The async context of tasks; created by the first `runTask`, enabled only while a task runs. */
  als: AsyncLocalStorage<Task> | undefined;
  /** Tasks whose function has not settled yet. */
  activeTasks: number;
  /** Live tasks with a non-zero fail-nth; while 0, no call needs to look up its task. */
  armedTasks: number;
  /** The id of the last task made. */
  lastTaskId: number;
  /** The production switch: nothing fails and every write is refused with EPERM. */
  off: boolean;
  /** Where verbose records go; `undefined` for stderr. */
  sink: VerboseSink | undefined;
  /** The base every capability's seed is derived from (ERRINJECT_SEED, or random). */
  baseSeed: number;
  /** Boot entries waiting for their capability or path to appear. */
  pendingBoot: PendingBootEntry[];
  /** The sequence number of the last boot entry queued. */
  bootSequence: number;
  /** Boot `!name` entries that excluded a function not marked yet from `fail_function/inject=*`. */
  readonly bootExclusions: PendingBootEntry[];
  /** True once a report of the entries still waiting at exit is registered. */
  exitReportInstalled: boolean;
  /** True once the first copy has declared fail_function and read the boot configuration. */
  initialized: boolean;
}

function createState(createdBy: string): SharedState {
  return {
    version: STATE_VERSION,
    createdBy,
    attrs: new Map(),
    injectables: new Map(),
    marks: new WeakMap(),
    wrappers: new WeakMap(),
    nameSuffixes: new Map(),
    armed: [],
    armAll: undefined,
    pendingMethods: new Set(),
    debugfs: createDir(),
    procfs: createDir(),
    root: createTask(0, 0),
    als: undefined,
    activeTasks: 0,
    armedTasks: 0,
    lastTaskId: 0,
    off: false,
    sink: undefined,
    baseSeed: 0,
    pendingBoot: [],
    bootSequence: 0,
    bootExclusions: [],
    exitReportInstalled: false,
    initialized: false,
  };
}

/**
 * This copy's version, for the message that refuses a mismatched copy. The package's own name
 * resolves to itself (package.json "exports"); a copy of dist/ without its package.json still loads.
 */
const PACKAGE_VERSION: string = (() => {
  try {
    return (require('@errinject/core/package.json') as { version: string }).version;
  } catch {
    return 'of unknown version';
  }
})();

function acquireState(): SharedState {
  const holder = globalThis as unknown as Record<symbol, SharedState | undefined>;
  const existing = holder[STATE_KEY];
  if (existing === undefined) {
    const created = createState(PACKAGE_VERSION);
    Object.defineProperty(globalThis, STATE_KEY, { value: created, enumerable: false, configurable: false, writable: false });
    return created;
  }
  if (existing.version !== STATE_VERSION) {
    throw new ErrInjectError(
      'ERR_STATE_VERSION',
      `@errinject/core ${PACKAGE_VERSION} (state layout ${STATE_VERSION}) cannot share this process with @errinject/core ` +
        `${existing.createdBy} (state layout ${existing.version}), which loaded first; install one version ` +
        `(npm ls @errinject/core shows where each copy comes from)`,
    );
  }
  return existing;
}

/** The process's one state, shared by every copy of the core. */
export const state: SharedState = acquireState();
