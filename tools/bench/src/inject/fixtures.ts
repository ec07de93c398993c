import { AllowErrorInjection, allowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';

/**
 * The methods and functions the injection benchmark calls: each the same trivial body (about 1 ns),
 * where any overhead shows most. Compiled with standard decorators; `../../legacy/fixtures.ts` holds
 * the same under `experimentalDecorators`.
 */

/** The baseline: no decorator. */
export class Plain {
  m(x: number): number {
    return x + 1;
  }
}

/** Decorated, never armed. */
export class Decorated {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  m(x: number): number {
    return x + 1;
  }
}

/** Decorated and armed while fail_function's probability is 0. */
export class ArmedIdle {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  m(x: number): number {
    return x + 1;
  }
}

/** Decorated and armed, failing every call. */
export class ArmedFailing {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  m(x: number): number {
    return x + 1;
  }
}

/** What sinon would be used for instead: a stub that calls through. */
export class Stubbed {
  m(x: number): number {
    return x + 1;
  }
}

/** A plain function, its wrapped twin, and a wrapped one to arm. */
export function bare(x: number): number {
  return x + 1;
}
function wrapped(x: number): number {
  return x + 1;
}
function wrappedArmed(x: number): number {
  return x + 1;
}
/** `wrapped`, marked and never armed. */
export const wrappedIdle = allowErrorInjection(EI_TYPE_ERRNO, wrapped);
/** `wrappedArmed`, marked, to be armed. */
export const wrappedToArm = allowErrorInjection(EI_TYPE_ERRNO, wrappedArmed);
