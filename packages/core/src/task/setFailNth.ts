import { refreshAllGates } from '../attr/refreshGate';
import { state } from '../state/sharedState';
import type { Task } from './Task';

/**
 * Sets a task's fail-nth, keeping the count of armed tasks, and with it every capability's gate, up
 * to date.
 *
 * @param task - a live task
 * @param n - the new countdown, an unsigned 32-bit integer
 */
export function setFailNth(task: Task, n: number): void {
  const wasArmed = task.failNth !== 0;
  task.failNth = n;
  const isArmed = n !== 0;
  if (wasArmed === isArmed) return;
  state.armedTasks += isArmed ? 1 : -1;
  // Gates change only when the first task arms or the last one disarms.
  if (state.armedTasks === (isArmed ? 1 : 0)) refreshAllGates();
}
