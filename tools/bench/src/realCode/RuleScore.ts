/** True positives, false positives and false negatives of one rule. */
export interface RuleScore {
  tp: number;
  fp: number;
  fn: number;
}

/** A finding the labels disagree with, or a label no finding matched. */
export interface Disagreement {
  /** `FP` (a finding the labels do not expect) or `FN` (an expected finding that is missing). */
  readonly kind: 'FP' | 'FN';
  /** Which run: the marked corpus, or the corpus with every mutant applied. */
  readonly run: 'marked' | 'mutated';
  /** The file, relative to the corpus directory. */
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  /** The label's reason, the mark's or the mutant's, or the finding's message when nothing labels it. */
  readonly reason: string;
}

/** What comparing a corpus's findings with its labels gave. */
export interface CorpusScore {
  /** By rule id. */
  readonly rules: Map<string, RuleScore>;
  readonly disagreements: Disagreement[];
  /** Labels that cannot be compared: calls without a label, labels without a call. The run fails on any. */
  readonly problems: string[];
}

/**
 * Precision of a score, or `undefined` when it has no finding to judge.
 *
 * @param score - the counts
 * @returns TP / (TP + FP)
 */
export function precisionOf(score: RuleScore): number | undefined {
  return score.tp + score.fp === 0 ? undefined : score.tp / (score.tp + score.fp);
}

/**
 * Recall of a score, or `undefined` when nothing was expected.
 *
 * @param score - the counts
 * @returns TP / (TP + FN)
 */
export function recallOf(score: RuleScore): number | undefined {
  return score.tp + score.fn === 0 ? undefined : score.tp / (score.tp + score.fn);
}
