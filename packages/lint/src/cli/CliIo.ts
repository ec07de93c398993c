/** Where the bin reads and writes: the process, or a test's stand-ins. */
export interface CliIo {
  /** Findings, help and version. */
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Why it could not run, a word when there are too many warnings, and the summary line for a terminal. */
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Where relative paths start, and what printed file names are relative to. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}
