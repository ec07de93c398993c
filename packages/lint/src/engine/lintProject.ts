import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ts } from '@ts-morph/common';
import type { LintConfig } from '../config/LintConfig';
import { resolveConfig } from '../config/resolveConfig';
import { LintError } from '../errors/LintError';
import type { Finding } from '../finding/Finding';
import { createProjectProgram } from './createProjectProgram';
import { lintProgram } from './lintProgram';

/** What `lintProject` lints. */
export interface LintProjectOptions {
  /** The tsconfig.json of the project, or the directory that holds it. */
  readonly tsconfig: string;
  /**
   * Only lint these files or directories (absolute, or relative to `cwd`); the rest of the project
   * is still read, for types and for the marks its files hold. Default: every file of the project.
   */
  readonly paths?: readonly string[];
  /** The configuration. Default: every rule at its default setting. */
  readonly config?: LintConfig;
  /** Where relative paths start. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/** What a run found. */
export interface LintResult {
  readonly findings: readonly Finding[];
  /** How many files were linted. */
  readonly fileCount: number;
  /** How many error-injectable functions the project marks. */
  readonly injectableCount: number;
}

function tsconfigPath(tsconfig: string, cwd: string): string {
  const resolved = path.resolve(cwd, tsconfig);
  const file = existsSync(resolved) && statSync(resolved).isDirectory() ? path.join(resolved, 'tsconfig.json') : resolved;
  if (!existsSync(file)) throw new LintError('ERR_TSCONFIG', `no tsconfig at ${JSON.stringify(file)}; give one with -p <tsconfig.json or directory>`);
  return file;
}

function isProjectFile(file: ts.SourceFile, program: ts.Program): boolean {
  return !file.isDeclarationFile && !program.isSourceFileFromExternalLibrary(file) && !file.fileName.includes('/node_modules/');
}

/**
 * Lints a TypeScript project.
 *
 * @param options - the project, and what to lint of it
 * @returns the findings
 * @throws LintError ERR_TSCONFIG when there is no tsconfig or TypeScript does not accept it (see
 * `readTsconfig`); ENOENT when a path matches no file of the project
 */
export function lintProject(options: LintProjectOptions): LintResult {
  const cwd = options.cwd ?? process.cwd();
  const file = tsconfigPath(options.tsconfig, cwd);
  const program = createProjectProgram(file);
  let files = program.getSourceFiles().filter((sourceFile) => isProjectFile(sourceFile, program));
  if (options.paths !== undefined && options.paths.length > 0) {
    const wanted = options.paths.map((p) => path.resolve(cwd, p).split(path.sep).join('/'));
    for (const prefix of wanted) {
      if (!files.some((sourceFile) => sourceFile.fileName === prefix || sourceFile.fileName.startsWith(`${prefix}/`))) {
        throw new LintError('ENOENT', `${JSON.stringify(prefix)} is not a file or directory of the project ${JSON.stringify(file)}`);
      }
    }
    files = files.filter((sourceFile) => wanted.some((prefix) => sourceFile.fileName === prefix || sourceFile.fileName.startsWith(`${prefix}/`)));
  }
  const { findings, injectableCount } = lintProgram(program, files, options.config ?? resolveConfig());
  return { findings, fileCount: files.length, injectableCount };
}
