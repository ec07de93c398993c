import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import { skipNodeFramesBelow, type EntryPoint } from './captureCallerFrames';

declare const faultPointBrand: unique symbol;

/**
 * A place where a capability fails calls on behalf of the program: an interceptor that stands in
 * for a function the program calls (`fs.open`, `net.connect`), as the kernel's failslab sits in
 * `kmem_cache_alloc`. Passed to `shouldFailAt`, it tells the core where the caller's stack begins
 * (below the interceptor, so that the stack filter, the verbose stack and the fault report see the
 * program's frames and none of the capability's) and what reports call the call.
 */
export interface FaultPoint {
  /** What the call is, as reports name it: the `function` of the `errinject:fault` event, the fault report's record and a sweep's run. */
  readonly name: string;
  /** The interceptor the program calls. */
  readonly entry: EntryPoint;
  /** Whether the caller's stack starts at the first frame outside Node.js's own modules. */
  readonly skipNodeFrames: boolean;
  /** @internal Only `faultPoint` makes these. */
  readonly [faultPointBrand]: true;
}

/** How a fault point finds its caller. */
export interface FaultPointOptions {
  /**
   * The caller's stack starts at the first frame outside Node.js's own modules (`node:…` files):
   * for an interceptor of a function of Node's that Node's own code calls on the program's behalf
   * (a stream's reads, the writes of `fs.writeFile`), so that the stack filter's `require-stack`,
   * the verbose stack and the report's call site begin in the program. A call with no such frame
   * (Node's own, from a timer or a stream) has an empty stack. Default false.
   */
  readonly skipNodeFrames?: boolean;
}

/** The most characters a fault point's name may have. */
const NAME_MAX = 255;

/**
 * Makes a fault point.
 *
 * @param name - what reports call its calls (`fs.open`, `net.connect`): 1 to 255 characters, no control characters
 * @param entry - the interceptor the program calls; it calls `shouldFailAt` itself
 * @param options - see {@link FaultPointOptions}
 * @returns the fault point, frozen
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE for a bad name, entry or options
 */
export function faultPoint(name: string, entry: EntryPoint, options: FaultPointOptions = {}): FaultPoint {
  if (typeof name !== 'string') throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `faultPoint: the name must be a string, got ${showValue(name)}`);
  // eslint-disable-next-line no-control-regex
  if (name.length === 0 || name.length > NAME_MAX || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `faultPoint: the name ${showValue(name)} is not accepted; a name is 1 to ${NAME_MAX} characters without control characters`);
  }
  if (typeof entry !== 'function') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `faultPoint(${showValue(name)}): the entry must be the function the program calls, got ${showValue(entry)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `faultPoint(${showValue(name)}): options must be an object, got ${showValue(options)}`);
  }
  const skipNodeFrames = options.skipNodeFrames ?? false;
  if (typeof skipNodeFrames !== 'boolean') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `faultPoint(${showValue(name)}): options.skipNodeFrames must be a boolean, got ${showValue(skipNodeFrames)}`);
  }
  if (skipNodeFrames) skipNodeFramesBelow(entry);
  return Object.freeze({ name, entry, skipNodeFrames }) as unknown as FaultPoint;
}
