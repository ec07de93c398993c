import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LintError } from '../errors/LintError';

/**
 * Creates a directory and its missing parents one level at a time. Node 20's
 * `mkdirSync(dir, { recursive: true })` never returns for some paths under `/proc` (it retries the
 * parent forever once the kernel answers ENOENT for a parent that exists), so `-o /proc/x/report`
 * hung ei-lint instead of failing.
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let current = dir; !existsSync(current); current = path.dirname(current)) {
    missing.push(current);
    if (path.dirname(current) === current) break;
  }
  for (const each of missing.reverse()) mkdirSync(each);
}

/**
 * Writes the report to the file `-o/--output-file` names, creating its directory when needed (as
 * ESLint does), and replacing the file when it exists.
 *
 * @param outputFile - the file, as given on the command line
 * @param cwd - where a relative name starts
 * @param report - the formatted report (possibly empty: the file is still written, so that a CI step
 *   that uploads it finds it)
 * @throws LintError `ERR_INVALID_ARG_VALUE` naming the option, the value, the absolute path and why
 *   it cannot be written (a directory, no permission, a file where a directory should be...)
 */
export function writeReport(outputFile: string, cwd: string, report: string): void {
  const file = path.resolve(cwd, outputFile);
  try {
    makeDirectory(path.dirname(file));
    writeFileSync(file, report);
  } catch (error) {
    throw new LintError(
      'ERR_INVALID_ARG_VALUE',
      `--output-file is ${JSON.stringify(outputFile)}: ${file} cannot be written (${(error as Error).message}); accepted: a file that can be created or replaced`,
      { cause: error },
    );
  }
}
