import { ErrInjectError, isErrInjectError, showPath, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import { type ControlDir, listDir, readFile, resolve, type TreeName, writeFile } from './tree';

/**
 * One root of the control tree, the kernel's `/sys/kernel/debug` or `/proc`, with the operations of
 * `cat`, `echo >` and `ls`.
 */
export interface ControlTree {
  /**
   * Reads a file, as `cat` would.
   *
   * @param path - the file, such as `fail_function/probability`
   * @returns its content with the kernel's trailing newline (`"100\n"`)
   * @throws ErrInjectError ENOENT when there is no such path, EISDIR for a directory
   */
  read(path: string): string;
  /**
   * Writes a file, as `echo value >` would; a refused write changes nothing.
   *
   * @param path - the file
   * @param value - what to write; one trailing newline is allowed, as `echo` adds one
   * @throws ErrInjectError with `.code` the errno name (`EINVAL`, `ERANGE`, `EBUSY`, `ENOENT`,
   * `EPERM`, ...) and a message that names the path, the value and what is accepted
   */
  write(path: string, value: string): void;
  /**
   * Lists a directory, as `ls` would.
   *
   * @param dir - the directory; the root when omitted
   * @returns the names of its entries, in creation order
   * @throws ErrInjectError ENOENT, ENOTDIR
   */
  list(dir?: string): string[];
  /**
   * Tells whether a path names a directory, a file, or nothing.
   *
   * @param path - any path
   * @returns `'dir'`, `'file'`, or `undefined` when nothing is there
   */
  stat(path: string): 'dir' | 'file' | undefined;
}

/**
 * Makes the operations of one root.
 *
 * @param tree - its name, for messages
 * @param root - where its root directory is (read at each call: the state is shared)
 * @returns the tree's operations
 */
export function createControlTree(tree: TreeName, root: () => ControlDir): ControlTree {
  return {
    read: (path) => readFile(tree, root(), path),
    write(path, value) {
      if (state.off) {
        // A missing path is still ENOENT and a value that is no string still a type error: check
        // what writeFile checks first, then refuse.
        const node = resolve(tree, root(), path);
        if (node.kind === 'dir' || typeof value !== 'string') {
          writeFile(tree, root(), path, value);
        }
        throw new ErrInjectError(
          'EPERM',
          `${tree} ${showPath(path)}: cannot write ${showValue(value)} (EPERM: fault injection is switched off in this process by ERRINJECT=off)`,
          { path, value },
        );
      }
      writeFile(tree, root(), path, value);
    },
    list: (dir = '') => listDir(tree, root(), dir),
    stat(path) {
      try {
        return resolve(tree, root(), path).kind;
      } catch (error) {
        if (isErrInjectError(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return undefined;
        throw error;
      }
    },
  };
}
