import { kernelBuffer, kstrtoll, kstrtoull } from '../control/kstrtox';
import type { ControlFile } from '../control/tree';
import { refuseWrite, SIMPLE_ATTR_BUFFER } from '../control/writeParsers';
import { errno, isErrnoName } from '../errno/errno';
import { MAX_ERRNO } from '../errno/errPtr';
import { EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_NULL, type ErrorInjectionType } from './errorTypes';
import type { Injectable } from './Injectable';

/**
 * `fail_function/<name>/retval` (`kernel/fail_function.c`): the value an armed function returns when
 * it fails, validated per type by the kernel's `adjust_error_retval`, never adjusted. The contract
 * reads it back as signed decimal and takes `-12`, `-ENOMEM` or the kernel's `0xfffffffffffffff4`.
 */

/**
 * The kernel's default retval of a type, `adjust_error_retval(type, 0)`.
 *
 * @param type - the error type
 * @returns -EINVAL for ERRNO, 1 for TRUE, 0 otherwise
 */
export function defaultRetval(type: ErrorInjectionType): number {
  return type === EI_TYPE_ERRNO ? -errno.EINVAL : type === EI_TYPE_NULL || type === EI_TYPE_ERRNO_NULL ? 0 : 1;
}

function inErrnoWindow(value: bigint): boolean {
  return value >= BigInt(-MAX_ERRNO) && value <= -1n;
}

/** Whether `adjust_error_retval(type, value) === value`. */
function fitsType(type: ErrorInjectionType, value: bigint): boolean {
  switch (type) {
    case EI_TYPE_NULL:
      return value === 0n;
    case EI_TYPE_ERRNO:
      return inErrnoWindow(value);
    case EI_TYPE_ERRNO_NULL:
      return value === 0n || inErrnoWindow(value);
    default:
      return value === 1n;
  }
}

const FORMS = 'as -12, -ENOMEM or 0xfffffffffffffff4';
const ACCEPTED: Readonly<Record<ErrorInjectionType, string>> = {
  1: '0 (a NULL function fails with null)',
  2: `a negative errno, -${MAX_ERRNO} to -1, ${FORMS}`,
  3: `0 (fail with null) or a negative errno, -${MAX_ERRNO} to -1, ${FORMS}`,
  4: '1 (a TRUE function fails with true)',
};

function parseRetval(value: string, path: string, type: ErrorInjectionType): number {
  const text = kernelBuffer(value, SIMPLE_ATTR_BUFFER);
  const named = /^-([A-Z][A-Z0-9_]*)\n?$/.exec(text);
  let parsed: bigint;
  if (named !== null) {
    const name = named[1] as string;
    if (!isErrnoName(name)) refuseWrite('debugfs', path, value, 'EINVAL', ACCEPTED[type]);
    parsed = -BigInt(errno[name]);
  } else {
    // Signed for a leading '-', unsigned otherwise, so that the kernel's 64-bit form of a negative
    // errno (0xfffffffffffffff4) is read as the number it stands for.
    const result = text.startsWith('-') ? kstrtoll(text) : kstrtoull(text);
    if (!result.ok) refuseWrite('debugfs', path, value, result.code, ACCEPTED[type]);
    parsed = BigInt.asIntN(64, result.value);
  }
  if (!fitsType(type, parsed)) refuseWrite('debugfs', path, value, 'EINVAL', ACCEPTED[type]);
  return Number(parsed);
}

/**
 * Makes the retval file of an armed injectable.
 *
 * @param entry - the injectable
 * @returns the file
 */
export function createRetvalFile(entry: Injectable): ControlFile {
  return {
    kind: 'file',
    read: () => `${entry.retval}\n`,
    write: (value, path) => {
      entry.retval = parseRetval(value, path, entry.type);
    },
  };
}
