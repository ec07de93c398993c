import { AllowErrorInjection, EI_TYPE_ERRNO, EI_TYPE_NULL, errno, errPtr, type ErrPtr, isErr, ptrErr } from '@errinject/core';

/**
 * A small model of the kernel's socketpair(2) path (`net/socket.c`, `__sys_socketpair`): descriptors,
 * slab allocations, socket creation, the pair's connection and the files, each step able to fail the
 * way its kernel counterpart does, and each error path releasing what the steps before it took.
 */

/** The open-file table: descriptors in use. */
const fdTable = new Set<number>();
/** Live slab objects, to show that every error path gives back what it took. */
let liveObjects = 0;

/** The slab allocator. */
export class Slab {
  /** `kmalloc`: an object of `size` bytes, or null. */
  @AllowErrorInjection(EI_TYPE_NULL)
  static kmalloc(size: number): Buffer | null {
    liveObjects++;
    return Buffer.alloc(size);
  }

  /** `kfree`. */
  static kfree(object: Buffer | null): void {
    if (object !== null) liveObjects--;
  }

  /** Objects allocated and not freed. */
  static get live(): number {
    return liveObjects;
  }
}

/** File descriptors. */
export class Fd {
  /** `get_unused_fd_flags`: the lowest free descriptor, or a negative errno. */
  @AllowErrorInjection(EI_TYPE_ERRNO)
  static getUnused(): number {
    let fd = 3;
    while (fdTable.has(fd)) fd++;
    fdTable.add(fd);
    return fd;
  }

  /** `put_unused_fd`. */
  static put(fd: number): void {
    fdTable.delete(fd);
  }
}

/** A socket: an inode and its protocol state. */
export class Sock {
  private constructor(
    readonly inode: Buffer,
    readonly sk: Buffer,
  ) {}

  /** `sock_create`: a new socket, or an ErrPtr. */
  @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
  static create(): Sock | ErrPtr {
    const inode = Slab.kmalloc(64);
    if (inode === null) return errPtr(-errno.ENFILE);
    const sk = Slab.kmalloc(128);
    if (sk === null) {
      Slab.kfree(inode);
      return errPtr(-errno.ENOMEM);
    }
    return new Sock(inode, sk);
  }

  /** `sock_release`. */
  release(): void {
    Slab.kfree(this.sk);
    Slab.kfree(this.inode);
  }

  /** `unix_socketpair`: connects two sockets, or returns a negative errno. */
  @AllowErrorInjection(EI_TYPE_ERRNO)
  static connectPair(a: Sock, b: Sock): number {
    return a === b ? -errno.EINVAL : 0;
  }
}

/** An open file on a socket. */
export class SockFile {
  private constructor(
    readonly sock: Sock,
    readonly file: Buffer,
  ) {}

  /** `sock_alloc_file`: a file for the socket, or an ErrPtr. */
  @AllowErrorInjection(EI_TYPE_ERRNO, { errPtr: true })
  static alloc(sock: Sock): SockFile | ErrPtr {
    const file = Slab.kmalloc(256);
    if (file === null) return errPtr(-errno.ENFILE);
    return new SockFile(sock, file);
  }

  /** `fput`, which releases the socket with the file. */
  put(): void {
    Slab.kfree(this.file);
    this.sock.release();
  }
}

/** The errno of the last failed call, as the C library keeps it. */
export let lastErrno = 0;

function fail(error: number): number {
  lastErrno = -error;
  return -1;
}

/**
 * `socketpair(AF_UNIX, SOCK_STREAM, 0, sv)`: two connected sockets' descriptors in `sv`, or -1 with
 * `lastErrno` set.
 *
 * @param sv - receives the two descriptors
 * @returns 0, or -1 on failure
 */
export function socketpair(sv: number[]): number {
  const fd1 = Fd.getUnused();
  if (fd1 < 0) return fail(fd1);
  const fd2 = Fd.getUnused();
  if (fd2 < 0) {
    Fd.put(fd1);
    return fail(fd2);
  }
  const sock1 = Sock.create();
  if (isErr(sock1)) {
    Fd.put(fd2);
    Fd.put(fd1);
    return fail(ptrErr(sock1));
  }
  const sock2 = Sock.create();
  if (isErr(sock2)) {
    sock1.release();
    Fd.put(fd2);
    Fd.put(fd1);
    return fail(ptrErr(sock2));
  }
  const connected = Sock.connectPair(sock1, sock2);
  if (connected < 0) {
    sock2.release();
    sock1.release();
    Fd.put(fd2);
    Fd.put(fd1);
    return fail(connected);
  }
  const file1 = SockFile.alloc(sock1);
  if (isErr(file1)) {
    sock2.release();
    sock1.release();
    Fd.put(fd2);
    Fd.put(fd1);
    return fail(ptrErr(file1));
  }
  const file2 = SockFile.alloc(sock2);
  if (isErr(file2)) {
    file1.put();
    sock2.release();
    Fd.put(fd2);
    Fd.put(fd1);
    return fail(ptrErr(file2));
  }
  sv[0] = fd1;
  sv[1] = fd2;
  openFiles.set(fd1, file1);
  openFiles.set(fd2, file2);
  return 0;
}

const openFiles = new Map<number, SockFile>();

/**
 * `close(fd)`.
 *
 * @param fd - a descriptor from socketpair
 */
export function close(fd: number): void {
  openFiles.get(fd)?.put();
  openFiles.delete(fd);
  Fd.put(fd);
}
