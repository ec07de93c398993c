import diagnosticsChannel from 'node:diagnostics_channel';
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
 * What {@link FAULT_NOTICE_CHANNEL} carries. Published synchronously from inside the faulted call, so
 * that a listener can still take the caller's stack below {@link FaultNotice.entry}.
 *
 * @internal
 */
export interface FaultNotice {
  /** The capability's name. */
  readonly capability: string;
  /** For `fail_function`: the error-injectable function that failed; otherwise `undefined`. */
  readonly function: string | undefined;
  /** True when the task's fail-nth countdown caused the fault. */
  readonly failNth: boolean;
  /** The id of the task the call ran in (0 for the root task). */
  readonly taskId: number;
  /** The errinject function the caller called (the wrapper, or `shouldFail`): the caller's frame is the next one down. */
  readonly entry: EntryPoint;
}

/** @internal The channel. */
export const faultNoticeChannel = diagnosticsChannel.channel(FAULT_NOTICE_CHANNEL);
