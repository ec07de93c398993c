import { relative } from 'node:path';
import type { Finding } from '@errinject/lint';
import type { MarkedCall } from './listMarkedCalls';
import type { RealCorpus, RealMark } from './RealCorpus';
import type { CorpusScore, Disagreement, RuleScore } from './RuleScore';

const UNCHECKED = 'ei/unchecked-call';

/** Where a mark stands in the marked corpus: its declaration's lines, decorator included. */
export interface MarkSpan {
  readonly mark: RealMark;
  readonly file: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** The two lint runs of a corpus, and what the checker listed of it. */
export interface CorpusRuns {
  /** The corpus directory of each run, to make findings' files relative. */
  readonly markedDir: string;
  readonly mutatedDir: string;
  readonly marked: readonly Finding[];
  readonly mutated: readonly Finding[];
  /** Every call of a marked declaration in the marked corpus. */
  readonly calls: readonly MarkedCall[];
  readonly spans: readonly MarkSpan[];
  /** Where each mutant's text stands (lines, 1-based), to name the mutants near an unexpected finding. */
  readonly mutantSpans: readonly { readonly id: string; readonly file: string; readonly startLine: number; readonly endLine: number }[];
}

function siteKey(file: string, line: number, callee: string, occurrence: number): string {
  return `${file}:${line}:${callee}#${occurrence}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

/**
 * Compares a corpus's findings with its labels (see the README's `realCode`): labelled call sites
 * against `ei/unchecked-call` in the marked run, marks' `expect` against the findings inside each
 * mark, and in the mutated run each mutant's expected findings against what the run found that the
 * marked run did not.
 *
 * @param corpus - the corpus and its labels
 * @param runs - its findings and calls
 * @returns the counts by rule, every disagreement, and every label that cannot be compared
 */
export function scoreCorpus(corpus: RealCorpus, runs: CorpusRuns): CorpusScore {
  const rules = new Map<string, RuleScore>();
  const count = (rule: string, field: keyof RuleScore): void => {
    const score = rules.get(rule) ?? { tp: 0, fp: 0, fn: 0 };
    score[field]++;
    rules.set(rule, score);
  };
  const disagreements: Disagreement[] = [];
  const problems: string[] = [];

  const labels = new Map(corpus.sites.map((site) => [siteKey(site.file, site.line, site.callee, site.occurrence ?? 1), site]));
  if (labels.size !== corpus.sites.length) problems.push('two labels for the same call site (file, line, callee, occurrence)');
  const used = new Set<string>();
  const reported = new Set<MarkedCall>();
  const callAt = new Map<string, MarkedCall[]>();
  for (const call of runs.calls) {
    const key = `${call.file}:${call.startLine}:${call.column}`;
    callAt.set(key, [...(callAt.get(key) ?? []), call]);
    const label = siteKey(call.file, call.line, call.callee, call.occurrence);
    if (labels.has(label)) used.add(label);
    else problems.push(`unlabelled call: ${call.file}:${call.line} ${call.callee} (occurrence ${call.occurrence}) calls ${call.mark.name}`);
  }
  for (const [key, site] of labels) {
    if (!used.has(key)) problems.push(`stale label: ${site.file}:${site.line} ${site.callee} (occurrence ${site.occurrence ?? 1}) is no call of a marked function`);
  }

  const spanOf = (file: string, line: number): MarkSpan | undefined => runs.spans.find((span) => span.file === file && span.startLine <= line && line <= span.endLine);
  const seenOnMarks = new Set<string>();
  for (const finding of runs.marked) {
    if (finding.ruleId === 'ei/suppression') continue;
    const file = relative(runs.markedDir, finding.file).split('\\').join('/');
    if (finding.ruleId === UNCHECKED) {
      const candidates = callAt.get(`${file}:${finding.line}:${finding.column}`) ?? [];
      const call = candidates.find((each) => each.endLine === finding.endLine && each.endColumn === finding.endColumn) ?? candidates[0];
      const site = call === undefined ? undefined : labels.get(siteKey(call.file, call.line, call.callee, call.occurrence));
      if (call === undefined || site === undefined) {
        count(UNCHECKED, 'fp');
        disagreements.push({ kind: 'FP', run: 'marked', file, line: finding.line, rule: UNCHECKED, reason: `unlabelled: ${oneLine(finding.message)}` });
        continue;
      }
      if (reported.has(call)) continue;
      reported.add(call);
      if (site.handled) {
        count(UNCHECKED, 'fp');
        disagreements.push({ kind: 'FP', run: 'marked', file, line: site.line, rule: UNCHECKED, reason: `${site.callee}: ${site.reason} | ei-lint: ${oneLine(finding.message)}` });
      } else {
        count(UNCHECKED, 'tp');
      }
      continue;
    }
    const span = spanOf(file, finding.line);
    const expected = span?.mark.expect?.find((expectation) => expectation.rule === finding.ruleId);
    if (span !== undefined && expected !== undefined) {
      const key = `${span.mark.file}:${span.mark.name}:${finding.ruleId}`;
      if (!seenOnMarks.has(key)) count(finding.ruleId, 'tp');
      seenOnMarks.add(key);
      continue;
    }
    count(finding.ruleId, 'fp');
    const where = span === undefined ? 'unlabelled (on no mark)' : `mark ${span.mark.name} expects none`;
    disagreements.push({ kind: 'FP', run: 'marked', file, line: finding.line, rule: finding.ruleId, reason: `${where}: ${oneLine(finding.message)}` });
  }
  for (const call of runs.calls) {
    const site = labels.get(siteKey(call.file, call.line, call.callee, call.occurrence));
    if (site !== undefined && !site.handled && !reported.has(call)) {
      count(UNCHECKED, 'fn');
      disagreements.push({ kind: 'FN', run: 'marked', file: call.file, line: call.line, rule: UNCHECKED, reason: `${call.callee}: ${site.reason}` });
    }
  }
  for (const span of runs.spans) {
    for (const expectation of span.mark.expect ?? []) {
      if (seenOnMarks.has(`${span.mark.file}:${span.mark.name}:${expectation.rule}`)) continue;
      count(expectation.rule, 'fn');
      disagreements.push({ kind: 'FN', run: 'marked', file: span.file, line: span.startLine, rule: expectation.rule, reason: `${span.mark.name}: ${expectation.why}` });
    }
  }

  // The mutated run: each mutant's expected finding present is a TP, absent an FN; any other
  // finding the marked run did not have (by rule, file and line) is an FP, except at the calls of
  // a mark a wrong-type mutant gave another error type.
  const findingKey = (rule: string, file: string, line: number): string => `${rule}|${file}|${line}`;
  const mutated = new Map<string, Finding[]>();
  for (const finding of runs.mutated) {
    if (finding.ruleId === 'ei/suppression') continue;
    const key = findingKey(finding.ruleId, relative(runs.mutatedDir, finding.file).split('\\').join('/'), finding.line);
    mutated.set(key, [...(mutated.get(key) ?? []), finding]);
  }
  for (const mutant of corpus.mutants) {
    for (const expectation of mutant.expect) {
      const found = mutated.get(findingKey(expectation.rule, mutant.file, expectation.line));
      if (found !== undefined && found.length > 0) {
        found.shift();
        count(expectation.rule, 'tp');
      } else {
        count(expectation.rule, 'fn');
        disagreements.push({ kind: 'FN', run: 'mutated', file: mutant.file, line: expectation.line, rule: expectation.rule, reason: `mutant ${mutant.id} (${mutant.kind})` });
      }
    }
  }
  const before = new Map<string, number>();
  for (const finding of runs.marked) {
    const key = findingKey(finding.ruleId, relative(runs.markedDir, finding.file).split('\\').join('/'), finding.line);
    before.set(key, (before.get(key) ?? 0) + 1);
  }
  // A wrong-type mutant gives its mark another error type: its calls are then judged against that
  // type, so findings at them in the mutated run are what the mutant asks for, not new false alarms.
  const retyped = new Set(
    runs.spans
      .filter((span) =>
        corpus.mutants.some(
          (mutant) =>
            mutant.kind === 'wrong type' &&
            runs.mutantSpans.some((at) => at.id === mutant.id && at.file === span.file && at.startLine <= span.endLine && span.startLine <= at.endLine),
        ),
      )
      .map((span) => span.mark),
  );
  const retypedCalls = new Set(runs.calls.filter((call) => retyped.has(call.mark)).map((call) => findingKey(UNCHECKED, call.file, call.startLine)));
  for (const [key, found] of mutated) {
    const [, file = ''] = key.split('|');
    if (retypedCalls.has(key)) continue;
    for (const finding of found.slice(before.get(key) ?? 0)) {
      count(finding.ruleId, 'fp');
      const near = runs.mutantSpans.filter((span) => span.file === file && span.startLine - 5 <= finding.line && finding.line <= span.endLine + 5).map((span) => span.id);
      disagreements.push({
        kind: 'FP',
        run: 'mutated',
        file,
        line: finding.line,
        rule: finding.ruleId,
        reason: `new in the mutated run, expected by no mutant (mutants within 5 lines: ${near.join(', ') || 'none'}): ${oneLine(finding.message)}`,
      });
    }
  }
  return { rules, disagreements, problems };
}
