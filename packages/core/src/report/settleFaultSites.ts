import { type PendingNotice, pendingNotices } from './pendingNotices';
import { readCallSite } from './readCallSite';

/**
 * The object to take the caller's call site on for the notices published since an entry point's
 * decision began, when the first of them (the decision's own fault) was asked for it.
 *
 * @param mark - how many notices were pending when the decision began
 * @returns a fresh object for `Error.captureStackTrace`, or `undefined` when nobody asked
 * @internal
 */
export function siteHolder(mark: number): { stack?: unknown } | undefined {
  return (pendingNotices[mark] as PendingNotice).wanted ? {} : undefined;
}

/**
 * Settles the notices published since an entry point's decision began (normally one, the
 * decision's own fault): the first gets the caller's call site, which the entry point took on
 * `holder` (it takes it itself, so that no frame of a helper lies above the caller's); any others
 * were left by entry points that an exception skipped, and get `undefined`.
 *
 * @param mark - how many notices were pending when the decision began
 * @param holder - what {@link siteHolder} gave, with the stack taken on it
 * @internal
 */
export function settleFaultSites(mark: number, holder: { stack?: unknown } | undefined): void {
  const notices = pendingNotices.splice(mark);
  const first = notices[0] as PendingNotice;
  first.settle(holder === undefined ? undefined : readCallSite(holder, first.entry));
  for (let i = 1; i < notices.length; i++) (notices[i] as PendingNotice).settle(undefined);
}
