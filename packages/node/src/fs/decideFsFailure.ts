import { type FaultPoint, isOwnIo, shouldFailAt } from '@errinject/core';
import { calledByProgram } from '../intercept/calledByProgram';
import { callSize } from './callSize';
import type { FailFs } from './failFs';
import { FS_ERRNOS } from './FS_ERRNOS';
import type { FsCall, FsStage } from './FS_CALLS';
import { type FsError, fsError } from './fsError';
import { filterPath, openedPath, shownPath } from './fsTargets';

/** A call `fail_fs` fails: the error, and the system call it failed in. */
export interface FsFailure {
  readonly error: FsError;
  readonly stage: FsStage;
  /** The path the call names, as Node shows it. */
  readonly path: string | undefined;
}

/** The paths a call names, as shown, and what it works on for a descriptor's path. */
interface CallTarget {
  readonly path: string | undefined;
  readonly dest: string | undefined;
  /** A descriptor, a `FileHandle` or a `Dir`, whose opened path `path-filter` matches. */
  readonly opened: unknown;
  /** What `readFile` sizes. */
  readonly file: unknown;
}

function isHandle(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { fd?: unknown }).fd === 'number' && !ArrayBuffer.isView(value) && !(value instanceof URL);
}

function callTarget(call: FsCall, args: ArrayLike<unknown>, self: unknown): CallTarget {
  const first = args[0];
  switch (call.target) {
    case 'path':
      return { path: shownPath(first), dest: undefined, opened: undefined, file: first };
    case 'path-dest':
      return { path: shownPath(first), dest: shownPath(args[1]), opened: undefined, file: first };
    case 'fd':
      return { path: undefined, dest: undefined, opened: first, file: first };
    case 'file':
      return typeof first === 'number' || isHandle(first) ? { path: undefined, dest: undefined, opened: first, file: first } : { path: shownPath(first), dest: undefined, opened: undefined, file: first };
    case 'prefix': {
      const prefix = shownPath(first);
      return { path: prefix === undefined ? undefined : `${prefix}XXXXXX`, dest: undefined, opened: undefined, file: undefined };
    }
    case 'this': {
      const own = (self as { path?: unknown } | null)?.path;
      return { path: typeof own === 'string' ? own : undefined, dest: undefined, opened: self, file: self };
    }
  }
}

function pathAllowed(failFs: FailFs, target: CallTarget): boolean {
  if (failFs.pathFilter.empty) return true;
  for (const shown of [target.path, target.dest]) if (shown !== undefined && failFs.pathFilter.matchesPath(filterPath(shown))) return true;
  const opened = openedPath(target.opened);
  return opened !== undefined && failFs.pathFilter.matchesPath(opened);
}

/**
 * The errno a stage fails with when the knob is empty: its own, or the first of its system call's
 * row; but a recursive `mkdir` never fails with EEXIST (it takes an existing directory for done),
 * so it fails as a directory that may not be made.
 */
function defaultErrno(stage: FsStage, args: ArrayLike<unknown>): string {
  if (stage.op === 'mkdir') {
    const options = args[1];
    if (typeof options === 'object' && options !== null && (options as { recursive?: unknown }).recursive === true) return 'EACCES';
  }
  return stage.errno ?? (FS_ERRNOS[stage.op][0] as string);
}

/**
 * Decides a call of `node:fs` while `fail_fs` is armed: `fail_fs`'s own filters first, which drop a
 * call uncounted as the kernel's `cache-filter` does (errinject's own I/O, a call Node's code makes
 * on its own, an operation `ops` leaves out, a path `path-filter` leaves out), then the core's
 * decision at the call's fault point, with the bytes it moves as its size.
 *
 * @param failFs - the capability
 * @param call - what the function is
 * @param point - its fault point
 * @param args - the call's arguments
 * @param first - where its data arguments begin
 * @param self - the call's `this` (a `FileHandle`, a `Dir`)
 * @returns the failure, or `undefined` when the call goes ahead
 */
export function decideFsFailure(failFs: FailFs, call: FsCall, point: FaultPoint, args: ArrayLike<unknown>, first: number, self: unknown): FsFailure | undefined {
  if (isOwnIo()) return undefined;
  const target = callTarget(call, args, self);
  // readFile, writeFile and appendFile given a descriptor or a FileHandle open nothing: only their
  // stages without a path (the read, the write) can fail.
  const stages = call.target === 'file' && target.path === undefined ? call.stages.filter((stage) => stage.paths === 'none') : call.stages;
  const allowed = stages.filter((stage) => failFs.ops.allows(stage.op));
  if (allowed.length === 0) return undefined;
  const errno = failFs.errno.value;
  const stage = (errno === undefined ? undefined : allowed.find((candidate) => (FS_ERRNOS[candidate.op] as readonly string[]).includes(errno))) ?? (allowed[0] as FsStage);
  if (!pathAllowed(failFs, target)) return undefined;
  // The costliest filter last: it looks at the stack.
  if (!calledByProgram(point.entry)) return undefined;
  if (!shouldFailAt(failFs.attr, point, callSize(call.size, args, first, target.file))) return undefined;
  const code = errno ?? defaultErrno(stage, args);
  const error = fsError(code, {
    syscall: stage.op,
    path: stage.paths === 'none' ? undefined : target.path,
    dest: stage.paths === 'path-dest' ? target.dest : undefined,
  });
  return { error, stage, path: target.path };
}
