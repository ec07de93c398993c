/**
 * A linted file as {@link applySuppressions} takes it: its name (as the findings' `file` gives it)
 * and its text. A `SourceFile` of the compiler is one.
 */
export interface SourceText {
  readonly fileName: string;
  readonly text: string;
}
