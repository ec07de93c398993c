/** What went wrong, as a code a script can test. */
export type NotesErrorCode =
  /** The command line was not understood. */
  | 'ERR_USAGE'
  /** The store file does not exist (yet). */
  | 'ERR_NO_STORE'
  /** `init` found a store file already there. */
  | 'ERR_STORE_EXISTS'
  /** The store file could not be read, or does not hold a store. */
  | 'ERR_BAD_STORE'
  /** The store could not be saved: the file holds what it held before, or, saved in place, may not. */
  | 'ERR_SAVE'
  /** The store was saved, but whether it would survive a power cut is unknown. */
  | 'ERR_NOT_DURABLE';

/**
 * The notes store's one error class: a code, a message that names the file and what happened, and
 * the file system error behind it as `cause`.
 */
export class NotesError extends Error {
  /** What went wrong. */
  readonly code: NotesErrorCode;

  /**
   * @param code - what went wrong
   * @param message - the file, and what happened to it
   * @param cause - the error behind it, if any
   */
  constructor(code: NotesErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'NotesError';
    this.code = code;
  }
}
