import { writeFile } from 'node:fs/promises';
import { NotesError } from './NotesError';

/**
 * Saves a file the simple way: writes the new contents over the file itself.
 *
 * This is the bug the example exists for. `writeFile` opens the file with `O_TRUNC` and then writes:
 * when the write fails (a full disk, a quota, an I/O error) the error is reported, the caller handles
 * it perfectly, and the file is left empty or cut short all the same. A crash or a power cut between
 * the two does the same. {@link saveAtomically} is the way where that cannot happen.
 *
 * @param file - the file's path
 * @param data - its new contents
 * @throws NotesError `ERR_SAVE`, with the file system's error as its cause; the file may then hold
 *   none or part of `data`, and the message says so
 */
export async function saveInPlace(file: string, data: string): Promise<void> {
  try {
    await writeFile(file, data, 'utf8');
  } catch (error) {
    throw new NotesError('ERR_SAVE', `cannot save ${file}, which may now be damaged: ${(error as Error).message}`, error);
  }
}
