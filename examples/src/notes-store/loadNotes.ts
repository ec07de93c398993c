import { readFile } from 'node:fs/promises';
import type { Notes } from './Notes';
import { NotesError } from './NotesError';
import { parseNotes } from './parseNotes';

/**
 * Loads the store file.
 *
 * A missing file is an error, not an empty store: a read that fails with ENOENT for another reason
 * (a file being replaced on a network file system, a fault injected in a test) would otherwise make
 * the next save write one note over all of them.
 *
 * @param file - the store file's path
 * @returns the store
 * @throws NotesError `ERR_NO_STORE` when the file does not exist, `ERR_BAD_STORE` when it cannot be
 *   read or parsed
 */
export async function loadNotes(file: string): Promise<Notes> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new NotesError('ERR_NO_STORE', `${file} does not exist (create it with init)`, error);
    throw new NotesError('ERR_BAD_STORE', `cannot read ${file}: ${(error as Error).message}`, error);
  }
  return parseNotes(text, file);
}
