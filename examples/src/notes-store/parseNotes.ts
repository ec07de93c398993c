import type { Note, Notes } from './Notes';
import { NotesError } from './NotesError';

function isNote(value: unknown): value is Note {
  if (typeof value !== 'object' || value === null) return false;
  const { text, added } = value as Record<string, unknown>;
  return typeof text === 'string' && typeof added === 'string' && !Number.isNaN(Date.parse(added));
}

/**
 * Reads a store file's text: JSON holding `version` 1 and an array of notes, each with its text and
 * the date it was added. Anything else (a file cut short, another format) is refused rather than
 * taken for an empty store, which the next save would write over the notes still on disk.
 *
 * @param text - the file's contents
 * @param file - the file's path, for the message
 * @returns the store
 * @throws NotesError `ERR_BAD_STORE`, with the JSON error as its cause where it did not parse
 */
export function parseNotes(text: string, file: string): Notes {
  // A file cut to nothing, as a failed write in place leaves it: say so plainly.
  if (text === '') throw new NotesError('ERR_BAD_STORE', `${file} is empty`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new NotesError('ERR_BAD_STORE', `${file} (${text.length} bytes) is not JSON: ${(error as Error).message}`, error);
  }
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) {
    throw new NotesError('ERR_BAD_STORE', `${file} is not a notes store of version 1`);
  }
  const notes = (value as { notes?: unknown }).notes;
  if (!Array.isArray(notes)) throw new NotesError('ERR_BAD_STORE', `${file} has no array of notes`);
  const bad = notes.findIndex((note) => !isNote(note));
  if (bad !== -1) throw new NotesError('ERR_BAD_STORE', `${file}: note ${bad + 1} has no text or no valid date`);
  return { version: 1, notes: notes as Note[] };
}

/**
 * The text of a store file: pretty JSON, one key a line, ending with a newline.
 *
 * @param notes - the store
 * @returns what the file should hold
 */
export function stringifyNotes(notes: Notes): string {
  return `${JSON.stringify(notes, null, 2)}\n`;
}
