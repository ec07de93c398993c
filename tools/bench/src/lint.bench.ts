import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { median } from './harness';
import { CORPUS_PACKAGE, CORPUS_VERSION, prepareCorpus, type Corpus } from './lint/prepareCorpus';
import { runMeasured, type MeasuredRun } from './lint/runMeasured';

/**
 * A full `ei-lint` run against `tsc --noEmit` (the repository's TypeScript 6.0) on the same
 * project: the `src/` tree that `@xterm/xterm` 6.0.0 ships, fetched from npm at benchmark time,
 * with a fair share of its methods marked error-injectable so the linter has marks to check and
 * calls to follow. Both run as child processes, alternating; the medians of wall time and of peak
 * RSS are compared. Also checks that ei-lint completes on the corpus (exit 0 or 1, JSON on stdout).
 */

const TIME_BAR = 0.5;
const MEMORY_BAR = 1.3;
const ROUNDS = 7;
const COLD_ROUNDS = 3;

const CACHE = join(__dirname, '..', '.cache');

interface Tool {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
}

function tscTool(corpus: Corpus): Tool {
  const version = (require('typescript/package.json') as { version: string }).version;
  return { name: `tsc ${version}`, script: require.resolve('typescript/bin/tsc'), args: ['--noEmit', '-p', corpus.dir] };
}

function eiLintTool(corpus: Corpus): Tool {
  const root = dirname(require.resolve('@errinject/lint/package.json'));
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error(`ei-lint is not built (no ${join(root, 'dist', 'cli', 'main.js')}); run npx tsc -b first`);
  return { name: 'ei-lint', script: join(root, 'bin', 'ei-lint.js'), args: ['-p', corpus.dir, '--format', 'json'] };
}

/** What ei-lint printed, or why the run counts as a crash. */
function checkLintRun(run: MeasuredRun): { findings: { ruleId: string; severity: string }[] } | { crash: string } {
  if (run.status !== 0 && run.status !== 1) {
    return { crash: `exit ${run.status ?? run.signal}: ${run.stderr.trim().split('\n').slice(-8).join('\n')}` };
  }
  try {
    const findings = JSON.parse(run.stdout) as unknown;
    if (!Array.isArray(findings)) return { crash: 'stdout is not a JSON array' };
    return { findings: findings as { ruleId: string; severity: string }[] };
  } catch (error) {
    return { crash: `stdout is not JSON (${(error as Error).message}): ${run.stdout.slice(0, 200)}; stderr: ${run.stderr.trim().split('\n').slice(-8).join('\n')}` };
  }
}

function line(ok: boolean, label: string, ratio: number, bar: number, detail: string): void {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}: ${ratio.toFixed(3)}x (bar ${bar}x)  [${detail}]`);
}

/**
 * Runs the comparison.
 *
 * @returns whether ei-lint completed and both ratios met their bars
 */
export function benchLint(): boolean {
  console.log(`\n# ei-lint against tsc --noEmit on ${CORPUS_PACKAGE} ${CORPUS_VERSION}'s src/`);
  const corpus = prepareCorpus(CACHE);
  const marks = Object.entries(corpus.marks).map(([type, count]) => `${count} ${type}`);
  const totalMarks = Object.values(corpus.marks).reduce((a, b) => a + b, 0);
  console.log(`corpus: ${corpus.files} files, ${corpus.lines} lines, ${totalMarks} methods marked (${marks.join(', ')}) in ${corpus.dir}`);
  const tsc = tscTool(corpus);
  const eiLint = eiLintTool(corpus);

  // A first run of each, not counted, warms the file cache; ei-lint's also shows it completes.
  const tscFirst = runMeasured(tsc.script, tsc.args, corpus.dir);
  const tscErrors = (tscFirst.stdout.match(/error TS\d+/g) ?? []).length;
  console.log(`info  ${tsc.name}: exit ${tscFirst.status}, ${tscErrors} errors`);
  const lintFirst = checkLintRun(runMeasured(eiLint.script, eiLint.args, corpus.dir));
  if ('crash' in lintFirst) {
    console.log(`FAIL  ${eiLint.name} did not complete on the corpus: ${lintFirst.crash}`);
    return false;
  }
  const byRule = new Map<string, number>();
  for (const finding of lintFirst.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
  const counts = [...byRule].sort().map(([rule, count]) => `${count} ${rule}`);
  console.log(`info  ${eiLint.name}: completed, ${lintFirst.findings.length} findings${counts.length > 0 ? ` (${counts.join(', ')})` : ''}`);

  const tscRuns: MeasuredRun[] = [];
  const lintRuns: MeasuredRun[] = [];
  let completed = true;
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? ['tsc', 'lint'] : ['lint', 'tsc'];
    for (const which of order) {
      if (which === 'tsc') {
        tscRuns.push(runMeasured(tsc.script, tsc.args, corpus.dir));
      } else {
        const run = runMeasured(eiLint.script, eiLint.args, corpus.dir);
        const checked = checkLintRun(run);
        if ('crash' in checked) {
          console.log(`FAIL  ${eiLint.name} did not complete on the corpus: ${checked.crash}`);
          completed = false;
        }
        lintRuns.push(run);
      }
    }
  }
  const tscMs = median(tscRuns.map((run) => run.ms));
  const lintMs = median(lintRuns.map((run) => run.ms));
  const tscKb = median(tscRuns.map((run) => run.maxRssKb));
  const lintKb = median(lintRuns.map((run) => run.maxRssKb));
  const timeOk = lintMs / tscMs <= TIME_BAR;
  const memoryOk = lintKb / tscKb <= MEMORY_BAR;
  const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
  line(timeOk, `${eiLint.name} wall time against ${tsc.name} --noEmit`, lintMs / tscMs, TIME_BAR, `${(lintMs / 1000).toFixed(2)} s vs ${(tscMs / 1000).toFixed(2)} s, medians of ${ROUNDS}`);
  line(memoryOk, `${eiLint.name} peak RSS against ${tsc.name} --noEmit`, lintKb / tscKb, MEMORY_BAR, `${mb(lintKb)} vs ${mb(tscKb)}, medians of ${ROUNDS}`);
  // CPU time counts every thread (tsc's parallel garbage collection too); on a busy machine it
  // says more than wall time about the work each tool does.
  const tscCpu = median(tscRuns.map((run) => run.cpuMs));
  const lintCpu = median(lintRuns.map((run) => run.cpuMs));
  console.log(`info  CPU time, all threads: ${(lintCpu / tscCpu).toFixed(3)}x  [${(lintCpu / 1000).toFixed(2)} s vs ${(tscCpu / 1000).toFixed(2)} s, medians of ${ROUNDS}]`);
  // The bin keeps V8's code of the compiler from one run to the next, as tsc does on Node 22 (the
  // warm-up run above made it): what a first run on a fresh machine costs, without it.
  const coldRuns: MeasuredRun[] = [];
  const coldTscRuns: MeasuredRun[] = [];
  for (let i = 0; i < COLD_ROUNDS; i++) {
    coldRuns.push(runMeasured(eiLint.script, eiLint.args, corpus.dir, { NODE_DISABLE_COMPILE_CACHE: '1' }));
    coldTscRuns.push(runMeasured(tsc.script, tsc.args, corpus.dir));
  }
  const coldMs = median(coldRuns.map((run) => run.ms));
  const coldTscMs = median(coldTscRuns.map((run) => run.ms));
  console.log(`info  ${eiLint.name} without its compile cache (NODE_DISABLE_COMPILE_CACHE=1): ${(coldMs / coldTscMs).toFixed(3)}x  [${(coldMs / 1000).toFixed(2)} s vs ${(coldTscMs / 1000).toFixed(2)} s, medians of ${COLD_ROUNDS}]`);
  return completed && timeOk && memoryOk;
}
