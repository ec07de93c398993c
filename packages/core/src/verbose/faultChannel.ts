import * as diagnosticsChannel from 'node:diagnostics_channel';

/** The name of the diagnostics channel every injected fault is published on. */
export const FAULT_CHANNEL = 'errinject:fault';

/** The message published on {@link FAULT_CHANNEL}, whatever the verbose knobs say. */
export interface FaultEvent {
  /** The capability's name. */
  readonly capability: string;
  /** The `size` the call passed. */
  readonly size: number;
  /** True when the fault came from the task's fail-nth countdown. */
  readonly failNth: boolean;
  /** The id of the task the call ran in (0 for the root task). */
  readonly taskId: number;
  /** `interval` at the moment of the fault, a number as in a `FaultRecord`. */
  readonly interval: number;
  /** `probability` at the moment of the fault, a number as in a `FaultRecord`. */
  readonly probability: number;
  /** `space` at the moment of the fault. */
  readonly space: number;
  /** `times` before this fault's decrement. */
  readonly times: number;
  /** For `fail_function` faults: the name of the error-injectable function that failed; for a fault at a fault point (`shouldFailAt`), the point's name; otherwise `undefined`. */
  readonly function: string | undefined;
}

/** The channel; channels are global by name, so every copy of the core publishes on the same one. */
export const faultChannel = diagnosticsChannel.channel(FAULT_CHANNEL);
