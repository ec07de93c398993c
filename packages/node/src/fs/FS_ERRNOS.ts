/**
 * The errnos each file system call of `fail_fs` fails with when its `errno` knob is empty: the
 * first is the one a fault gives, the rest are the others the call really returns on Linux
 * (its man page's ERRORS that libuv names), which the `errno` knob accepts for it. The keys are
 * the `syscall` names Node reports in its errors (`scandir` for `readdir`, `copyfile` for
 * `copyFile`), which are also the names the `ops` knob takes.
 */
export const FS_ERRNOS = {
  access: ['ENOENT', 'EACCES', 'EROFS', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG'],
  chmod: ['EPERM', 'ENOENT', 'EACCES', 'EROFS', 'ENOTDIR'],
  chown: ['EPERM', 'ENOENT', 'EACCES', 'EROFS', 'ENOTDIR'],
  close: ['EIO', 'EBADF', 'EINTR', 'ENOSPC'],
  fchmod: ['EPERM', 'EBADF', 'EROFS', 'EIO'],
  fchown: ['EPERM', 'EBADF', 'EROFS', 'EIO'],
  fdatasync: ['EIO', 'ENOSPC', 'EBADF', 'EROFS'],
  futime: ['EPERM', 'EBADF', 'EROFS', 'EACCES'],
  copyfile: ['ENOENT', 'EACCES', 'ENOSPC', 'EEXIST', 'EISDIR', 'EIO'],
  fstat: ['EBADF', 'EIO'],
  fsync: ['EIO', 'ENOSPC', 'EBADF', 'EROFS'],
  ftruncate: ['EIO', 'EFBIG', 'EBADF', 'EINVAL', 'EPERM'],
  lchown: ['EPERM', 'ENOENT', 'EACCES', 'EROFS', 'ENOTDIR', 'ELOOP'],
  link: ['EEXIST', 'ENOENT', 'EXDEV', 'EACCES', 'EMLINK', 'ENOSPC', 'EPERM', 'EROFS'],
  lutime: ['EPERM', 'ENOENT', 'EACCES', 'EROFS', 'ENOTDIR'],
  lstat: ['ENOENT', 'EACCES', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EIO'],
  mkdir: ['EEXIST', 'ENOENT', 'EACCES', 'ENOSPC', 'ENOTDIR', 'EROFS', 'EMLINK'],
  mkdtemp: ['EEXIST', 'ENOENT', 'EACCES', 'ENOSPC', 'EROFS'],
  open: ['ENOENT', 'EACCES', 'EMFILE', 'ENFILE', 'ENOSPC', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EROFS', 'ELOOP', 'ENAMETOOLONG', 'EPERM', 'EIO'],
  opendir: ['ENOENT', 'EACCES', 'ENOTDIR', 'EMFILE', 'ENFILE'],
  read: ['EIO', 'EISDIR', 'EBADF', 'EAGAIN', 'EINTR', 'EINVAL'],
  readlink: ['ENOENT', 'EINVAL', 'EACCES', 'ENOTDIR', 'ELOOP', 'EIO'],
  realpath: ['ENOENT', 'EACCES', 'ELOOP', 'ENAMETOOLONG', 'ENOTDIR', 'EIO'],
  rename: ['EXDEV', 'EACCES', 'ENOENT', 'EBUSY', 'EEXIST', 'ENOTEMPTY', 'EISDIR', 'ENOTDIR', 'ENOSPC', 'EROFS', 'EPERM', 'EMLINK'],
  rmdir: ['ENOTEMPTY', 'ENOENT', 'EACCES', 'EBUSY', 'ENOTDIR', 'EROFS', 'EPERM'],
  scandir: ['ENOENT', 'EACCES', 'ENOTDIR', 'EMFILE', 'ENFILE', 'EIO'],
  stat: ['ENOENT', 'EACCES', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EIO'],
  statfs: ['ENOENT', 'EACCES', 'ENOTDIR', 'ELOOP', 'EIO'],
  symlink: ['EEXIST', 'ENOENT', 'EACCES', 'ENOSPC', 'EROFS', 'EPERM', 'ENOTDIR'],
  truncate: ['ENOENT', 'EACCES', 'EFBIG', 'EISDIR', 'EROFS', 'EIO', 'EPERM'],
  unlink: ['ENOENT', 'EACCES', 'EPERM', 'EBUSY', 'EISDIR', 'EROFS', 'EIO'],
  utime: ['EPERM', 'ENOENT', 'EACCES', 'EROFS', 'ENOTDIR'],
  write: ['ENOSPC', 'EIO', 'EFBIG', 'EBADF', 'EAGAIN', 'EPIPE', 'EINTR'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/** A file system call `fail_fs` knows, by the `syscall` name Node reports. */
export type FsSyscall = keyof typeof FS_ERRNOS;
