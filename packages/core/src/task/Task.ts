/**
 * The kernel's per-task fault state (`task_struct.fail_nth`, `task_struct.make_it_fail`), kept for one
 * async context. Tasks are internal: code reaches the current one through `procfs` `self/...`.
 */
export interface Task {
  /** A number for diagnostics: 0 for the root task, then 1, 2, 3... in creation order. */
  readonly id: number;
  /** The fail-nth countdown: 0 when off, otherwise the calls still to go (unsigned 32-bit). */
  failNth: number;
  /** The make-it-fail flag, 0 or 1. */
  makeItFail: 0 | 1;
  /** Set when the task's function has returned or settled; work it leaves behind runs in the root task. */
  ended: boolean;
}

/**
 * Makes a task.
 *
 * @param id - its diagnostic number
 * @param makeItFail - its make-it-fail flag
 * @returns a task with fail-nth 0
 */
export function createTask(id: number, makeItFail: 0 | 1): Task {
  return { id, failNth: 0, makeItFail, ended: false };
}
