/** A piece of a directive's text: where it is in the file (offsets), and what it says. */
export interface DirectivePart {
  readonly text: string;
  /** Offset of its first character in the file. */
  readonly pos: number;
  /** Offset just past its last character. */
  readonly end: number;
}

/**
 * One `// ei-lint-...` comment: plain data, positions as offsets in the file's text. Whether it
 * is valid is for `applySuppressions` to judge.
 */
export interface SuppressionDirective {
  /** The comment, `//` included. */
  readonly comment: DirectivePart;
  /** The directive's name: `ei-lint-disable-next-line`, or a misspelling of it. */
  readonly name: DirectivePart;
  /** The rule ids it names, in order, as written (not checked). */
  readonly rules: readonly DirectivePart[];
  /**
   * The reason after ` -- `, trimmed; `undefined` when there is no ` -- `, and the empty string
   * when nothing follows it.
   */
  readonly reason: string | undefined;
}
