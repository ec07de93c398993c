import { isAbsolute, relative } from 'node:path';

/**
 * A call site as people read it: relative to the working directory when its file lies inside it
 * (`src/store.ts:12:5`), otherwise as it is (`/opt/lib/x.js:3:1`, `node:fs:10:2`).
 *
 * @param site - `/abs/file.ts:12:5`, as a fault report or a sweep names it
 * @param cwd - the directory to be relative to; default: the working directory
 * @returns the site, relative where it can be
 */
export function relativeSite(site: string, cwd: string = process.cwd()): string {
  const match = /^(.*)(:\d+:\d+)$/.exec(site);
  if (match === null) return site;
  const file = match[1] as string;
  if (!isAbsolute(file)) return site;
  const path = relative(cwd, file);
  return path === '' || path.startsWith('..') || isAbsolute(path) ? site : `${path}${match[2] as string}`;
}
