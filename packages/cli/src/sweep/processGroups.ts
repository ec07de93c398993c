/**
 * The process groups failcmd starts and has not seen end: a sweep's runs and their checks. Each is
 * killed, whole, when failcmd exits in any way but a SIGKILL (or another signal it does not handle),
 * so that no run or check outlives it.
 */

/** The groups going on: the pids of their leaders (a group's id is its leader's pid). */
const liveGroups = new Set<number>();
let killOnExitInstalled = false;

/**
 * Kills a whole process group; nothing happens when it has no process left.
 *
 * @param pid - the group's leader, or `undefined` for a process that never started
 */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Every process of the group has exited already.
  }
}

/** Kills every group going on, synchronously, as this process exits. */
function killLiveGroups(): void {
  for (const pid of liveGroups) killGroup(pid);
}

/**
 * Notes a group as going on; the first time, makes this process kill every group going on as it exits.
 *
 * @param pid - the group's leader
 */
export function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  if (!killOnExitInstalled) {
    process.on('exit', killLiveGroups);
    killOnExitInstalled = true;
  }
  liveGroups.add(pid);
}

/**
 * Notes that a group ended.
 *
 * @param pid - the group's leader
 */
export function untrackGroup(pid: number | undefined): void {
  if (pid !== undefined) liveGroups.delete(pid);
}
