import { declareIoCapability, type IoCapability } from '../intercept/declareIoCapability';
import { FS_ERRNOS, type FsSyscall } from './FS_ERRNOS';

/** The capability's name and debugfs directory. */
export const FAIL_FS = 'fail_fs';

/**
 * `fail_fs` and its own knobs: `ops` the system calls that may fail (`open write rename`), by the
 * names errors give; `path-filter` the paths; `errno` the errno every failure gives.
 */
export type FailFs = IoCapability;

/**
 * Declares `fail_fs`.
 *
 * @returns the capability
 */
export function declareFailFs(): FailFs {
  return declareIoCapability(FAIL_FS, Object.keys(FS_ERRNOS) as FsSyscall[]);
}
