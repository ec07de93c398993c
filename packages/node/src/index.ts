/**
 * `@errinject/node`: the Node.js core capabilities (`fail_fs`, `fail_net`, `fail_spawn`). Loading
 * this module changes nothing; `@errinject/node/register` (or {@link registerNodeCapabilities})
 * puts the capabilities in place.
 *
 * @packageDocumentation
 */
export { registerNodeCapabilities, chosenCapabilities, NODE_CAPABILITIES, NODE_CAPABILITIES_ENV } from './registerNodeCapabilities';
export { FAIL_FS } from './fs/failFs';
export { FS_CALLS, FILE_HANDLE_CALLS, DIR_CALLS, type FsCall, type FsStage, type FsStagePaths, type FsTarget, type FsSize } from './fs/FS_CALLS';
export { FS_ERRNOS, type FsSyscall } from './fs/FS_ERRNOS';
export { fsError, type FsError, type FsErrorSite } from './fs/fsError';
