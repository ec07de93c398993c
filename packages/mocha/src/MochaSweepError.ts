/** The codes a {@link MochaSweepError} carries. */
export type MochaSweepErrorCode =
  /** An argument of the wrong type. */
  | 'ERR_INVALID_ARG_TYPE'
  /** An argument of the right type with a value that is not accepted. */
  | 'ERR_INVALID_ARG_VALUE'
  /** Called where mocha's BDD interface (`describe`, `it`, `before`) is not loaded. */
  | 'ERR_NO_MOCHA';

/**
 * The one error class of `@errinject/mocha`. The sweep's own options are checked by the core when
 * the sweep runs, and its refusals are `ErrInjectError`s.
 */
export class MochaSweepError extends Error {
  /** What went wrong, to branch on. */
  readonly code: MochaSweepErrorCode;

  /**
   * @param code - the code
   * @param message - what was wrong and what is accepted
   */
  constructor(code: MochaSweepErrorCode, message: string) {
    super(message);
    this.name = 'MochaSweepError';
    this.code = code;
  }
}
