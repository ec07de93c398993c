import { ErrInjectError, showValue } from '../errors/ErrInjectError';

/**
 * The Linux errno numbering (`include/uapi/asm-generic/errno-base.h`, `errno.h`), with the C library's
 * messages, and the kernel-internal codes of `include/linux/errno.h` (512 and above). Generated once
 * from Python's `errno` table on Linux; `test/errno/errno.test.ts` checks it against
 * `os.constants.errno`.
 */
const ROWS = [
  [1, 'EPERM', 'Operation not permitted'],
  [2, 'ENOENT', 'No such file or directory'],
  [3, 'ESRCH', 'No such process'],
  [4, 'EINTR', 'Interrupted system call'],
  [5, 'EIO', 'Input/output error'],
  [6, 'ENXIO', 'No such device or address'],
  [7, 'E2BIG', 'Argument list too long'],
  [8, 'ENOEXEC', 'Exec format error'],
  [9, 'EBADF', 'Bad file descriptor'],
  [10, 'ECHILD', 'No child processes'],
  [11, 'EAGAIN', 'Resource temporarily unavailable'],
  [12, 'ENOMEM', 'Cannot allocate memory'],
  [13, 'EACCES', 'Permission denied'],
  [14, 'EFAULT', 'Bad address'],
  [15, 'ENOTBLK', 'Block device required'],
  [16, 'EBUSY', 'Device or resource busy'],
  [17, 'EEXIST', 'File exists'],
  [18, 'EXDEV', 'Invalid cross-device link'],
  [19, 'ENODEV', 'No such device'],
  [20, 'ENOTDIR', 'Not a directory'],
  [21, 'EISDIR', 'Is a directory'],
  [22, 'EINVAL', 'Invalid argument'],
  [23, 'ENFILE', 'Too many open files in system'],
  [24, 'EMFILE', 'Too many open files'],
  [25, 'ENOTTY', 'Inappropriate ioctl for device'],
  [26, 'ETXTBSY', 'Text file busy'],
  [27, 'EFBIG', 'File too large'],
  [28, 'ENOSPC', 'No space left on device'],
  [29, 'ESPIPE', 'Illegal seek'],
  [30, 'EROFS', 'Read-only file system'],
  [31, 'EMLINK', 'Too many links'],
  [32, 'EPIPE', 'Broken pipe'],
  [33, 'EDOM', 'Numerical argument out of domain'],
  [34, 'ERANGE', 'Numerical result out of range'],
  [35, 'EDEADLK', 'Resource deadlock avoided'],
  [36, 'ENAMETOOLONG', 'File name too long'],
  [37, 'ENOLCK', 'No locks available'],
  [38, 'ENOSYS', 'Function not implemented'],
  [39, 'ENOTEMPTY', 'Directory not empty'],
  [40, 'ELOOP', 'Too many levels of symbolic links'],
  [42, 'ENOMSG', 'No message of desired type'],
  [43, 'EIDRM', 'Identifier removed'],
  [44, 'ECHRNG', 'Channel number out of range'],
  [45, 'EL2NSYNC', 'Level 2 not synchronized'],
  [46, 'EL3HLT', 'Level 3 halted'],
  [47, 'EL3RST', 'Level 3 reset'],
  [48, 'ELNRNG', 'Link number out of range'],
  [49, 'EUNATCH', 'Protocol driver not attached'],
  [50, 'ENOCSI', 'No CSI structure available'],
  [51, 'EL2HLT', 'Level 2 halted'],
  [52, 'EBADE', 'Invalid exchange'],
  [53, 'EBADR', 'Invalid request descriptor'],
  [54, 'EXFULL', 'Exchange full'],
  [55, 'ENOANO', 'No anode'],
  [56, 'EBADRQC', 'Invalid request code'],
  [57, 'EBADSLT', 'Invalid slot'],
  [59, 'EBFONT', 'Bad font file format'],
  [60, 'ENOSTR', 'Device not a stream'],
  [61, 'ENODATA', 'No data available'],
  [62, 'ETIME', 'Timer expired'],
  [63, 'ENOSR', 'Out of streams resources'],
  [64, 'ENONET', 'Machine is not on the network'],
  [65, 'ENOPKG', 'Package not installed'],
  [66, 'EREMOTE', 'Object is remote'],
  [67, 'ENOLINK', 'Link has been severed'],
  [68, 'EADV', 'Advertise error'],
  [69, 'ESRMNT', 'Srmount error'],
  [70, 'ECOMM', 'Communication error on send'],
  [71, 'EPROTO', 'Protocol error'],
  [72, 'EMULTIHOP', 'Multihop attempted'],
  [73, 'EDOTDOT', 'RFS specific error'],
  [74, 'EBADMSG', 'Bad message'],
  [75, 'EOVERFLOW', 'Value too large for defined data type'],
  [76, 'ENOTUNIQ', 'Name not unique on network'],
  [77, 'EBADFD', 'File descriptor in bad state'],
  [78, 'EREMCHG', 'Remote address changed'],
  [79, 'ELIBACC', 'Can not access a needed shared library'],
  [80, 'ELIBBAD', 'Accessing a corrupted shared library'],
  [81, 'ELIBSCN', '.lib section in a.out corrupted'],
  [82, 'ELIBMAX', 'Attempting to link in too many shared libraries'],
  [83, 'ELIBEXEC', 'Cannot exec a shared library directly'],
  [84, 'EILSEQ', 'Invalid or incomplete multibyte or wide character'],
  [85, 'ERESTART', 'Interrupted system call should be restarted'],
  [86, 'ESTRPIPE', 'Streams pipe error'],
  [87, 'EUSERS', 'Too many users'],
  [88, 'ENOTSOCK', 'Socket operation on non-socket'],
  [89, 'EDESTADDRREQ', 'Destination address required'],
  [90, 'EMSGSIZE', 'Message too long'],
  [91, 'EPROTOTYPE', 'Protocol wrong type for socket'],
  [92, 'ENOPROTOOPT', 'Protocol not available'],
  [93, 'EPROTONOSUPPORT', 'Protocol not supported'],
  [94, 'ESOCKTNOSUPPORT', 'Socket type not supported'],
  [95, 'EOPNOTSUPP', 'Operation not supported'],
  [96, 'EPFNOSUPPORT', 'Protocol family not supported'],
  [97, 'EAFNOSUPPORT', 'Address family not supported by protocol'],
  [98, 'EADDRINUSE', 'Address already in use'],
  [99, 'EADDRNOTAVAIL', 'Cannot assign requested address'],
  [100, 'ENETDOWN', 'Network is down'],
  [101, 'ENETUNREACH', 'Network is unreachable'],
  [102, 'ENETRESET', 'Network dropped connection on reset'],
  [103, 'ECONNABORTED', 'Software caused connection abort'],
  [104, 'ECONNRESET', 'Connection reset by peer'],
  [105, 'ENOBUFS', 'No buffer space available'],
  [106, 'EISCONN', 'Transport endpoint is already connected'],
  [107, 'ENOTCONN', 'Transport endpoint is not connected'],
  [108, 'ESHUTDOWN', 'Cannot send after transport endpoint shutdown'],
  [109, 'ETOOMANYREFS', 'Too many references: cannot splice'],
  [110, 'ETIMEDOUT', 'Connection timed out'],
  [111, 'ECONNREFUSED', 'Connection refused'],
  [112, 'EHOSTDOWN', 'Host is down'],
  [113, 'EHOSTUNREACH', 'No route to host'],
  [114, 'EALREADY', 'Operation already in progress'],
  [115, 'EINPROGRESS', 'Operation now in progress'],
  [116, 'ESTALE', 'Stale file handle'],
  [117, 'EUCLEAN', 'Structure needs cleaning'],
  [118, 'ENOTNAM', 'Not a XENIX named type file'],
  [119, 'ENAVAIL', 'No XENIX semaphores available'],
  [120, 'EISNAM', 'Is a named type file'],
  [121, 'EREMOTEIO', 'Remote I/O error'],
  [122, 'EDQUOT', 'Disk quota exceeded'],
  [123, 'ENOMEDIUM', 'No medium found'],
  [124, 'EMEDIUMTYPE', 'Wrong medium type'],
  [125, 'ECANCELED', 'Operation canceled'],
  [126, 'ENOKEY', 'Required key not available'],
  [127, 'EKEYEXPIRED', 'Key has expired'],
  [128, 'EKEYREVOKED', 'Key has been revoked'],
  [129, 'EKEYREJECTED', 'Key was rejected by service'],
  [130, 'EOWNERDEAD', 'Owner died'],
  [131, 'ENOTRECOVERABLE', 'State not recoverable'],
  [132, 'ERFKILL', 'Operation not possible due to RF-kill'],
  [133, 'EHWPOISON', 'Memory page has hardware error'],
  [512, 'ERESTARTSYS', 'Restart the system call (kernel internal)'],
  [513, 'ERESTARTNOINTR', 'Restart the system call, not interruptible (kernel internal)'],
  [514, 'ERESTARTNOHAND', 'Restart if no signal handler (kernel internal)'],
  [515, 'ENOIOCTLCMD', 'No ioctl command (kernel internal)'],
  [516, 'ERESTART_RESTARTBLOCK', 'Restart by calling sys_restart_syscall (kernel internal)'],
  [517, 'EPROBE_DEFER', 'Driver requests probe retry (kernel internal)'],
  [518, 'EOPENSTALE', 'Open found a stale dentry (kernel internal)'],
  [519, 'ENOPARAM', 'Parameter not supported (kernel internal)'],
  [521, 'EBADHANDLE', 'Illegal NFS file handle (kernel internal)'],
  [522, 'ENOTSYNC', 'Update synchronization mismatch (kernel internal)'],
  [523, 'EBADCOOKIE', 'Cookie is stale (kernel internal)'],
  [524, 'ENOTSUPP', 'Operation is not supported (kernel internal)'],
  [525, 'ETOOSMALL', 'Buffer or request is too small (kernel internal)'],
  [526, 'ESERVERFAULT', 'An untranslatable error occurred (kernel internal)'],
  [527, 'EBADTYPE', 'Type not supported by server (kernel internal)'],
  [528, 'EJUKEBOX', 'Request initiated, but will not complete before timeout (kernel internal)'],
  [529, 'EIOCBQUEUED', 'iocb queued, will get completion event (kernel internal)'],
  [530, 'ERECALLCONFLICT', 'Conflict with recalled state (kernel internal)'],
  [531, 'ENOGRACE', 'NFS file lock reclaim refused (kernel internal)'],
] as const;

/** Names that share a number with a row of their own. */
const ALIASES = { EWOULDBLOCK: 11, EDEADLOCK: 35, ENOTSUP: 95 } as const;

type Row = (typeof ROWS)[number];

/** Every errno name with its Linux number, aliases included. */
export type ErrnoNumbers = { readonly [R in Row as R[1]]: R[0] } & typeof ALIASES;

/** A name of the errno table, such as `'ENOMEM'`. */
export type ErrnoName = keyof ErrnoNumbers;

/** Every errno name with its Linux number: `errno.EPERM === 1`, `errno.ENOMEM === 12`. */
export const errno: ErrnoNumbers = Object.freeze({
  ...Object.fromEntries(ROWS.map(([number, name]) => [name, number])),
  ...ALIASES,
}) as ErrnoNumbers;

/** One row of the errno table. */
export interface ErrnoEntry {
  /** The positive Linux number. */
  readonly number: number;
  /** The canonical name (aliases such as `EWOULDBLOCK` are not rows of their own). */
  readonly name: ErrnoName;
  /** The C library's message, as `strerror` gives it. */
  readonly message: string;
  /** True for the codes the kernel uses internally and never returns to user space (512 and above). */
  readonly internal: boolean;
}

/** The whole table, one row per number, in ascending order. */
export const errnoTable: readonly ErrnoEntry[] = Object.freeze(
  ROWS.map(([number, name, message]): ErrnoEntry => Object.freeze({ number, name, message, internal: number >= 512 })),
);

const byNumber = new Map<number, ErrnoEntry>(errnoTable.map((entry) => [entry.number, entry]));

/**
 * Looks up an errno by number. The sign is ignored, so the kernel's `-ENOMEM` and `ENOMEM` both find it.
 *
 * @param value - an errno number, positive or negative
 * @returns the table row, or `undefined` when the number names no errno
 */
export function getErrno(value: number): ErrnoEntry | undefined {
  return byNumber.get(Math.abs(value));
}

/**
 * Looks up an errno by number, or says that there is none.
 *
 * @param value - an errno number, positive or negative
 * @returns the table row
 * @throws ErrInjectError ERR_INVALID_ARG_VALUE when the number names no errno
 */
export function getErrnoOrThrow(value: number): ErrnoEntry {
  const entry = getErrno(value);
  if (entry === undefined) {
    throw new ErrInjectError(
      'ERR_INVALID_ARG_VALUE',
      `${showValue(value)} is not an errno number; the table holds 1 to 133 and the kernel-internal 512 to 531 (either sign)`,
    );
  }
  return entry;
}

/**
 * Tells whether a string is a name of the errno table (aliases included).
 *
 * @param name - a candidate such as `'ENOMEM'`
 * @returns true when `errno[name]` exists
 */
export function isErrnoName(name: string): name is ErrnoName {
  return Object.prototype.hasOwnProperty.call(errno, name);
}
