import { state } from '../state/sharedState';
import { type ControlTree, createControlTree } from './ControlTree';

/**
 * The kernel's debugfs (`/sys/kernel/debug`): one directory per capability, `fail_function/` among
 * them, each with the generic knobs. A leading `/sys/kernel/debug/` in a path is accepted.
 */
export const debugfs: ControlTree = createControlTree('debugfs', () => state.debugfs);
