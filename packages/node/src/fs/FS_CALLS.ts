import type { FsSyscall } from './FS_ERRNOS';

/**
 * What each public function of `node:fs` is, for `fail_fs`: the system calls it stands for, where
 * its path is, how many bytes it moves (for `space`). The callback, `Sync` and `fs.promises` forms
 * of a name share one entry; `FileHandle` and `Dir` methods have their own.
 */

/** Which of the call's paths the error names, as Node's error for that system call does. */
export type FsStagePaths = 'path' | 'path-dest' | 'none';

/** One system call a public function may fail in, as the error's `syscall` names it. */
export interface FsStage {
  readonly op: FsSyscall;
  readonly paths: FsStagePaths;
  /** The errno when the knob is empty, if not the first of the system call's table. */
  readonly errno?: string;
}

/**
 * What the first argument is: a path (`path`), a path and a destination (`path-dest`), a file
 * descriptor (`fd`), a path, descriptor or `FileHandle` (`file`, as `readFile` takes), a
 * `mkdtemp` prefix (`prefix`), or nothing (`FileHandle` and `Dir` methods: the object is `this`).
 */
export type FsTarget = 'path' | 'path-dest' | 'fd' | 'file' | 'prefix' | 'this';

/**
 * The bytes a call moves: none, those a read asks for, a write gives, `readv`/`writev`'s buffers,
 * `writeFile`'s data, or the size of the file `readFile` reads.
 */
export type FsSize = 'none' | 'read' | 'write' | 'vector' | 'data' | 'file';

/** A public function of `node:fs`. */
export interface FsCall {
  /**
   * The system calls it may fail in, the default first (the one whose failure tells most: a write of
   * `writeFile`, where the disk fills up). `ops` and `errno` choose among them.
   */
  readonly stages: readonly FsStage[];
  readonly target: FsTarget;
  readonly size: FsSize;
}

const path = (op: FsSyscall, errno?: string): FsStage => (errno === undefined ? { op, paths: 'path' } : { op, paths: 'path', errno });
const both = (op: FsSyscall): FsStage => ({ op, paths: 'path-dest' });
const bare = (op: FsSyscall): FsStage => ({ op, paths: 'none' });

const onPath = (op: FsSyscall, errno?: string): FsCall => ({ stages: [path(op, errno)], target: 'path', size: 'none' });
const onFd = (op: FsSyscall, size: FsSize = 'none'): FsCall => ({ stages: [bare(op)], target: 'fd', size });
const onTwo = (op: FsSyscall): FsCall => ({ stages: [both(op)], target: 'path-dest', size: 'none' });

/**
 * The functions of `fs` (callback form; `<name>Sync` is the same call) and of `fs.promises`, by name.
 * A write of `writeFile` and `appendFile` fails after the file was opened, as a full disk fails it:
 * `writeFile` has truncated it by then.
 */
export const FS_CALLS = {
  access: onPath('access'),
  appendFile: { stages: [bare('write'), path('open')], target: 'file', size: 'data' },
  chmod: onPath('chmod'),
  chown: onPath('chown'),
  close: onFd('close'),
  copyFile: onTwo('copyfile'),
  cp: { stages: [path('lstat'), both('copyfile')], target: 'path-dest', size: 'none' },
  exists: onPath('access'),
  fchmod: onFd('fchmod'),
  fchown: onFd('fchown'),
  fdatasync: onFd('fdatasync'),
  fstat: onFd('fstat'),
  fsync: onFd('fsync'),
  ftruncate: onFd('ftruncate'),
  futimes: onFd('futime'),
  lchown: onPath('lchown'),
  link: onTwo('link'),
  lstat: onPath('lstat'),
  lutimes: onPath('lutime'),
  mkdir: onPath('mkdir'),
  mkdtemp: { stages: [path('mkdtemp')], target: 'prefix', size: 'none' },
  open: onPath('open'),
  opendir: onPath('opendir'),
  read: onFd('read', 'read'),
  readdir: onPath('scandir'),
  readFile: { stages: [path('open'), bare('read')], target: 'file', size: 'file' },
  readlink: onPath('readlink'),
  readv: onFd('read', 'vector'),
  // The JavaScript realpath walks the path with lstat; realpath.native and fs.promises.realpath call realpath(3).
  realpath: onPath('lstat'),
  rename: onTwo('rename'),
  // rm ignores ENOENT with force: it fails as a removal that is not allowed.
  rm: onPath('unlink', 'EACCES'),
  rmdir: onPath('rmdir'),
  stat: onPath('stat'),
  statfs: onPath('statfs'),
  symlink: onTwo('symlink'),
  truncate: { stages: [path('open'), bare('ftruncate')], target: 'path', size: 'none' },
  unlink: onPath('unlink'),
  utimes: onPath('utime'),
  write: onFd('write', 'write'),
  writeFile: { stages: [bare('write'), path('open')], target: 'file', size: 'data' },
  writev: onFd('write', 'vector'),
} as const satisfies Readonly<Record<string, FsCall>>;

/** `fs.openAsBlob`, which opens its file and resolves to a `Blob`. */
export const OPEN_AS_BLOB: FsCall = onPath('open');

/** `realpath.native`, `realpathSync.native` and `fs.promises.realpath`. */
export const REALPATH_NATIVE: FsCall = onPath('realpath');

/** The methods of `FileHandle` (`fs.promises.open`'s result); the handle is `this`. */
export const FILE_HANDLE_CALLS = {
  appendFile: { stages: [bare('write')], target: 'this', size: 'data' },
  chmod: { stages: [bare('fchmod')], target: 'this', size: 'none' },
  chown: { stages: [bare('fchown')], target: 'this', size: 'none' },
  close: { stages: [bare('close')], target: 'this', size: 'none' },
  datasync: { stages: [bare('fdatasync')], target: 'this', size: 'none' },
  read: { stages: [bare('read')], target: 'this', size: 'read' },
  readFile: { stages: [bare('read')], target: 'this', size: 'file' },
  readv: { stages: [bare('read')], target: 'this', size: 'vector' },
  stat: { stages: [bare('fstat')], target: 'this', size: 'none' },
  sync: { stages: [bare('fsync')], target: 'this', size: 'none' },
  truncate: { stages: [bare('ftruncate')], target: 'this', size: 'none' },
  utimes: { stages: [bare('futime')], target: 'this', size: 'none' },
  write: { stages: [bare('write')], target: 'this', size: 'write' },
  writeFile: { stages: [bare('write')], target: 'this', size: 'data' },
  writev: { stages: [bare('write')], target: 'this', size: 'vector' },
} as const satisfies Readonly<Record<string, FsCall>>;

/** The methods of `Dir` (`fs.opendir`'s result); the directory is `this`. */
export const DIR_CALLS = {
  read: { stages: [path('scandir')], target: 'this', size: 'none' },
  close: { stages: [bare('close')], target: 'this', size: 'none' },
} as const satisfies Readonly<Record<string, FsCall>>;

/** The names of `fs.promises`'s functions that `fail_fs` intercepts (the others are `FS_CALLS` names it lacks, or none). */
export const PROMISES_NAMES = [
  'access', 'appendFile', 'chmod', 'chown', 'copyFile', 'cp', 'lchown', 'lutimes', 'link', 'lstat', 'mkdir', 'mkdtemp', 'open',
  'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rename', 'rm', 'rmdir', 'stat', 'statfs', 'symlink', 'truncate',
  'unlink', 'utimes', 'writeFile',
] as const;
