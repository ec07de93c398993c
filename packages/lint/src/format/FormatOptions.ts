/** What a formatter needs besides the findings. */
export interface FormatOptions {
  /** The working directory: file names are printed relative to it. */
  readonly cwd: string;
  /** Whether `stylish` may colour its output (the bin decides: a terminal, and `NO_COLOR` unset). Default: no. */
  readonly color?: boolean;
  /**
   * The text of a file, for `stylish`'s code frames; `undefined` when it cannot be had (the frame
   * is then left out). Default: no frames.
   */
  readonly readSource?: (file: string) => string | undefined;
}
