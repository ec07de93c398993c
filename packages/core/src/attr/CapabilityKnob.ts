import { refuseWrite } from '../control/writeParsers';

/**
 * A knob of one capability's own, beside the generic ones: what failslab's `cache-filter` and
 * fail_page_alloc's `min-order` are to the kernel (`@errinject/node`'s `ops`, `path-filter` and
 * `errno` are such knobs). It is a file of the capability's debugfs directory, so `debugfs`,
 * `ei-ctl` and boot configuration (`ERRINJECT="<name>/<knob>=<value>"`) read and write it as they do
 * the generic knobs.
 */
export interface CapabilityKnob {
  /** The knob's content as a read shows it, with the kernel's trailing newline. */
  read(): string;
  /**
   * Parses a write and applies it whole, or refuses it with {@link refuseKnobWrite} and changes
   * nothing.
   *
   * @param value - the written string
   * @param path - the file's path as the writer named it (`fail_fs/ops`), for the message
   */
  write(value: string, path: string): void;
}

/**
 * Refuses a write to a capability's own knob the way the generic knobs refuse one: an
 * `ErrInjectError` whose code is the errno name and whose message names the path, the value and
 * what the knob accepts.
 *
 * @param path - the knob's path, as `write` received it
 * @param value - the refused value
 * @param accepted - what the knob accepts, in words
 * @param code - the errno name: EINVAL (the default) for a value not accepted, ERANGE for one out of range
 * @throws ErrInjectError always
 */
export function refuseKnobWrite(path: string, value: string, accepted: string, code: 'EINVAL' | 'ERANGE' = 'EINVAL'): never {
  refuseWrite('debugfs', path, value, code, accepted);
}
