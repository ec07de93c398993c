import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { markMethods, type MarkType } from './markMethods';
import { packTarball, unpackTarball } from './packTarball';

/** The package whose sources the benchmark lints, and its version. */
export const CORPUS_PACKAGE = '@xterm/xterm';
export const CORPUS_VERSION = '6.0.0';

/** The scratch project the benchmark runs both tools on. */
export interface Corpus {
  /** The project's directory, which holds its `tsconfig.json`. */
  readonly dir: string;
  /** The TypeScript files of `src/` (declaration files included). */
  readonly files: number;
  /** Their lines, before marking. */
  readonly lines: number;
  /** How many methods were marked, by error type. */
  readonly marks: Readonly<Record<MarkType, number>>;
}

/**
 * What xterm's own configurations allow (`src/tsconfig-library-base.json` and the per-folder
 * configurations of its repository): strict, legacy decorators (its services are injected with
 * parameter decorators), class fields as assignments and `any` in catch clauses. Its import
 * prefixes `common/`, `browser/` and `vs/` become paths relative to this file; `vs/nls` is its
 * patched copy, and `@xterm/xterm` its shipped typings. The library files are not checked
 * (`skipLibCheck`, as most projects do; a full check of lib.dom.d.ts would only make tsc slower).
 * The realCode benchmark's xterm corpus uses it too, with its paths moved under the package's name.
 */
export const TSCONFIG = {
  compilerOptions: {
    target: 'es2022',
    lib: ['dom', 'es2022'],
    module: 'esnext',
    moduleResolution: 'bundler',
    types: [],
    strict: true,
    useUnknownInCatchVariables: false,
    useDefineForClassFields: false,
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
    rootDir: 'src',
    paths: {
      'common/*': ['./src/common/*'],
      'browser/*': ['./src/browser/*'],
      'vs/nls': ['./src/vs/patches/nls.ts'],
      'vs/*': ['./src/vs/*'],
      '@xterm/xterm': ['./typings/xterm.d.ts'],
    },
  },
  include: ['src'],
};

function listTypeScript(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name))
    .sort();
}

/**
 * Builds the scratch project: fetches the package once (kept in `cache`, which ignores itself in
 * git), unpacks its `src/` and `typings/` afresh, marks methods (`markMethods`) and writes a
 * tsconfig. The project lives inside the repository so that `@errinject/core` resolves from its
 * node_modules, as it would in a user's project.
 *
 * @param cache - the directory to keep the tarball and the project in
 * @returns the project and the size of the corpus
 */
export function prepareCorpus(cache: string): Corpus {
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, '.gitignore'), '*\n');
  const archive = packTarball(cache, CORPUS_PACKAGE, CORPUS_VERSION);
  const dir = join(cache, 'xterm-marked');
  unpackTarball(archive, dir, ['src', 'typings']);
  const marks: Record<MarkType, number> = { EI_TYPE_TRUE: 0, EI_TYPE_ERRNO: 0, EI_TYPE_ERRNO_NULL: 0, EI_TYPE_NULL: 0 };
  let lines = 0;
  const files = listTypeScript(join(dir, 'src'));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (file.endsWith('.d.ts')) continue;
    const marked = markMethods(relative(dir, file), text);
    for (const type of Object.keys(marks) as MarkType[]) marks[type] += marked.marks[type];
    if (marked.text !== text) writeFileSync(file, marked.text);
  }
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  return { dir, files: files.length, lines, marks };
}
