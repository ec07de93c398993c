import { refreshAllGates } from '../attr/gate';
import { state } from '../state/sharedState';
import type { Task } from './Task';

/**
 * The task the running code belongs to: the innermost `runTask` around it, or the root task. Work a
 * task left behind after it ended runs in the root task, as nothing outlives its task in the kernel.
 *
 * @returns the current task
 */
export function currentTask(): Task {
  const als = state.als;
  if (als === undefined) return state.root;
  const task = als.getStore();
  return task === undefined || task.ended ? state.root : task;
}

/**
 * Sets a task's fail-nth, keeping the count of armed tasks (and with it every gate) up to date.
 *
 * @param task - the task
 * @param n - the new countdown, an unsigned 32-bit integer
 */
export function setFailNth(task: Task, n: number): void {
  const wasArmed = task.failNth !== 0;
  task.failNth = n;
  const isArmed = n !== 0;
  if (wasArmed === isArmed || task.ended) return;
  state.armedTasks += isArmed ? 1 : -1;
  // Gates change only when the first task arms or the last one disarms.
  if (state.armedTasks === (isArmed ? 1 : 0)) refreshAllGates();
}
