import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ts } from '@ts-morph/common';
import type { Project } from 'ts-morph';
import type { LintConfig } from '../config/LintConfig';
import { LintError } from '../errors/LintError';
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
  /**
   * Compiler options over strict ES2022 with Node's module resolution, as a tsconfig.json's
   * `compilerOptions` writes them (`{ experimentalDecorators: true, target: 'es2020' }`); paths in
   * them are relative to `baseDir`.
   */
  readonly compilerOptions?: Readonly<Record<string, unknown>>;
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
    // Loaded here, not with the module: ei-lint's command line lints projects on disk without it.
    const tsMorph = require('ts-morph') as typeof import('ts-morph');
    project = new tsMorph.Project({ compilerOptions, skipAddingFilesFromTsConfig: true });
    projects.set(key, project);
  }
  return project;
}

/** A text cut to a readable length. */
function cut(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

/**
 * Converts compiler options written as in a tsconfig.json to the compiler's.
 *
 * @throws LintError `ERR_INVALID_ARG_VALUE` naming the option the compiler refused
 */
function convertCompilerOptions(options: Readonly<Record<string, unknown>>, baseDir: string): ts.CompilerOptions {
  const { options: converted, errors } = ts.convertCompilerOptionsFromJson(options, baseDir);
  if (errors.length > 0) {
    const reasons = errors.map((error) => cut(ts.flattenDiagnosticMessageText(error.messageText, ' '))).join('; ');
    throw new LintError('ERR_INVALID_ARG_VALUE', `lintSources: compilerOptions ${cut(JSON.stringify(options))} are refused (${reasons}); accepted: the compilerOptions of a tsconfig.json`);
  }
  return converted;
}

/**
 * Lints source text that is not on disk: `{ 'store.ts': '…' }`. Every file given is linted; the
 * files are kept in memory only, and imports of packages resolve from `baseDir` on disk.
 *
 * @param sources - file names (relative to `baseDir`) and their text
 * @param options - configuration and compiler options
 * @returns the findings, sorted by file and position
 * @throws LintError `ERR_INVALID_ARG_VALUE` for compiler options the compiler refuses
 */
export function lintSources(sources: Readonly<Record<string, string>>, options: LintSourcesOptions = {}): Finding[] {
  const baseDir = options.baseDir ?? process.cwd();
  const compilerOptions = options.compilerOptions === undefined ? {} : convertCompilerOptions(options.compilerOptions, baseDir);
  const project = projectFor({ ...DEFAULT_COMPILER_OPTIONS, typeRoots: typeRootsFrom(baseDir), ...compilerOptions });
  for (const sourceFile of project.getSourceFiles()) project.removeSourceFile(sourceFile);
  const created = Object.entries(sources).map(([name, text]) => project.createSourceFile(path.resolve(baseDir, name), text, { overwrite: true }));
  const program = project.getProgram().compilerObject;
  const files = created.map((sourceFile) => program.getSourceFile(sourceFile.getFilePath()) ?? sourceFile.compilerNode);
  return lintProgram(program, files, options.config ?? resolveConfig()).findings;
}
