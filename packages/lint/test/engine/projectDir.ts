import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { dedent } from '../support/ruleTester';

/**
 * Scratch projects on disk for the engine's tests. They are made under the test's own compiled
 * folder (ignored by git) so that `@errinject/core` resolves from the repository's node_modules,
 * as it does in a user's project.
 */

const made: string[] = [];

/**
 * Writes a project: `{ 'tsconfig.json': {...}, 'src/a.ts': '…' }`; objects are written as JSON,
 * strings dedented.
 *
 * @param files - paths relative to the project and their contents
 * @returns the project's directory
 */
export function projectDir(files: Readonly<Record<string, string | object>>): string {
  const dir = mkdtempSync(path.join(__dirname, 'project-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? dedent(content) : JSON.stringify(content));
  }
  return dir;
}

/** Removes every project made so far. */
export function removeProjectDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
