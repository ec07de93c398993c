/** What can stop ei-lint from running at all (exit status 2). */
export type LintErrorCode =
  | 'ENOENT' | 'ERR_TSCONFIG' | 'ERR_CONFIG' | 'ERR_INVALID_ARG_VALUE' | 'ERR_INVALID_ARG_TYPE' | 'ERR_USAGE';

/**
 * The one error class of `@errinject/lint`: a readonly `code`, a message that names the file or
 * value and what would be accepted, and `cause` for chaining. Findings are never errors.
 */
export class LintError extends Error {
  override readonly name = 'LintError';
  readonly code: LintErrorCode;

  /**
   * @param code - what stopped ei-lint
   * @param message - what was wrong, naming the file or value and what would be accepted
   * @param options - `cause`, the error this one wraps
   */
  constructor(code: LintErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
