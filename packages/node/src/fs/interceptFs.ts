import fs = require('node:fs');
import { syncBuiltinESMExports } from 'node:module';
import { faultArmed, faultPoint, type FaultPoint } from '@errinject/core';
import { callContext } from '../intercept/callContext';
import { type AnyFunction, lookAlike, replaceFunction } from '../intercept/replaceFunction';
import { decideFsFailure, type FsFailure } from './decideFsFailure';
import { interceptDirEntries } from './interceptDirEntries';
import type { FailFs } from './failFs';
import { DIR_CALLS, FILE_HANDLE_CALLS, FS_CALLS, type FsCall, OPEN_AS_BLOB, PROMISES_NAMES, REALPATH_NATIVE } from './FS_CALLS';
import { forgetFd, rememberFd, rememberHandle, shownPath } from './fsTargets';
import { originalFs } from './originalFs';

/**
 * How a form of a function reports a failure: to its callback, by throwing, by rejecting, or as
 * `Dir.read` and `Dir.close` do, to the callback when given one and by rejecting otherwise.
 */
type FsForm = 'callback' | 'sync' | 'promise' | 'either';

/** An interceptor being made: what it stands for. */
interface FsInterception {
  readonly failFs: FailFs;
  readonly name: string;
  readonly call: FsCall;
  readonly form: FsForm;
  /** The function's name in `fs` (`writeFile`), for what it does besides failing. */
  readonly base: string;
}

/** Where a call's data arguments begin: after the path, the path and destination, or the descriptor. */
function firstDataArgument(call: FsCall): number {
  if (call.target === 'this') return 0;
  return call.target === 'path-dest' ? 2 : 1;
}

/**
 * What `fs.openAsBlob` throws, synchronously, for a file it cannot open, whatever the errno: Node
 * makes the Blob at the call, and reports only that it could not.
 */
function blobError(entry: AnyFunction): Error {
  const error = Object.assign(new TypeError('Unable to open file as blob'), { code: 'ERR_INVALID_ARG_VALUE' });
  Error.captureStackTrace(error, entry);
  return error;
}

/** A callback error has no frames, as Node's errors from libuv have none: only its first line. */
function asAsyncError(error: Error): Error {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/**
 * What a failing `writeFile` or `appendFile` to a path did before its write failed: it opened the
 * file, creating it, and `writeFile` truncated it, as on a full disk. When that open fails for real,
 * the call fails with that error instead.
 */
function openBeforeFailedWrite(interception: FsInterception, args: ArrayLike<unknown>, failure: FsFailure): Error {
  if (failure.stage.op !== 'write' || (interception.base !== 'writeFile' && interception.base !== 'appendFile') || failure.path === undefined) return failure.error;
  const options = args[2];
  const given = typeof options === 'object' && options !== null ? (options as { flag?: unknown; mode?: unknown }) : {};
  const flag = typeof given.flag === 'string' || typeof given.flag === 'number' ? given.flag : interception.base === 'writeFile' ? 'w' : 'a';
  const mode = typeof given.mode === 'number' ? given.mode : 0o666;
  try {
    originalFs.closeSync(originalFs.openSync(failure.path, flag, mode));
  } catch (error) {
    return error as Error;
  }
  return failure.error;
}

/**
 * Whether a failed `statSync` or `lstatSync` given `{ throwIfNoEntry: false }` returns `undefined`, as
 * Node's does for a real ENOENT (and for no other errno), instead of throwing.
 */
function noEntryIsUndefined(interception: FsInterception, args: ArrayLike<unknown>, error: Error): boolean {
  if (interception.base !== 'stat' && interception.base !== 'lstat') return false;
  const options = args[1];
  return (error as { code?: unknown }).code === 'ENOENT' && typeof options === 'object' && options !== null && (options as { throwIfNoEntry?: unknown }).throwIfNoEntry === false;
}

/** Keeps the paths descriptors and handles were opened with, for `path-filter`, while it has patterns. */
function tracked(interception: FsInterception, args: ArrayLike<unknown>, result: unknown): unknown {
  const { base, form, failFs } = interception;
  if (failFs.pathFilter.empty) return result;
  if (base === 'close') forgetFd(args[0]);
  else if (base === 'open' && form === 'sync') rememberFd(result, shownPath(args[0]));
  else if (base === 'open' && form === 'promise') {
    return (result as Promise<unknown>).then((handle) => {
      rememberHandle(handle, shownPath(args[0]));
      return handle;
    });
  }
  return result;
}

/** The callback of an `fs.open` whose descriptor `path-filter` will want. */
function trackedCallback(interception: FsInterception, args: unknown[]): void {
  if (interception.base !== 'open' || interception.failFs.pathFilter.empty) return;
  const callback = args[args.length - 1] as AnyFunction;
  const shown = shownPath(args[0]);
  args[args.length - 1] = function opened(this: unknown, error: unknown, fd: unknown): unknown {
    if (error === null) rememberFd(fd, shown);
    return Reflect.apply(callback, this, [error, fd]);
  };
}

/**
 * Makes the interceptor of one form of one function. While `fail_fs` cannot fail anything it calls
 * Node's function at once; otherwise, unless the call is part of another intercepted call or of
 * loading a module, it asks {@link decideFsFailure}, and fails the call the way this form fails.
 *
 * The interceptor itself is only the gate: V8 inlines a function this small into its caller, where
 * `arguments` goes straight to Node's function and is never allocated. With the armed path in it,
 * its bytecode passed V8's inlining limit, and every call, armed or not, allocated an `arguments`
 * object (the armed path keeps it) and called Node's function through it: `fs.statSync` took 6-10%
 * longer registered and never configured. The armed path is a function of its own, called only
 * while the capability is armed.
 */
function makeInterceptor(interception: FsInterception, original: AnyFunction): AnyFunction {
  const { failFs, call, form } = interception;
  const attr = failFs.attr;
  const first = firstDataArgument(call);
  // open and close keep the paths of descriptors while path-filter has patterns, whether or not
  // anything can fail yet: a read on a descriptor opened before is matched by its path all the same.
  const tracksPaths = interception.base === 'open' || interception.base === 'close';
  let point: FaultPoint;
  const armed = function (this: unknown, ...args: unknown[]): unknown {
    if (callContext.nested !== 0 || callContext.loading !== 0) return Reflect.apply(original, this, args);
    const last = args[args.length - 1];
    const callbackForm = form === 'callback' || (form === 'either' && typeof last === 'function');
    // A callback form without a callback is Node's to refuse.
    if (form === 'callback' && typeof last !== 'function') return Reflect.apply(original, this, args);
    const failure = faultArmed(attr) ? decideFsFailure(failFs, call, point, args, first, this) : undefined;
    if (failure !== undefined) {
      const error = openBeforeFailedWrite(interception, args, failure);
      if (interception.base === 'openAsBlob') throw blobError(interceptor);
      const exists = interception.base === 'exists';
      if (callbackForm) {
        setImmediate(last as AnyFunction, exists ? false : asAsyncError(error));
        return undefined;
      }
      if (form === 'sync') {
        if (exists) return false;
        if (noEntryIsUndefined(interception, args, error)) return undefined;
        Error.captureStackTrace(error, interceptor);
        throw error;
      }
      return Promise.reject(asAsyncError(error));
    }
    // args is this call's own array: the callback of an open may be replaced in it.
    if (callbackForm) trackedCallback(interception, args);
    callContext.nested++;
    try {
      return tracked(interception, args, Reflect.apply(original, this, args));
    } finally {
      callContext.nested--;
    }
  };
  // Only the gate, small enough for V8 to inline into the caller: arguments is forwarded as it is,
  // and never allocated while nothing can fail.
  const interceptor = tracksPaths
    ? function (this: unknown): unknown {
        // eslint-disable-next-line prefer-rest-params
        if (!faultArmed(attr) && failFs.pathFilter.empty) return Reflect.apply(original, this, arguments);
        // eslint-disable-next-line prefer-rest-params
        return Reflect.apply(armed, this, arguments);
      }
    : function (this: unknown): unknown {
        // eslint-disable-next-line prefer-rest-params
        if (!faultArmed(attr)) return Reflect.apply(original, this, arguments);
        // eslint-disable-next-line prefer-rest-params
        return Reflect.apply(armed, this, arguments);
      };
  point = faultPoint(interception.name, interceptor, { skipNodeFrames: true });
  return interceptor;
}

function interceptOn(owner: object, key: string, interception: FsInterception): void {
  replaceFunction(owner, key, (original) => makeInterceptor(interception, original));
}

/** The prototypes of `FileHandle` and `Dir` once their methods are intercepted. */
interface SeenPrototypes {
  fileHandle: object | undefined;
  dir: object | undefined;
}

/** Intercepts the methods of `FileHandle` or `Dir`, once, at the first object of the kind. */
function interceptPrototypeOnce(failFs: FailFs, seen: SeenPrototypes, object: unknown, kind: 'FileHandle' | 'Dir'): void {
  if (typeof object !== 'object' || object === null) return;
  const prototype = Object.getPrototypeOf(object) as object;
  if (kind === 'FileHandle') {
    if (seen.fileHandle !== undefined) return;
    seen.fileHandle = prototype;
    for (const [name, call] of Object.entries(FILE_HANDLE_CALLS)) interceptOn(prototype, name, { failFs, name: `FileHandle.${name}`, call, form: 'promise', base: name });
    return;
  }
  if (seen.dir !== undefined) return;
  seen.dir = prototype;
  interceptDirEntries(failFs, prototype);
  for (const [name, call] of Object.entries(DIR_CALLS)) {
    interceptOn(prototype, name, { failFs, name: `Dir.${name}`, call, form: 'either', base: name });
    interceptOn(prototype, `${name}Sync`, { failFs, name: `Dir.${name}Sync`, call, form: 'sync', base: name });
  }
}

/**
 * Makes the interceptor of `FileHandle.close`, which Node 20 defines on each handle (a class field
 * holding an arrow function) rather than on the prototype: one interceptor, one fault point, bound
 * to each handle in place of its own `close`, so that `const { close } = handle` still works, and
 * calling the handle's own close, kept aside.
 *
 * @param failFs - the capability
 * @returns what puts the interceptor on a handle
 */
function interceptHandleClose(failFs: FailFs): (handle: object) => void {
  const ownCloses = new WeakMap<object, AnyFunction>();
  const interception: FsInterception = { failFs, name: 'FileHandle.close', call: FILE_HANDLE_CALLS.close, form: 'promise', base: 'close' };
  const interceptor = makeInterceptor(interception, function close(this: unknown): unknown {
    // eslint-disable-next-line prefer-rest-params
    return Reflect.apply(ownCloses.get(this as object) as AnyFunction, this, arguments);
  });
  return (handle) => {
    const own = Reflect.getOwnPropertyDescriptor(handle, 'close');
    if (own === undefined || typeof own.value !== 'function' || ownCloses.has(handle)) return;
    const original = own.value as AnyFunction;
    ownCloses.set(handle, original);
    Reflect.defineProperty(handle, 'close', { ...own, value: lookAlike(Function.prototype.bind.call(interceptor, handle) as AnyFunction, original) });
  };
}

/**
 * Puts `fail_fs`'s interceptors in place: every function of `fs` in its callback and `Sync` forms,
 * `realpath.native`, `fs.promises`, the methods of `FileHandle` and `Dir` (at the first of each)
 * and each handle's `close`; then updates the named exports ES modules see (`syncBuiltinESMExports`).
 * The calls `ReadStream` and `WriteStream` make go through these (see `calledByProgram`).
 *
 * @param failFs - the capability
 */
export function interceptFs(failFs: FailFs): void {
  const seen: SeenPrototypes = { fileHandle: undefined, dir: undefined };
  const promises = fs.promises as unknown as Record<string, unknown>;
  const fsExports = fs as unknown as Record<string, AnyFunction & { native?: AnyFunction }>;
  // FileHandle and Dir are not exported: their prototypes are reached through the first of each,
  // watching what Node's opens return. The watchers go in first, under the interceptors, so that a
  // fault's stack (its verbose record, its report site, the stack filter's frames, the Sync error's
  // stack) starts at the program's frame, not at a watcher's.
  // A FileHandle's close is no method of its prototype but each handle's own (a class field).
  const closeHandle = interceptHandleClose(failFs);
  replaceFunction(promises, 'open', (open) =>
    function (this: unknown): unknown {
      // eslint-disable-next-line prefer-rest-params
      const opened = Reflect.apply(open, this, arguments) as Promise<object>;
      return opened.then((handle) => {
        interceptPrototypeOnce(failFs, seen, handle, 'FileHandle');
        closeHandle(handle);
        return handle;
      });
    },
  );
  const seeDir = (dir: unknown): void => interceptPrototypeOnce(failFs, seen, dir, 'Dir');
  replaceFunction(fs, 'opendirSync', (opendirSync) =>
    function (this: unknown): unknown {
      // eslint-disable-next-line prefer-rest-params
      const dir = Reflect.apply(opendirSync, this, arguments);
      seeDir(dir);
      return dir;
    },
  );
  replaceFunction(fs, 'opendir', (opendir) =>
    function (this: unknown, ...args: unknown[]): unknown {
      const callback = args[args.length - 1];
      if (typeof callback === 'function' && seen.dir === undefined) {
        args[args.length - 1] = function (this: unknown, error: unknown, dir: unknown): unknown {
          seeDir(dir);
          return Reflect.apply(callback as AnyFunction, this, [error, dir]);
        };
      }
      return Reflect.apply(opendir, this, args);
    },
  );
  replaceFunction(promises, 'opendir', (opendir) =>
    function (this: unknown): unknown {
      // eslint-disable-next-line prefer-rest-params
      const opened = Reflect.apply(opendir, this, arguments) as Promise<unknown>;
      if (seen.dir !== undefined) return opened;
      return opened.then((dir) => {
        seeDir(dir);
        return dir;
      });
    },
  );
  for (const [base, call] of Object.entries(FS_CALLS) as Array<[string, FsCall]>) {
    interceptOn(fs, base, { failFs, name: `fs.${base}`, call, form: 'callback', base });
    interceptOn(fs, `${base}Sync`, { failFs, name: `fs.${base}Sync`, call, form: 'sync', base });
  }
  for (const name of ['realpath', 'realpathSync'] as const) {
    const native = fsExports[name];
    if (native !== undefined) interceptOn(native, 'native', { failFs, name: `fs.${name}.native`, call: REALPATH_NATIVE, form: name === 'realpath' ? 'callback' : 'sync', base: 'realpath' });
  }
  // fs.openAsBlob opens the file at the call and resolves to a Blob: one fault point, at its open,
  // failing as it fails (a synchronous TypeError, whatever the errno).
  interceptOn(fs, 'openAsBlob', { failFs, name: 'fs.openAsBlob', call: OPEN_AS_BLOB, form: 'promise', base: 'openAsBlob' });
  for (const name of PROMISES_NAMES) {
    const call = name === 'realpath' ? REALPATH_NATIVE : FS_CALLS[name];
    interceptOn(promises, name, { failFs, name: `fs.promises.${name}`, call, form: 'promise', base: name });
  }
  syncBuiltinESMExports();
}
