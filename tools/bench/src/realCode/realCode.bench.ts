import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintProject, type Finding } from '@errinject/lint';
import ts from 'typescript';
import { listMarkedCalls } from './listMarkedCalls';
import { loadCorpora } from './loadCorpora';
import { prepareRealCorpus } from './prepareRealCorpus';
import type { RealCorpus, RealMark } from './RealCorpus';
import { precisionOf, recallOf, type CorpusScore, type Disagreement, type RuleScore } from './RuleScore';
import { scoreCorpus, type MarkSpan } from './scoreCorpus';

/**
 * `realCode`: ei-lint's precision and recall on code nobody here wrote. Each corpus (see
 * `corpora/`) is fetched with `npm pack`, real functions of it are marked, and `lintProject` runs
 * in-process once on the marked corpus and once with every mutant applied; the findings are
 * compared with the labels (`scoreCorpus`). Prints TP/FP/FN, precision and recall by rule for each
 * corpus and in total, every disagreement, and the times; fails when a rule's precision or recall
 * is under the bar, or when a call of a marked function has no label.
 */

const BAR = 0.95;
const CACHE = join(__dirname, '..', '..', '.cache');

/** A compiled copy of a corpus, as `tsc --noEmit -p` would see it. */
interface Compiled {
  readonly program: ts.Program;
  readonly errors: readonly string[];
  readonly ms: number;
}

function compile(dir: string): Compiled {
  const start = performance.now();
  const file = join(dir, 'tsconfig.json');
  const config = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dir, undefined, file);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const errors = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)]
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error)
    .map((diagnostic) => {
      const where = diagnostic.file === undefined || diagnostic.start === undefined ? '' : `${relative(dir, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: `;
      return `${where}TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    });
  return { program, errors, ms: performance.now() - start };
}

function corpusFiles(program: ts.Program): ts.SourceFile[] {
  return program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('/node_modules/'));
}

function markSpans(program: ts.Program, dir: string, marks: readonly RealMark[]): MarkSpan[] {
  return marks.map((mark) => {
    const file = program.getSourceFile(join(dir, mark.file));
    if (file === undefined) throw new Error(`mark ${mark.name}: no ${mark.file} in the corpus`);
    const dot = mark.name.indexOf('.');
    let node: ts.Node | undefined;
    for (const statement of file.statements) {
      if (dot !== -1 && ts.isClassDeclaration(statement) && statement.name?.text === mark.name.slice(0, dot)) {
        node = statement.members.find((member) => ts.isMethodDeclaration(member) && ts.isIdentifier(member.name) && member.name.text === mark.name.slice(dot + 1));
      } else if (dot === -1 && ts.isVariableStatement(statement) && statement.declarationList.declarations.some((each) => ts.isIdentifier(each.name) && each.name.text === mark.name)) {
        node = statement;
      }
      if (node !== undefined) break;
    }
    if (node === undefined) throw new Error(`mark ${mark.name}: not found in the marked ${mark.file}`);
    return {
      mark,
      file: mark.file,
      startLine: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1,
      endLine: file.getLineAndCharacterOfPosition(node.end).line + 1,
    };
  });
}

function mutantSpans(corpus: RealCorpus, markedDir: string): { id: string; file: string; startLine: number; endLine: number }[] {
  return corpus.mutants.map((mutant) => {
    const text = readFileSync(join(markedDir, mutant.file), 'utf8');
    const startLine = text.slice(0, text.indexOf(mutant.find)).split('\n').length;
    return { id: mutant.id, file: mutant.file, startLine, endLine: startLine + mutant.find.split('\n').length - 1 };
  });
}

function lint(dir: string): { findings: readonly Finding[]; ms: number } {
  const start = performance.now();
  const { findings } = lintProject({ tsconfig: dir });
  return { findings, ms: performance.now() - start };
}

function ratio(value: number | undefined): string {
  return value === undefined ? '   n/a' : value.toFixed(3).padStart(6);
}

function printTable(title: string, rules: Map<string, RuleScore>): boolean {
  const total: RuleScore = { tp: 0, fp: 0, fn: 0 };
  let ok = true;
  console.log(`  ${title}`);
  console.log(`    ${'rule'.padEnd(22)}   TP   FP   FN  precision  recall`);
  const row = (name: string, score: RuleScore, judged: boolean): void => {
    const precision = precisionOf(score);
    const recall = recallOf(score);
    const pass = (precision === undefined || precision >= BAR) && (recall === undefined || recall >= BAR);
    if (judged && !pass) ok = false;
    const verdict = judged ? (pass ? '' : `  FAIL (bar ${BAR})`) : '';
    console.log(`    ${name.padEnd(22)} ${String(score.tp).padStart(4)} ${String(score.fp).padStart(4)} ${String(score.fn).padStart(4)}     ${ratio(precision)}  ${ratio(recall)}${verdict}`);
  };
  for (const [name, score] of [...rules].sort(([a], [b]) => a.localeCompare(b))) {
    row(name, score, true);
    total.tp += score.tp;
    total.fp += score.fp;
    total.fn += score.fn;
  }
  row('all rules', total, false);
  return ok;
}

function add(into: Map<string, RuleScore>, from: Map<string, RuleScore>): void {
  for (const [rule, score] of from) {
    const sum = into.get(rule) ?? { tp: 0, fp: 0, fn: 0 };
    into.set(rule, { tp: sum.tp + score.tp, fp: sum.fp + score.fp, fn: sum.fn + score.fn });
  }
}

function printDisagreements(corpus: string, disagreements: readonly Disagreement[]): void {
  if (disagreements.length === 0) return;
  console.log(`  disagreements (${disagreements.length}):`);
  for (const each of [...disagreements].sort((a, b) => a.run.localeCompare(b.run) || a.file.localeCompare(b.file) || a.line - b.line)) {
    console.log(`    ${each.kind} ${each.run.padEnd(7)} ${corpus}/${each.file}:${each.line}  ${each.rule}  ${each.reason}`);
  }
}

function benchCorpus(corpus: RealCorpus): { score: CorpusScore; ok: boolean } {
  const prepared = prepareRealCorpus(corpus, CACHE);
  const plain = compile(prepared.plain);
  const marked = compile(prepared.marked);
  const files = corpusFiles(plain.program);
  const lines = files.reduce((sum, file) => sum + file.getLineStarts().length, 0);
  const calls = listMarkedCalls(marked.program, prepared.marked, corpus.marks);
  const spans = markSpans(marked.program, prepared.marked, corpus.marks);
  const markedRun = lint(prepared.marked);
  const mutatedRun = lint(prepared.mutated);
  const score = scoreCorpus(corpus, {
    markedDir: prepared.marked,
    mutatedDir: prepared.mutated,
    marked: markedRun.findings,
    mutated: mutatedRun.findings,
    calls,
    spans,
    mutantSpans: mutantSpans(corpus, prepared.marked),
  });
  const handled = corpus.sites.filter((site) => site.handled).length;
  const kinds = new Map<string, number>();
  for (const mutant of corpus.mutants) kinds.set(mutant.kind, (kinds.get(mutant.kind) ?? 0) + 1);
  console.log(`\n${corpus.name}: ${corpus.packages.map((each) => `${each.name}@${each.version}`).join(', ')}`);
  console.log(`  ${files.length} files, ${lines} lines; ${corpus.marks.length} marks, ${corpus.sites.length} labelled call sites (${handled} handled, ${corpus.sites.length - handled} not), ${corpus.mutants.length} mutants (${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ')})`);
  console.log(`  tsc --noEmit: ${plain.errors.length} errors on the corpus as published (${(plain.ms / 1000).toFixed(1)} s), ${marked.errors.length} marked`);
  for (const error of [...plain.errors, ...marked.errors].slice(0, 10)) console.log(`    ${error}`);
  console.log(`  ei-lint (lintProject, in-process): marked ${(markedRun.ms / 1000).toFixed(1)} s, mutated ${(mutatedRun.ms / 1000).toFixed(1)} s; ${markedRun.findings.length} and ${mutatedRun.findings.length} findings`);
  let ok = plain.errors.length === 0 && marked.errors.length === 0;
  if (!ok) console.log('  FAIL: the corpus must type-check, marked or not');
  for (const problem of score.problems) console.log(`  LABEL ${problem}`);
  if (score.problems.length > 0) ok = false;
  ok = printTable(`${corpus.name}, by rule`, score.rules) && ok;
  printDisagreements(corpus.name, score.disagreements);
  return { score, ok };
}

/**
 * Runs the benchmark on every corpus, or on the one `--corpus <name>` names.
 *
 * @returns whether every corpus type-checks, every call is labelled, and every rule's precision
 * and recall meet the bar in each corpus and in total
 */
export function benchRealCode(): boolean {
  const start = performance.now();
  console.log(`\n== realCode: ei-lint's precision and recall on labelled real code (bar ${BAR} each, per rule)`);
  const total = new Map<string, RuleScore>();
  const at = process.argv.indexOf('--corpus');
  const only = at === -1 ? undefined : process.argv[at + 1];
  const corpora = loadCorpora().filter((corpus) => only === undefined || corpus.name === only);
  if (corpora.length === 0) console.log(`FAIL  no corpus${only === undefined ? '' : ` named ${JSON.stringify(only)}`} in corpora/`);
  let ok = corpora.length > 0;
  for (const corpus of corpora) {
    try {
      const result = benchCorpus(corpus);
      add(total, result.score.rules);
      ok = result.ok && ok;
    } catch (error) {
      console.log(`\nFAIL  ${corpus.name}: ${(error as Error).message}`);
      ok = false;
    }
  }
  console.log('');
  ok = printTable('all corpora, by rule', total) && ok;
  console.log(`  the harness took ${((performance.now() - start) / 1000).toFixed(1)} s in all`);
  return ok;
}
