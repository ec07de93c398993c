import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packTarball, unpackTarball } from '../lint/packTarball';
import { markFile } from './markFile';
import { mutateFile } from './mutateFile';
import type { RealCorpus } from './RealCorpus';

/** The three copies of a corpus the benchmark works on, each a directory with its tsconfig.json. */
export interface PreparedCorpus {
  /** The packages as published: what `tsc --noEmit` must accept without an error. */
  readonly plain: string;
  /** With the marks applied. */
  readonly marked: string;
  /** With the marks and every mutant applied. */
  readonly mutated: string;
}

function groupByFile<T extends { readonly file: string }>(items: readonly T[]): Map<string, T[]> {
  const byFile = new Map<string, T[]>();
  for (const item of items) {
    const list = byFile.get(item.file);
    if (list === undefined) byFile.set(item.file, [item]);
    else list.push(item);
  }
  return byFile;
}

/**
 * Builds a corpus's three copies under `cache`: fetches each package with `npm pack` (kept in
 * `cache`, which ignores itself in git), unpacks it afresh to `<copy>/<name>/`, writes the corpus's
 * tsconfig, marks the marked copy and mutates the mutated one. The copies live inside the repository
 * so that `@errinject/core` resolves from its node_modules.
 *
 * @param corpus - the corpus
 * @param cache - the benchmarks' cache directory
 * @returns the three directories
 * @throws Error when a package cannot be fetched, a mark names no declaration or a mutant's text
 * is not found exactly once (see `markFile`, `mutateFile`)
 */
export function prepareRealCorpus(corpus: RealCorpus, cache: string): PreparedCorpus {
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, '.gitignore'), '*\n');
  const base = join(cache, 'realCode', corpus.name);
  const prepared: PreparedCorpus = { plain: join(base, 'plain'), marked: join(base, 'marked'), mutated: join(base, 'mutated') };
  rmSync(base, { recursive: true, force: true });
  for (const { name, version } of corpus.packages) unpackTarball(packTarball(cache, name, version), join(prepared.plain, name));
  const tsconfig = `${JSON.stringify(corpus.tsconfig, null, 2)}\n`;
  writeFileSync(join(prepared.plain, 'tsconfig.json'), tsconfig);
  cpSync(prepared.plain, prepared.marked, { recursive: true });
  const marksByFile = groupByFile(corpus.marks);
  const mutantsByFile = groupByFile(corpus.mutants);
  const marked = new Map<string, string>();
  for (const [file, marks] of marksByFile) {
    const text = markFile(file, readFileSync(join(prepared.plain, file), 'utf8'), marks);
    marked.set(file, text);
    writeFileSync(join(prepared.marked, file), text);
  }
  cpSync(prepared.marked, prepared.mutated, { recursive: true });
  for (const [file, mutants] of mutantsByFile) {
    const text = marked.get(file) ?? readFileSync(join(prepared.plain, file), 'utf8');
    writeFileSync(join(prepared.mutated, file), mutateFile(file, text, mutants));
  }
  return prepared;
}
