import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { NotesError } from './NotesError';

/**
 * Writes `data` through an open handle, syncs it and closes it. On a failure the handle is closed
 * too, and the error thrown is the first one.
 */
async function writeSyncClose(handle: FileHandle, data: string): Promise<void> {
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    // The write or the sync failed: that is the error to report, whatever closing says.
    await handle.close().catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/** Syncs a directory, so that a rename in it survives a power cut. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function notSaved(file: string, error: unknown): NotesError {
  return new NotesError('ERR_SAVE', `cannot save ${file}, which still holds its previous contents: ${(error as Error).message}`, error);
}

/**
 * Saves a file so that it holds either its old contents or the new ones, never a mix, whatever
 * fails: writes a temporary file in the same directory (a rename does not cross file systems),
 * syncs it, closes it, renames it over the file, which replaces it at once, and syncs the
 * directory, which makes the rename itself durable.
 *
 * Every step can fail, and none of them touches the file until the rename: on a failure before it,
 * the temporary file is removed and the file still holds what it held. After the rename, only the
 * directory's sync is left: the file then holds the new contents, and the error says that a power
 * cut could still undo the rename.
 *
 * @param file - the file's path
 * @param data - its new contents
 * @throws NotesError `ERR_SAVE` when the file was not replaced (it holds its old contents),
 *   `ERR_NOT_DURABLE` when it was but the directory could not be synced; the file system's error is
 *   the cause
 */
export async function saveAtomically(file: string, data: string): Promise<void> {
  const directory = dirname(file);
  const temporary = join(directory, `.${basename(file)}.${process.pid}.tmp`);
  let handle: FileHandle;
  try {
    // Exclusively: a file of that name is another writer's, never ours to reuse or remove.
    handle = await open(temporary, 'wx', 0o666);
  } catch (error) {
    throw notSaved(file, error);
  }
  try {
    await writeSyncClose(handle, data);
    await rename(temporary, file);
  } catch (error) {
    // Removing the temporary file is tidying up: one left over never harms the state, and the
    // error worth reporting is the one that stopped the save.
    await unlink(temporary).catch(() => undefined);
    throw notSaved(file, error);
  }
  try {
    await syncDirectory(directory);
  } catch (error) {
    throw new NotesError('ERR_NOT_DURABLE', `saved ${file}, but cannot sync its directory ${directory}, so a power cut may undo it: ${(error as Error).message}`, error);
  }
}
