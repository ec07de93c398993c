import * as path from 'node:path';

/**
 * A file name relative to the working directory, with `/` between its parts on every platform.
 *
 * @param file - an absolute file name
 * @param cwd - the working directory
 * @returns the relative name (`src/store.ts`, `../lib/a.ts`)
 */
export function relativePath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/');
}
