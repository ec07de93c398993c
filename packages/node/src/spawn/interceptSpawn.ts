import childProcess = require('node:child_process');
import { syncBuiltinESMExports } from 'node:module';
import { constants } from 'node:os';
import { faultArmed, type FaultPoint, faultPoint, isOwnIo, shouldFailAt } from '@errinject/core';
import { callContext } from '../intercept/callContext';
import { calledByProgram } from '../intercept/calledByProgram';
import { type AnyFunction, replaceFunction } from '../intercept/replaceFunction';
import type { FailSpawn } from './failSpawn';
import { SPAWN_CALLS, type SpawnCall, type SpawnName } from './SPAWN_CALLS';

/**
 * A working directory that does not exist: a failing call starts its process there for real, so that
 * libuv fails it as it fails a command that cannot start, and Node builds every error, event and
 * result of the failure itself; only the errno is then the one chosen.
 */
const NO_SUCH_DIRECTORY = '/nonexistent/errinject-failed-spawn';

/** What the real start in {@link NO_SUCH_DIRECTORY} fails with. */
const REAL_CODE = 'ENOENT';

const ERRNO_NUMBERS = constants.errno as Readonly<Record<string, number | undefined>>;

/** The private side of a `ChildProcess` a failure needs: its process handle, before it spawns. */
interface ChildInternals {
  _handle: { spawn(options: object): number } | null;
}

/** The errno the next `ChildProcess` started inside a failing public call fails with. */
let pendingCode: string | undefined;

function errnoOf(code: string): number {
  return -(ERRNO_NUMBERS[code] ?? (ERRNO_NUMBERS[REAL_CODE] as number));
}

/** The command line a call names, for `path-filter`: the file (or a shell line's first word) and the whole line. */
function commandOf(call: SpawnCall, args: ArrayLike<unknown>): { file: string | undefined; line: string | undefined } {
  const first = args[0];
  if (typeof first !== 'string') return { file: undefined, line: undefined };
  if (call.command === 'shell') return { file: first.trim().split(/\s+/)[0], line: first };
  const rest = Array.isArray(args[1]) ? (args[1] as unknown[]).map(String) : [];
  return { file: first, line: [first, ...rest].join(' ') };
}

function decideSpawnFailure(failSpawn: FailSpawn, name: SpawnName, call: SpawnCall, point: FaultPoint, args: ArrayLike<unknown>): string | undefined {
  if (isOwnIo() || !failSpawn.ops.allows(name)) return undefined;
  if (!failSpawn.pathFilter.empty) {
    const { file, line } = commandOf(call, args);
    const matched = (file !== undefined && failSpawn.pathFilter.matchesPath(file)) || (line !== undefined && failSpawn.pathFilter.matches(line));
    if (!matched) return undefined;
  }
  if (!calledByProgram(point.entry)) return undefined;
  if (!shouldFailAt(failSpawn.attr, point, 1)) return undefined;
  return failSpawn.errno.value ?? call.errno;
}

/** Where a synchronous call's options are: `(file, args, options)`, `(file, options)` or `(command, options)`. */
function optionsIndex(call: SpawnCall, args: ArrayLike<unknown>): number {
  if (call.command === 'shell') return 1;
  return Array.isArray(args[1]) || args[1] === undefined || args[1] === null ? 2 : 1;
}

/** Gives an error Node built for the real start's ENOENT the errno chosen. */
function recoded(error: unknown, code: string): void {
  if (code === REAL_CODE || typeof error !== 'object' || error === null) return;
  const fields = error as { errno?: unknown; code?: unknown; message?: unknown; stack?: unknown };
  if (fields.code !== REAL_CODE) return;
  fields.errno = errnoOf(code);
  fields.code = code;
  const suffix = new RegExp(` ${REAL_CODE}$`, 'm');
  if (typeof fields.message === 'string') fields.message = fields.message.replace(suffix, ` ${code}`);
  if (typeof fields.stack === 'string') fields.stack = fields.stack.replace(suffix, ` ${code}`);
}

/** Fails a synchronous call: runs it in a directory that does not exist, so that Node reports the failed start. */
function failSync(original: AnyFunction, self: unknown, call: SpawnCall, args: ArrayLike<unknown>, code: string): unknown {
  const copy = Array.prototype.slice.call(args) as unknown[];
  const index = optionsIndex(call, copy);
  const options = copy[index];
  copy[index] = { ...(typeof options === 'object' && options !== null ? options : {}), cwd: NO_SUCH_DIRECTORY };
  try {
    const result = Reflect.apply(original, self, copy) as { error?: unknown } | undefined;
    recoded(result?.error, code);
    return result;
  } catch (error) {
    recoded(error, code);
    throw error;
  }
}

function makeInterceptor(failSpawn: FailSpawn, name: SpawnName, original: AnyFunction): AnyFunction {
  const call: SpawnCall = SPAWN_CALLS[name];
  const attr = failSpawn.attr;
  let point: FaultPoint;
  const interceptor = function (this: unknown): unknown {
    // eslint-disable-next-line prefer-rest-params -- arguments keeps the fast path allocation-free
    const args = arguments;
    if (!faultArmed(attr) || callContext.nested !== 0 || callContext.loading !== 0) return Reflect.apply(original, this, args);
    const code = decideSpawnFailure(failSpawn, name, call, point, args);
    if (code !== undefined && call.sync) return failSync(original, this, call, args, code);
    callContext.nested++;
    pendingCode = code;
    try {
      return Reflect.apply(original, this, args);
    } finally {
      callContext.nested--;
      pendingCode = undefined;
    }
  };
  point = faultPoint(`child_process.${name}`, interceptor, { skipNodeFrames: true });
  return interceptor;
}

/**
 * Puts `fail_spawn`'s interceptors in place on `spawn`, `exec`, `execFile`, `fork` and the `Sync`
 * forms. A failing asynchronous call starts its `ChildProcess` with a process handle whose start
 * fails for real (in a directory that does not exist) and reports the errno chosen: Node's own code
 * then does what it does for a command that cannot start (the `'error'` event on the next tick for
 * ENOENT, EACCES, EAGAIN, EMFILE and ENFILE, a throw for the others, the callback of `exec` and
 * `execFile`). A failing synchronous call returns or throws what Node gives for a failed start.
 *
 * @param failSpawn - the capability
 */
export function interceptSpawn(failSpawn: FailSpawn): void {
  for (const name of Object.keys(SPAWN_CALLS) as SpawnName[]) {
    replaceFunction(childProcess, name, (original) => makeInterceptor(failSpawn, name, original));
  }
  replaceFunction(childProcess.ChildProcess.prototype, 'spawn', (spawn) =>
    function (this: unknown): unknown {
      const code = pendingCode;
      pendingCode = undefined;
      const handle = (this as ChildInternals)._handle;
      if (code !== undefined && handle !== null) {
        const realSpawn = handle.spawn;
        handle.spawn = function failedSpawn(options: object): number {
          handle.spawn = realSpawn;
          // Started for real where it cannot start: libuv leaves the handle as after any failed start.
          Reflect.apply(realSpawn, handle, [{ ...options, cwd: NO_SUCH_DIRECTORY }]);
          return errnoOf(code);
        };
      }
      // eslint-disable-next-line prefer-rest-params
      return Reflect.apply(spawn, this, arguments);
    },
  );
  syncBuiltinESMExports();
}
