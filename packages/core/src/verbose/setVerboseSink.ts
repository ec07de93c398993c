import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { state } from '../state/sharedState';
import type { VerboseSink } from './VerboseRecord';

/**
 * Replaces the verbose sink, for example with the application's logger. The sink receives every
 * record the verbose knobs and the rate limiter let through; one that throws is reported on stderr
 * and does not disturb the faulted call.
 *
 * @param sink - the new sink, or `undefined` for stderr
 * @returns the sink it replaces (`undefined` for stderr), to put back later
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE when `sink` is neither a function nor `undefined`
 */
export function setVerboseSink(sink: VerboseSink | undefined): VerboseSink | undefined {
  if (sink !== undefined && typeof sink !== 'function') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `setVerboseSink: the sink must be a function or undefined (stderr), got ${showValue(sink)}`);
  }
  const previous = state.sink;
  state.sink = sink;
  return previous;
}
