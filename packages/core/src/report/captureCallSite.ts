import { captureLimit, type EntryPoint } from '../attr/captureCallerFrames';
import { readCallSite } from './readCallSite';

/**
 * Takes the call site of the frame that called `entry`: the first frame outside errinject and
 * outside the injectable's wrapper. Must be called while `entry` is on the stack.
 *
 * @param entry - the errinject function the caller called (an injectable's wrapper, `shouldFail`)
 * @returns V8's call site of the caller's frame, or `undefined` when `entry` is not on the stack
 */
export function captureCallSite(entry: EntryPoint): NodeJS.CallSite | undefined {
  const holder: { stack?: unknown } = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = captureLimit(1, entry);
    Error.captureStackTrace(holder, entry);
  } finally {
    Error.stackTraceLimit = limit;
  }
  return readCallSite(holder, entry);
}
