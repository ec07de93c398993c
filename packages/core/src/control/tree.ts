import { ErrInjectError, showPath, showValue } from '../errors/ErrInjectError';

/**
 * A file of the control tree: what `cat` and `echo >` do on a debugfs or procfs file. `write` is
 * absent on read-only files. A write either applies whole or throws an {@link ErrInjectError} and
 * changes nothing.
 */
export interface ControlFile {
  readonly kind: 'file';
  /** The file's content, with the kernel's trailing newline. */
  read(): string;
  /**
   * Parses and applies a write.
   *
   * @param value - the written string
   * @param path - the path as the caller named it, for error messages
   */
  readonly write?: (value: string, path: string) => void;
}

/** A directory of the control tree: its entries in creation order, as debugfs lists them. */
export interface ControlDir {
  readonly kind: 'dir';
  readonly entries: Map<string, ControlNode>;
}

/** A file or a directory. */
export type ControlNode = ControlFile | ControlDir;

/** Which tree a path belongs to, for messages: `debugfs` or `procfs`. */
export type TreeName = 'debugfs' | 'procfs';

/**
 * Makes an empty directory.
 *
 * @returns a directory with no entries
 */
export function createDir(): ControlDir {
  return { kind: 'dir', entries: new Map() };
}

/** The kernel's mount point of each tree, accepted in front of a path. */
const MOUNT_POINTS: Record<TreeName, string> = {
  debugfs: '/sys/kernel/debug',
  procfs: '/proc',
};

/** How many names an ENOENT message lists before it only counts the rest. */
const LISTED_NAMES = 12;

/** How many characters the names an ENOENT message lists may take together, roughly. */
const LISTED_CHARACTERS = 400;

/**
 * Lists names for a message: at most {@link LISTED_NAMES} and about {@link LISTED_CHARACTERS}
 * characters of them, each cut to a readable length, then how many more there are.
 *
 * @param names - a directory's entries, say
 * @returns `a, b and 3 more`, or `nothing`
 */
export function nameList(names: readonly string[]): string {
  if (names.length === 0) return 'nothing';
  const listed: string[] = [];
  let length = 0;
  for (const name of names) {
    const shown = showPath(name, 80);
    if (listed.length === LISTED_NAMES || (listed.length > 0 && length + shown.length > LISTED_CHARACTERS)) break;
    listed.push(shown);
    length += shown.length + 2;
  }
  const more = names.length - listed.length;
  return more === 0 ? listed.join(', ') : `${listed.join(', ')} and ${more} more`;
}

/**
 * Splits a path into its names. A leading `/`, the kernel's own mount point (`/sys/kernel/debug`,
 * `/proc`), repeated and trailing slashes are accepted; `.` and `..` are not.
 *
 * @param tree - which tree the path is in
 * @param path - the path as given
 * @returns the path's names, empty for the tree's root
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE when the path is not a string, ENOENT for `.` or `..`
 */
export function splitPath(tree: TreeName, path: unknown): string[] {
  if (typeof path !== 'string') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `${tree} path must be a string, got ${showValue(path)}`);
  }
  const mount = MOUNT_POINTS[tree];
  const rest = path === mount || path.startsWith(`${mount}/`) ? path.slice(mount.length) : path;
  const names = rest.split('/').filter((name) => name !== '');
  if (names.some((name) => name === '.' || name === '..')) {
    throw new ErrInjectError('ENOENT', `${tree} ${showValue(path)}: no such file or directory ('.' and '..' are not supported)`, {
      path,
    });
  }
  return names;
}

/**
 * Finds the node a path names.
 *
 * @param tree - which tree, for messages
 * @param root - the tree's root directory
 * @param path - the path as given
 * @returns the node
 * @throws ErrInjectError ENOENT when nothing is there, ENOTDIR when a file is used as a directory (a
 * trailing `/` included)
 */
export function resolve(tree: TreeName, root: ControlDir, path: unknown): ControlNode {
  const names = splitPath(tree, path);
  const asDirectory = (path as string).endsWith('/');
  let node: ControlNode = root;
  for (let i = 0; i < names.length; i++) {
    if (node.kind !== 'dir') {
      throw new ErrInjectError('ENOTDIR', `${tree} ${showPath(path as string)}: ${showPath(names.slice(0, i).join('/'))} is a file, not a directory`, {
        path: path as string,
      });
    }
    const next: ControlNode | undefined = node.entries.get(names[i] as string);
    if (next === undefined) {
      const here = names.slice(0, i).join('/');
      throw new ErrInjectError(
        'ENOENT',
        `${tree} ${showPath(path as string)}: no such file or directory; ${here === '' ? 'the root' : showPath(here)} holds ${nameList([...node.entries.keys()])}`,
        { path: path as string },
      );
    }
    node = next;
  }
  if (asDirectory && node.kind === 'file') {
    throw new ErrInjectError('ENOTDIR', `${tree} ${showPath(path as string)}: ${showPath(names.join('/'))} is a file, not a directory (drop the trailing /)`, {
      path: path as string,
    });
  }
  return node;
}

/**
 * Reads a file.
 *
 * @param tree - which tree, for messages
 * @param root - the tree's root
 * @param path - the file's path
 * @returns its content, with the trailing newline
 * @throws ErrInjectError ENOENT, ENOTDIR, EISDIR
 */
export function readFile(tree: TreeName, root: ControlDir, path: string): string {
  const node = resolve(tree, root, path);
  if (node.kind === 'dir') {
    throw new ErrInjectError('EISDIR', `${tree} ${showPath(path)}: is a directory; list it instead`, { path });
  }
  return node.read();
}

/**
 * Writes a file.
 *
 * @param tree - which tree, for messages
 * @param root - the tree's root
 * @param path - the file's path
 * @param value - the string to write
 * @throws ErrInjectError ENOENT, ENOTDIR, EISDIR, EACCES for a read-only file, or what the file refuses
 */
export function writeFile(tree: TreeName, root: ControlDir, path: string, value: string): void {
  const node = resolve(tree, root, path);
  if (node.kind === 'dir') {
    throw new ErrInjectError('EISDIR', `${tree} ${showPath(path)}: is a directory; write to one of its files`, { path });
  }
  if (typeof value !== 'string') {
    throw new ErrInjectError(
      'ERR_INVALID_ARG_TYPE',
      `${tree} ${showPath(path)}: the value written must be a string (as with echo), got ${showValue(value)}`,
      { path },
    );
  }
  if (node.write === undefined) {
    throw new ErrInjectError('EACCES', `${tree} ${showPath(path)}: cannot write ${showValue(value)}: the file is read-only; it can only be read`, {
      path,
      value,
    });
  }
  node.write(value, path);
}

/**
 * Lists a directory.
 *
 * @param tree - which tree, for messages
 * @param root - the tree's root
 * @param path - the directory's path; the root when empty
 * @returns the names of its entries, in creation order
 * @throws ErrInjectError ENOENT, ENOTDIR
 */
export function listDir(tree: TreeName, root: ControlDir, path: string): string[] {
  const node = resolve(tree, root, path);
  if (node.kind !== 'dir') {
    throw new ErrInjectError('ENOTDIR', `${tree} ${showPath(path)}: is a file, not a directory; read it instead`, { path });
  }
  return [...node.entries.keys()];
}
