import type { EntryPoint } from '../attr/captureCallerFrames';
import { faultNoticeChannel } from './faultNoticeChannel';
import { PendingNotice, pendingNotices } from './pendingNotices';

/**
 * Publishes a fault's notice on the notice channel, to be settled with the caller's call site by
 * the entry point the caller called ({@link settleFaultSites}). Call it only while the channel has
 * subscribers.
 *
 * @param capability - the capability's name
 * @param fn - for `fail_function`, the error-injectable function that failed
 * @param failNth - whether the task's fail-nth caused the fault
 * @param taskId - the id of the calling task
 * @param entry - the errinject function the caller called
 * @internal
 */
export function publishFaultNotice(capability: string, fn: string | undefined, failNth: boolean, taskId: number, entry: EntryPoint): void {
  const notice = new PendingNotice(capability, fn, failNth, taskId, entry);
  // Pushed before publishing, so that it lies below the notices of any fault its subscribers cause.
  pendingNotices.push(notice);
  faultNoticeChannel.publish(notice);
}
