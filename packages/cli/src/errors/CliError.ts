import type { ErrnoName } from '@errinject/core';

/**
 * The codes a {@link CliError} carries: an `ERR_*` code for what stops a command from running at all
 * (the bins exit 2), or the errno name the control tree of a running process answered with (`EINVAL`,
 * `ERANGE`, `ENOENT`...; ei-ctl exits 1).
 */
export type CliErrorCode =
  /** An unknown option, a missing operand, options that do not go together. */
  | 'ERR_USAGE'
  /** An option's value that its knob or file would refuse. */
  | 'ERR_INVALID_ARG_VALUE'
  /** No process that opted in listens for the pid given. */
  | 'ERR_UNREACHABLE'
  /** A process answered something that is not the control protocol. */
  | 'ERR_PROTOCOL'
  | ErrnoName;

/**
 * The one error class of `@errinject/cli`: a readonly `code`, a message that names the option or path,
 * the value and what would be accepted, and `cause` for chaining.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  /** The `ERR_*` code, or the errno name of a control-tree refusal. */
  readonly code: CliErrorCode;

  /**
   * @param code - the `ERR_*` code or errno name
   * @param message - what was wrong and what is accepted
   * @param options - the error this one wraps
   */
  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Tells whether a value is a {@link CliError}.
 *
 * @param value - anything caught
 * @returns true for errors of this package
 */
export function isCliError(value: unknown): value is CliError {
  return value instanceof CliError;
}
