import { errPtr } from '../errno/errPtr';
import { EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_NULL } from './errorTypes';
import type { Injectable } from './Injectable';

/**
 * What an armed function returns in place of running when its call fails: the retval as the
 * function's failure value. NULL: `null`. ERRNO: the negative errno, or `errPtr(retval)`. ERRNO_NULL:
 * `null` for retval 0, otherwise as ERRNO. TRUE: `true`. The value itself: an async function's wrapper
 * returns it from an async function, a generator's as its generator's return value, and a plain
 * function's wrapper puts it in a Promise when the function returns Promises (`failedCallResult`).
 *
 * @param entry - the injectable
 * @returns the failure value
 */
export function failureValue(entry: Injectable): unknown {
  switch (entry.type) {
    case EI_TYPE_NULL:
      return null;
    case EI_TYPE_ERRNO:
      return entry.errPtr ? errPtr(entry.retval) : entry.retval;
    case EI_TYPE_ERRNO_NULL:
      return entry.retval === 0 ? null : entry.errPtr ? errPtr(entry.retval) : entry.retval;
    default:
      return true;
  }
}
