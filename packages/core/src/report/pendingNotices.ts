import type { EntryPoint } from '../attr/captureCallerFrames';
import type { FaultNotice, SiteReceiver } from './faultNoticeChannel';

/**
 * A fault's notice from its publication until its entry point settles it with the caller's call
 * site.
 *
 * @internal
 */
export class PendingNotice implements FaultNotice {
  /** Who asked for the call site; `undefined` while nobody has. */
  private receivers: SiteReceiver[] | undefined = undefined;
  /** Set once settled: a later request gets {@link PendingNotice.site} at once. */
  private settled = false;
  /** The call site it was settled with. */
  private site: NodeJS.CallSite | undefined = undefined;

  readonly capability: string;
  readonly function: string | undefined;
  readonly failNth: boolean;
  readonly taskId: number;
  readonly entry: EntryPoint;

  /**
   * @param capability - the capability's name
   * @param fn - for `fail_function`, the error-injectable function that failed
   * @param failNth - whether the task's fail-nth caused the fault
   * @param taskId - the id of the calling task
   * @param entry - the errinject function the caller called
   */
  constructor(capability: string, fn: string | undefined, failNth: boolean, taskId: number, entry: EntryPoint) {
    this.capability = capability;
    this.function = fn;
    this.failNth = failNth;
    this.taskId = taskId;
    this.entry = entry;
  }

  /** Whether somebody asked for the call site, so that it must be taken. */
  get wanted(): boolean {
    return this.receivers !== undefined;
  }

  /** {@inheritDoc FaultNotice.requestSite} */
  requestSite(receive: SiteReceiver): void {
    if (this.settled) receive(this.site);
    else if (this.receivers === undefined) this.receivers = [receive];
    else this.receivers.push(receive);
  }

  /**
   * Gives the call site to everyone who asked. A receiver that throws is reported as the
   * diagnostics channels report a subscriber that throws, as an uncaught exception on the next
   * tick, and cannot turn the injected fault into a throw at the call site.
   *
   * @param site - the call site, or `undefined`
   */
  settle(site: NodeJS.CallSite | undefined): void {
    this.settled = true;
    this.site = site;
    const receivers = this.receivers;
    if (receivers === undefined) return;
    this.receivers = undefined;
    for (const receive of receivers) {
      try {
        receive(site);
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }
}

/**
 * The notices of this copy of the core that are published and not settled yet, innermost fault
 * last: a fault can happen while another is being reported (a verbose sink that calls `shouldFail`),
 * and each entry point settles the notices published since its decision began.
 *
 * @internal
 */
export const pendingNotices: PendingNotice[] = [];
