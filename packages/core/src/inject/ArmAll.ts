/**
 * `fail_function/inject=*`, an extension of the kernel's interface: every function marked
 * error-injectable is armed, those marked already and each one marked afterwards, so that a process
 * can be swept without knowing its functions beforehand. The kernel's list of injectable functions is
 * fixed when the kernel is built (modules aside); a process's grows as its modules load, and a
 * function marked only on an error path is not marked until that path runs.
 *
 * What it keeps while it is on.
 */
export interface ArmAll {
  /** Names written as `!name` before a function of that name was marked: it is not armed when it is. */
  readonly excluded: Set<string>;
  /**
   * Where `*` stands among the boot entries: the sequence number of the entry that wrote it, or
   * `Infinity` for a write at run time, which comes after every boot entry. A boot entry written
   * after it that waits for a function decides for that function.
   */
  since: number;
}
