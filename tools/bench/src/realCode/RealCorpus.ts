/**
 * The shape of a corpus of the `realCode` benchmark: open-source TypeScript fetched with `npm pack`
 * at benchmark time, real functions of it marked error-injectable, every call of them labelled by
 * reading it, and mutants seeded into it. The harness (`benchRealCode`) marks the corpus, lints it
 * with `@errinject/lint` and compares the findings with the labels.
 */

/** The error type a real function is marked with, by the core's constant names. */
export type MarkType = 'EI_TYPE_NULL' | 'EI_TYPE_ERRNO' | 'EI_TYPE_ERRNO_NULL' | 'EI_TYPE_TRUE';

/** A finding expected on a mark itself, from a rule judged at the mark. */
export interface RealExpectation {
  /** The rule, `ei/state-before-error` or `ei/release-function`, say. */
  readonly rule: string;
  /** One line: why the rule must report it. */
  readonly why: string;
}

/**
 * A real function or method marked error-injectable. Marks keep every line where it was: a method
 * gets `@AllowErrorInjection(EI_TYPE_X) ` inserted on its first line before its modifiers and
 * name; a plain function declaration becomes `export const f = allowErrorInjection(EI_TYPE_X,
 * function f(...) {...});` on the same lines. The marked file imports what it uses from
 * `@errinject/core` at the start of line 1.
 */
export interface RealMark {
  /** The file, relative to the corpus directory: `prosemirror-transform/src/structure.ts`. */
  readonly file: string;
  /** `findWrapping` (a function) or `ResolvedPos.blockRange` (`Class.method`). */
  readonly name: string;
  /** The error type its real contract has. */
  readonly type: MarkType;
  /** One line: why its real contract returns this failure value. */
  readonly why: string;
  /** The findings expected on the mark itself; omitted means none. */
  readonly expect?: readonly RealExpectation[];
}

/** A call of a marked function, read and labelled by hand. */
export interface RealSite {
  /** The file, relative to the corpus directory. */
  readonly file: string;
  /**
   * The line where `callee` is written at the call, 1-based, in the unmarked source (marks keep
   * lines); for a call whose receiver starts on an earlier line, the line of the name.
   */
  readonly line: number;
  /** The called name as written at the site: `findWrapping`, `blockRange`. */
  readonly callee: string;
  /** Which call of `callee` on that line (1-based) when there are several; 1 when omitted. */
  readonly occurrence?: number;
  /** True when the failure value is handled before it is used, or passed on to a place that keeps it. */
  readonly handled: boolean;
  /** One line, from reading the code: why it is handled or not. */
  readonly reason: string;
}

/** The kinds of seeded mutant. */
export type MutantKind = 'check removed' | 'equivalent rewrite' | 'wrong type' | 'state before error' | 'other';

/** A finding a mutant must cause. */
export interface MutantExpectation {
  /** The rule. */
  readonly rule: string;
  /** The line of the finding, 1-based, in the unmarked (and unmutated: lines stay put) source. */
  readonly line: number;
}

/**
 * A change seeded into the marked corpus. `find` occurs exactly once in the file, and `replace`
 * has as many newlines, so that every line stays where it was (the harness checks both). All
 * mutants of a corpus are applied at once: a mutant that changes a mark (its error type, a bad
 * usage) changes how every call of it and its body are judged, so no other mutant should touch
 * that mark's calls or body.
 */
export interface RealMutant {
  /** A unique id: `pm-remove-check-findWrapping`. */
  readonly id: string;
  /** What the mutant does. */
  readonly kind: MutantKind;
  /** The file, relative to the corpus directory. */
  readonly file: string;
  /** Exact text occurring exactly once in the file (after marking). */
  readonly find: string;
  /** Its replacement, with the same number of newlines. */
  readonly replace: string;
  /** The findings it must cause; `[]` for an equivalent rewrite, which must cause none. */
  readonly expect: readonly MutantExpectation[];
}

/** A package of a corpus, fetched with `npm pack <name>@<version>` and unpacked to `<dir>/<name>/`. */
export interface RealPackage {
  /** The package's name on the registry. */
  readonly name: string;
  /** Its exact version. */
  readonly version: string;
}

/** One code base of the `realCode` benchmark. */
export interface RealCorpus {
  /** Its name: `prosemirror`. */
  readonly name: string;
  /** The packages it is made of, each unpacked to `<corpus dir>/<name>/`. */
  readonly packages: readonly RealPackage[];
  /** The tsconfig written into the corpus directory (paths relative to it). */
  readonly tsconfig: object;
  /** The marked functions. */
  readonly marks: readonly RealMark[];
  /** Every call of every marked function, labelled. */
  readonly sites: readonly RealSite[];
  /** The seeded mutants. */
  readonly mutants: readonly RealMutant[];
}
