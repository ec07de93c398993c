/**
 * `@errinject/node`: the Node.js core capabilities (`fail_fs`, `fail_net`, `fail_spawn`). Being
 * built (issue 12): what it exports so far is the groundwork of `fail_fs`, the errno table of its
 * calls and the errors they fail with.
 */
export { FS_ERRNOS, type FsSyscall } from './fs/FS_ERRNOS';
export { fsError, type FsError, type FsErrorSite } from './fs/fsError';
