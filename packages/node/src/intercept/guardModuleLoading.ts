import Module = require('node:module');
import { callContext } from './callContext';

/**
 * Node's module loader reads files through the public `fs` (`require` calls `fs.readFileSync`, and
 * a loader hook such as ts-node's reads the source it compiles): calls made while a module loads
 * are never counted or failed, as the contract and the kernel's boot path want. A module's
 * own code is the program again: its top level may read files, and those calls count.
 */

interface ModuleInternals {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  prototype: { _compile(content: string, filename: string, ...rest: unknown[]): unknown };
}

let installed = false;

/**
 * Marks `require` loads in {@link callContext}: `Module._load` counts as loading, and
 * `Module.prototype._compile` (which runs the module's code) as the program again. Installed once.
 */
export function guardModuleLoading(): void {
  if (installed) return;
  installed = true;
  const internals = Module as unknown as ModuleInternals;
  const load = internals._load;
  internals._load = function _load(this: unknown, ...args: [string, unknown, boolean]): unknown {
    callContext.loading++;
    try {
      return Reflect.apply(load, this, args);
    } finally {
      callContext.loading--;
    }
  };
  const compile = internals.prototype._compile;
  internals.prototype._compile = function _compile(this: unknown, ...args: [string, string, ...unknown[]]): unknown {
    const loading = callContext.loading;
    const nested = callContext.nested;
    // The module's code runs here: it is the program's, not the loader's, whatever required it.
    callContext.loading = 0;
    callContext.nested = 0;
    try {
      return Reflect.apply(compile, this, args);
    } finally {
      callContext.loading = loading;
      callContext.nested = nested;
    }
  };
}
