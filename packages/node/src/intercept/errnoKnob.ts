import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';
import { type CapabilityKnob, refuseKnobWrite } from '@errinject/core';

/** The `errno` knob of a capability and what it holds. */
export interface ErrnoKnob {
  readonly knob: CapabilityKnob;
  /** The errno written, or `undefined` while the knob is empty (each call's own from the table). */
  readonly value: string | undefined;
}

/**
 * Whether Node names an errno on this system (its libuv describes it), so that an error with it has
 * the message a real one has.
 *
 * @param name - an errno's name
 * @returns true for `ENOENT`, `ECONNRESET`...
 */
export function isSystemErrno(name: string): boolean {
  const number = (constants.errno as Readonly<Record<string, number | undefined>>)[name];
  return number !== undefined && getSystemErrorMap().get(-number)?.[0] === name;
}

/**
 * The `<cap>/errno` knob: the errno every failure of the capability gives (`ENOSPC`), or empty for
 * one each operation really returns, from the capability's documented table. A name Node does not
 * describe is refused with EINVAL; `extra` names more it accepts (`ENOTFOUND`, `EAI_AGAIN` for DNS).
 *
 * @param extra - names accepted besides the system's errnos
 * @returns the knob
 */
export function errnoKnob(extra: readonly string[] = []): ErrnoKnob {
  let value: string | undefined;
  return {
    knob: {
      read: () => `${value ?? ''}\n`,
      write: (text, path) => {
        const name = text.trim();
        if (name !== '' && !isSystemErrno(name) && !extra.includes(name)) {
          refuseKnobWrite(path, text, `an errno name Node describes on ${process.platform} (ENOENT, EACCES, ENOSPC, EIO, ...)${extra.length > 0 ? ` or ${extra.join(', ')}` : ''}; empty for each operation's own`);
        }
        value = name === '' ? undefined : name;
      },
    },
    get value() {
      return value;
    },
  };
}
