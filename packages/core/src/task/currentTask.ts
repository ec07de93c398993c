import { state } from '../state/sharedState';
import type { Task } from './Task';

/**
 * The task the running code belongs to: the innermost `runTask` around it, or the root task. Work
 * that a task left running after it ended belongs to the root task: the core disables its async
 * context whenever no task runs, and then cannot tell such work from the root's, so it never does.
 *
 * @returns the current task
 */
export function currentTask(): Task {
  const als = state.als;
  if (als === undefined) return state.root;
  const task = als.getStore();
  return task === undefined || task.ended ? state.root : task;
}
