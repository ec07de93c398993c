import { declareIoCapability, type IoCapability } from '../intercept/declareIoCapability';
import { SPAWN_CALLS, type SpawnName } from './SPAWN_CALLS';

/** The capability's name and debugfs directory. */
export const FAIL_SPAWN = 'fail_spawn';

/**
 * `fail_spawn` and its own knobs: `ops` the functions of `child_process` that may fail (`spawn
 * execSync`), `path-filter` the commands (`git`, `/usr/bin/*`, `npm *`), `errno` the errno every
 * failure gives.
 */
export type FailSpawn = IoCapability;

/**
 * Declares `fail_spawn`.
 *
 * @returns the capability
 */
export function declareFailSpawn(): FailSpawn {
  return declareIoCapability(FAIL_SPAWN, Object.keys(SPAWN_CALLS) as SpawnName[]);
}
