import { readFileSync } from 'node:fs';

/**
 * Reads a linted file again for `stylish`'s code frames.
 *
 * @param file - an absolute file name
 * @returns its text; `undefined` when it cannot be read any more (the frame is then left out)
 */
export function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
