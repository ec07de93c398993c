import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { getLibFiles, ts } from '@ts-morph/common';
import { LintError } from '../errors/LintError';

/**
 * Builds the program of a tsconfig.json the way `tsc` does, with `ts.createProgram` and no
 * language service or ts-morph wrappers around the files: a lint run reads the program once and
 * asks the checker little, so ts-morph's `Project` (which parses every file into its own cache
 * first and wraps it) would only add time and memory. The compiler is the TypeScript ts-morph
 * bundles, from ts-morph's own package `@ts-morph/common`; ts-morph itself is not loaded.
 *
 * The library files (lib.es2022.d.ts, lib.dom.d.ts…) come from the copy `@ts-morph/common` keeps in
 * memory: the TypeScript it bundles has none beside it on disk.
 */

/** Where the library files seem to be; nothing is read from there on disk. */
const LIB_DIR = path.join(path.dirname(require.resolve('@ts-morph/common')), '__ts-morph-lib__').split(path.sep).join('/');

let libTexts: ReadonlyMap<string, string> | undefined;

/** The library files by path under `LIB_DIR`, read once. */
function libraryFiles(): ReadonlyMap<string, string> {
  libTexts ??= new Map(getLibFiles().map((file) => [`${LIB_DIR}/${file.fileName}`, file.text]));
  return libTexts;
}

/**
 * Parsed library files, kept for the next program in the same process (tests lint many small
 * projects): keyed by path and the parse options, which is what the language service's document
 * registry keys them by too.
 */
const parsedLibraries = new Map<string, ts.SourceFile>();

function libraryKey(fileName: string, languageVersionOrOptions: ts.ScriptTarget | ts.CreateSourceFileOptions): string {
  const options = typeof languageVersionOrOptions === 'number' ? { languageVersion: languageVersionOrOptions } : languageVersionOrOptions;
  return `${fileName}|${options.languageVersion}|${options.impliedNodeFormat ?? ''}|${options.jsDocParsingMode ?? ''}`;
}

function flatten(diagnostics: readonly ts.Diagnostic[]): string {
  return diagnostics
    .map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${message}`;
    })
    .join('; ');
}

/**
 * Reads a tsconfig.json, following `extends`, and checks its `references` point at projects that
 * exist.
 *
 * @param tsconfig - the tsconfig.json's path (relative ones start at the working directory)
 * @returns the parsed configuration
 * @throws LintError ERR_TSCONFIG when the file cannot be read or parsed, `extends` names a file that
 * cannot be read, an option has a value TypeScript does not accept, it names no input files, or a
 * reference names a project that does not exist
 */
export function readTsconfig(tsconfig: string): ts.ParsedCommandLine {
  const file = path.resolve(tsconfig);
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error !== undefined) {
    throw new LintError('ERR_TSCONFIG', `cannot read ${JSON.stringify(file)}: ${flatten([read.error])}`);
  }
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(file), undefined, file);
  if (parsed.errors.length > 0) {
    throw new LintError('ERR_TSCONFIG', `${JSON.stringify(file)} is not a configuration TypeScript accepts: ${flatten(parsed.errors)}`);
  }
  for (const reference of parsed.projectReferences ?? []) {
    const referenced = ts.resolveProjectReferencePath(reference);
    if (!existsSync(referenced)) {
      const written = path.relative(path.dirname(file), reference.path);
      throw new LintError('ERR_TSCONFIG', `${JSON.stringify(file)} references ${JSON.stringify(written)}, but there is no ${JSON.stringify(referenced)}`);
    }
  }
  return parsed;
}

/**
 * A compiler host that reads the project from disk and the library files from memory. Its source
 * files get their parent pointers when the program's type checker binds them.
 *
 * @param options - the compiler options
 * @returns the host
 */
export function createLintHost(options: ts.CompilerOptions): ts.CompilerHost {
  // No parent pointers at parse time: binding sets them on every node, and the checker is created
  // before anything looks at a parent. JSDoc is parsed only where it can carry types (JavaScript
  // files), as tsc does.
  const host = ts.createCompilerHost(options, false);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const libraries = libraryFiles();
  const { getSourceFile, fileExists, readFile } = host;
  host.getDefaultLibLocation = () => LIB_DIR;
  host.getDefaultLibFileName = (compilerOptions) => `${LIB_DIR}/${ts.getDefaultLibFileName(compilerOptions)}`;
  host.fileExists = (fileName) => libraries.has(fileName) || fileExists.call(host, fileName);
  host.readFile = (fileName) => libraries.get(fileName) ?? readFile.call(host, fileName);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) => {
    const text = libraries.get(fileName);
    if (text === undefined) return getSourceFile.call(host, fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile);
    const key = libraryKey(fileName, languageVersionOrOptions);
    let parsed = parsedLibraries.get(key);
    if (parsed === undefined) {
      parsed = ts.createSourceFile(fileName, text, languageVersionOrOptions, false);
      parsedLibraries.set(key, parsed);
    }
    return parsed;
  };
  return host;
}

/**
 * Creates the program of a tsconfig.json. Its files are parsed without parent pointers, which the
 * type checker sets on every node when it is created: call `program.getTypeChecker()` before
 * walking up from any node.
 *
 * @param tsconfig - the tsconfig.json's path (relative ones start at the working directory)
 * @returns the program
 * @throws LintError ERR_TSCONFIG when the configuration cannot be used (see `readTsconfig`)
 */
export function createProjectProgram(tsconfig: string): ts.Program {
  const parsed = readTsconfig(tsconfig);
  return ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host: createLintHost(parsed.options),
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
}
