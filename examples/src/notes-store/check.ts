import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseNotes } from './parseNotes';

/**
 * Judges the state a run of notes left, for `failcmd --check`: exits 0 when the store file parses
 * and holds a store (printing how many notes), 1 with the reason otherwise, on one line that names
 * the file by its base name (failcmd's table shows that line). A missing file is a bad state too:
 * the runs start from a store, and no failure should remove it.
 *
 * ```sh
 * node check.js [FILE]   # FILE, else NOTES_FILE, else notes.json
 * ```
 */

const file = process.argv[2] ?? process.env['NOTES_FILE'] ?? 'notes.json';
const name = basename(file);
try {
  const notes = parseNotes(readFileSync(file, 'utf8'), name);
  console.log(`${name}: ${notes.notes.length} notes`);
} catch (error) {
  console.error((error as NodeJS.ErrnoException).code === 'ENOENT' ? `${name} is gone` : (error as Error).message);
  process.exitCode = 1;
}
