import { captureCallSite } from './captureCallSite';
import type { FaultNotice, SiteReceiver } from './faultNoticeChannel';

/**
 * Asks a fault's notice for the caller's call site ({@link FaultNotice.requestSite}). A notice
 * published by another copy of the core that predates the request has no `requestSite`: its site
 * is taken at once, as such copies expect, from inside the faulted call.
 *
 * @param notice - a notice, while it is published
 * @param receive - gets the call site, before the faulted call returns to its caller
 * @internal
 */
export function requestSite(notice: FaultNotice, receive: SiteReceiver): void {
  if (typeof (notice as Partial<FaultNotice>).requestSite === 'function') notice.requestSite(receive);
  else receive(captureCallSite(notice.entry));
}
