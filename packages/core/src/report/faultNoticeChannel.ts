import * as diagnosticsChannel from 'node:diagnostics_channel';
import type { EntryPoint } from '../attr/captureCallerFrames';

/**
 * The core's own notice of every injected fault, for the tools inside the runtime that need more
 * than the public `errinject:fault` event: the fault report file (`ERRINJECT_REPORT`) and `sweep`,
 * which name the caller's call site. A diagnostics channel, because channels are global by name:
 * a fault injected by one copy of the core reaches the listeners of every copy in the process.
 * Publishing costs nothing while nobody listens.
 *
 * @internal
 */
export const FAULT_NOTICE_CHANNEL = 'errinject:fault-notice';

/**
 * Receives the caller's call site of a fault: V8's call site of the caller's frame, or `undefined`
 * when there is none to give (the entry point was not on the stack).
 *
 * @internal
 */
export type SiteReceiver = (site: NodeJS.CallSite | undefined) => void;

/**
 * What {@link FAULT_NOTICE_CHANNEL} carries. Published synchronously from inside the faulted call.
 *
 * @internal
 */
export interface FaultNotice {
  /** The capability's name. */
  readonly capability: string;
  /** For `fail_function`: the error-injectable function that failed; a fault point's name; otherwise `undefined`. */
  readonly function: string | undefined;
  /** True when the task's fail-nth countdown caused the fault. */
  readonly failNth: boolean;
  /** The id of the task the call ran in (0 for the root task). */
  readonly taskId: number;
  /** The errinject function the caller called (the wrapper, or `shouldFail`): the caller's frame is the next one down. */
  readonly entry: EntryPoint;
  /**
   * Asks for the caller's call site. It is taken once for everyone who asks, when the decision is
   * back in the entry point, where fewer of errinject's frames lie above the caller's than here
   * (V8 walks each of them, and that is most of what naming a call site costs), and given to
   * `receive` before the faulted call returns to its caller. Ask while the notice is published: a
   * later request gets what was taken then, `undefined` if nobody had asked.
   */
  requestSite(receive: SiteReceiver): void;
}

/** @internal The channel. */
export const faultNoticeChannel = diagnosticsChannel.channel(FAULT_NOTICE_CHANNEL);
