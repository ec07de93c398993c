import * as diagnosticsChannel from 'node:diagnostics_channel';

/**
 * The core's notice of every function marked error-injectable, for the fault report file
 * (`ERRINJECT_REPORT`), which lists them as they are marked, so that a process killed by a signal
 * has said which functions it marked. A diagnostics channel, global by name as the fault notices
 * are: a function marked through one copy of the core reaches the report of another. Publishing
 * costs nothing while nobody listens.
 *
 * @internal
 */
export const MARK_NOTICE_CHANNEL = 'errinject:mark-notice';

/**
 * What {@link MARK_NOTICE_CHANNEL} carries: the function as `fail_function/injectable` lists it.
 *
 * @internal
 */
export interface MarkNotice {
  readonly name: string;
  /** `NULL`, `ERRNO`, `ERRNO_NULL` or `TRUE`. */
  readonly type: string;
}

/** @internal The channel. */
export const markNoticeChannel = diagnosticsChannel.channel(MARK_NOTICE_CHANNEL);
