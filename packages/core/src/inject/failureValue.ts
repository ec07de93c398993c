import { errPtr } from '../errno/errPtr';
import { EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_NULL } from './errorTypes';
import type { Injectable } from './Injectable';

/**
 * What an armed function returns in place of running when its call fails: the retval as the
 * function's failure value. NULL: `null`. ERRNO: the negative errno, or `errPtr(retval)`. ERRNO_NULL:
 * `null` for retval 0, otherwise as ERRNO. TRUE: `true`. Wrapped in a resolved Promise for async
 * functions.
 *
 * @param entry - the injectable
 * @returns the failure value
 */
export function failureValue(entry: Injectable): unknown {
  let value: unknown;
  switch (entry.type) {
    case EI_TYPE_NULL:
      value = null;
      break;
    case EI_TYPE_ERRNO:
      value = entry.errPtr ? errPtr(entry.retval) : entry.retval;
      break;
    case EI_TYPE_ERRNO_NULL:
      value = entry.retval === 0 ? null : entry.errPtr ? errPtr(entry.retval) : entry.retval;
      break;
    default:
      value = true;
  }
  return entry.async ? Promise.resolve(value) : value;
}
