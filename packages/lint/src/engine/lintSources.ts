import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Project, ts } from 'ts-morph';
import type { LintConfig } from '../config/LintConfig';
import { resolveConfig } from '../config/resolveConfig';
import type { Finding } from '../finding/Finding';
import { lintProgram } from './lintProgram';

/** What `lintSources` compiles the files with, besides what is given. */
const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2023.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  types: ['node'],
  skipLibCheck: true,
  noEmit: true,
};

/** What `lintSources` lints. */
export interface LintSourcesOptions {
  /** The configuration. Default: every rule at its default setting. */
  readonly config?: LintConfig;
  /** Compiler options over strict ES2022 with Node's module resolution (`experimentalDecorators`, say). */
  readonly compilerOptions?: ts.CompilerOptions;
  /**
   * The directory the files are placed in; imports (`@errinject/core` among them) resolve from
   * there on disk. Default: `process.cwd()`.
   */
  readonly baseDir?: string;
}

/**
 * The `node_modules/@types` folders from `dir` up, as TypeScript looks for them from a tsconfig's
 * folder: the in-memory files' `types` resolve from where they are placed, not from the process's
 * working directory.
 */
function typeRootsFrom(dir: string): string[] {
  const roots: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const root = path.join(current, 'node_modules', '@types');
    if (existsSync(root)) roots.push(root);
    if (path.dirname(current) === current) return roots;
  }
}

/** One project per set of compiler options, kept so that the library files are parsed once. */
const projects = new Map<string, Project>();

function projectFor(compilerOptions: ts.CompilerOptions): Project {
  const key = JSON.stringify(compilerOptions);
  let project = projects.get(key);
  if (project === undefined) {
    project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true });
    projects.set(key, project);
  }
  return project;
}

/**
 * Lints source text that is not on disk: `{ 'store.ts': '…' }`. Every file given is linted; the
 * files are kept in memory only, and imports of packages resolve from `baseDir` on disk.
 *
 * @param sources - file names (relative to `baseDir`) and their text
 * @param options - configuration and compiler options
 * @returns the findings, sorted by file and position
 */
export function lintSources(sources: Readonly<Record<string, string>>, options: LintSourcesOptions = {}): Finding[] {
  const baseDir = options.baseDir ?? process.cwd();
  const project = projectFor({ ...DEFAULT_COMPILER_OPTIONS, typeRoots: typeRootsFrom(baseDir), ...options.compilerOptions });
  for (const sourceFile of project.getSourceFiles()) project.removeSourceFile(sourceFile);
  const created = Object.entries(sources).map(([name, text]) => project.createSourceFile(path.resolve(baseDir, name), text, { overwrite: true }));
  const program = project.getProgram().compilerObject;
  const files = created.map((sourceFile) => program.getSourceFile(sourceFile.getFilePath()) ?? sourceFile.compilerNode);
  return lintProgram(program, files, options.config ?? resolveConfig()).findings;
}
