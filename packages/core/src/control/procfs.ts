import { state } from '../state/sharedState';
import { type ControlTree, createControlTree } from './ControlTree';

/**
 * The kernel's procfs, as far as fault injection goes: `self/fail-nth` and `self/make-it-fail` of the
 * current task. A leading `/proc/` in a path is accepted.
 */
export const procfs: ControlTree = createControlTree('procfs', () => state.procfs);
