import { errno, type ErrnoName, isErrnoName } from '../errno/errno';

/**
 * The codes an {@link ErrInjectError} carries. Control-tree operations fail with the errno name the
 * kernel would return (`'EINVAL'`, `'ERANGE'`, `'ENOENT'`, `'EBUSY'`, `'EPERM'`, ...); misuse of the
 * JavaScript API fails with a Node.js-style `ERR_*` code.
 */
export type ErrInjectErrorCode =
  | ErrnoName
  /** An argument of the wrong type, such as a non-function given to `runTask`. */
  | 'ERR_INVALID_ARG_TYPE'
  /** An argument of the right type with a value that is not accepted. */
  | 'ERR_INVALID_ARG_VALUE'
  /** Two copies of the core with incompatible shared-state layouts were loaded into one process. */
  | 'ERR_STATE_VERSION'
  /** `@AllowErrorInjection` was applied to something that is not a method. */
  | 'ERR_DECORATOR_TARGET';

/** Where an error happened, for the messages and for programs that report it. */
export interface ErrInjectErrorOptions {
  /** The control-tree path involved, such as `fail_function/probability`. */
  readonly path?: string;
  /** The value that was refused, exactly as given. */
  readonly value?: string;
  /** The error this one wraps. */
  readonly cause?: unknown;
}

/**
 * The one error class of `@errinject/core`. Every refusal is data: a `code` to branch on, the negative
 * Linux `errno` when the code is an errno name (as Node.js system errors carry it), and the path and
 * value involved. The message says what was wrong and what would have been accepted.
 */
export class ErrInjectError extends Error {
  /** The errno name or `ERR_*` code. */
  readonly code: ErrInjectErrorCode;
  /** The negative Linux errno (`-22` for EINVAL), or `undefined` for `ERR_*` codes. */
  readonly errno: number | undefined;
  /** The control-tree path involved, if any. */
  readonly path: string | undefined;
  /** The refused value, if any. */
  readonly value: string | undefined;

  /**
   * @param code - the errno name or `ERR_*` code
   * @param message - what was wrong and what is accepted
   * @param options - the path, value and cause involved
   */
  constructor(code: ErrInjectErrorCode, message: string, options: ErrInjectErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ErrInjectError';
    this.code = code;
    this.errno = isErrnoName(code) ? -errno[code] : undefined;
    this.path = options.path;
    this.value = options.value;
  }
}

/**
 * Tells whether a value is an {@link ErrInjectError}, also one thrown by another copy of the core
 * loaded into the same process (where `instanceof` would say no).
 *
 * @param value - anything caught
 * @returns true when it is an errinject error
 */
export function isErrInjectError(value: unknown): value is ErrInjectError {
  return (
    value instanceof ErrInjectError ||
    (value instanceof Error && value.name === 'ErrInjectError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/** How many characters of a value given by a user a message quotes, by default. */
export const SHOWN_CHARACTERS = 80;

/** How long a path may be and still be shown as it is in a message. */
export const SHOWN_PATH_CHARACTERS = 200;

/**
 * Renders a value given by a user for a message: strings quoted with their escapes visible, so that a
 * stray newline or space is seen, and cut to a readable length with how much there was (so that a
 * 400 KB value never comes back whole); anything else by its type.
 *
 * @param value - the value to show
 * @param max - how many characters of a string to quote at most
 * @returns a short printable form
 */
export function showValue(value: unknown, max: number = SHOWN_CHARACTERS): string {
  if (typeof value === 'string') {
    if (value.length <= max) return JSON.stringify(value);
    const shown = Math.max(1, max - 3);
    return `${JSON.stringify(`${value.slice(0, shown)}...`)} (${value.length} characters; the first ${shown} shown)`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (value === null) return 'null';
  if (typeof value === 'function') return `function ${showName(value.name || '(anonymous)')}`;
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return `${typeof value} ${String(value)}`;
}

/**
 * Renders a control-tree path, or a name, for a message: as it is when it is of a readable length
 * and a single line, otherwise quoted and cut as {@link showValue} does.
 *
 * @param text - the path or name
 * @param max - how many characters to show as they are
 * @returns the text, or its quoted and cut form
 */
export function showPath(text: string, max: number = SHOWN_PATH_CHARACTERS): string {
  return text.length <= max && !/[\u0000-\u001f\u007f]/.test(text) ? text : showValue(text, Math.min(max, SHOWN_CHARACTERS));
}

function showName(name: string): string {
  return showPath(name, SHOWN_CHARACTERS);
}
