import type { ControlTreeName } from './ControlClient';

/** A path of the control tree, with the tree it belongs to. */
export interface ControlPath {
  readonly tree: ControlTreeName;
  readonly path: string;
}

/**
 * Tells which tree a path given to ei-ctl addresses, as the boot configuration does: `self`,
 * `self/...`, `/proc` and `/proc/...` are procfs (the task files, `self/fail-nth`,
 * `/proc/self/make-it-fail`); everything else is debugfs (`fail_function/times`,
 * `/sys/kernel/debug/fail_function/inject`). The path goes to the process as written; its tree takes
 * the kernel's own prefixes.
 *
 * @param path - the path as the user wrote it
 * @returns the tree and the path
 */
export function resolveControlPath(path: string): ControlPath {
  const procfs = path === 'self' || path.startsWith('self/') || path === '/proc' || path.startsWith('/proc/');
  return { tree: procfs ? 'procfs' : 'debugfs', path };
}
