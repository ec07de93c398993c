import { declareIoCapability, type IoCapability } from '../intercept/declareIoCapability';
import { DNS_CODES, NET_ERRNOS, type NetOp } from './NET_ERRNOS';

/** The capability's name and debugfs directory. */
export const FAIL_NET = 'fail_net';

/**
 * `fail_net` and its own knobs: `ops` (`connect`, `lookup`, `resolve`, `write`, `listen`),
 * `path-filter` `host[:port]` patterns (`api.example.com`, `*:5432`, `127.0.0.1:*`), `errno` the errno
 * (or DNS code) every failure gives.
 */
export type FailNet = IoCapability;

/**
 * Declares `fail_net`.
 *
 * @returns the capability
 */
export function declareFailNet(): FailNet {
  return declareIoCapability(FAIL_NET, Object.keys(NET_ERRNOS) as NetOp[], DNS_CODES);
}
