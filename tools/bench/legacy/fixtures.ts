import { AllowErrorInjection, EI_TYPE_ERRNO } from '@errinject/core';

/** The benchmark's methods under `experimentalDecorators` (see src/inject/fixtures.ts). */
export class LegacyPlain {
  m(x: number): number {
    return x + 1;
  }
}

/** Decorated under `experimentalDecorators`, never armed. */
export class LegacyDecorated {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  m(x: number): number {
    return x + 1;
  }
}
