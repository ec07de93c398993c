import { parseArgs } from 'node:util';
import { loadNotes } from './loadNotes';
import { EMPTY_NOTES, type Notes } from './Notes';
import { NotesError } from './NotesError';
import { stringifyNotes } from './parseNotes';
import { SAVE_STRATEGIES, type StoreOptions, storeOptions } from './storeOptions';

/**
 * notes: a tiny command-line notes store, a JSON file it loads, changes once and saves each run.
 * Plain Node.js with no errinject in it: `failcmd --type fail_fs` fails its file system calls from
 * outside, and `check.js` judges the file each run left.
 *
 * ```sh
 * notes [--file FILE] [--save in-place|atomic] init | add TEXT... | done N | list
 * ```
 */

const USAGE = 'usage: notes [--file FILE] [--save in-place|atomic] init | add TEXT... | done N | list';

async function save(options: StoreOptions, notes: Notes): Promise<void> {
  await SAVE_STRATEGIES[options.save](options.file, stringifyNotes(notes));
}

/** Creates an empty store, unless there is one: any answer but "no such file" means there may be. */
async function init(options: StoreOptions): Promise<void> {
  try {
    await loadNotes(options.file);
  } catch (error) {
    if (!(error instanceof NotesError && error.code === 'ERR_NO_STORE')) throw error;
    await save(options, EMPTY_NOTES);
    console.log(`${options.file}: created, no notes`);
    return;
  }
  throw new NotesError('ERR_STORE_EXISTS', `${options.file} already exists`);
}

async function add(options: StoreOptions, words: readonly string[]): Promise<void> {
  const text = words.join(' ').trim();
  if (text === '') throw new NotesError('ERR_USAGE', `add needs the text of the note\n${USAGE}`);
  const notes = await loadNotes(options.file);
  const next: Notes = { ...notes, notes: [...notes.notes, { text, added: new Date().toISOString() }] };
  await save(options, next);
  console.log(`${options.file}: added note ${next.notes.length}: ${text}`);
}

async function done(options: StoreOptions, which: string | undefined): Promise<void> {
  const notes = await loadNotes(options.file);
  const n = Number(which);
  if (!Number.isInteger(n) || n < 1 || n > notes.notes.length) {
    throw new NotesError('ERR_USAGE', `done needs the number of a note, 1 to ${notes.notes.length}, not ${JSON.stringify(which ?? '')}`);
  }
  const removed = notes.notes[n - 1]?.text ?? '';
  await save(options, { ...notes, notes: notes.notes.filter((_, i) => i !== n - 1) });
  console.log(`${options.file}: done with note ${n}: ${removed}`);
}

async function list(options: StoreOptions): Promise<void> {
  const notes = await loadNotes(options.file);
  if (notes.notes.length === 0) console.log(`${options.file}: no notes`);
  notes.notes.forEach((note, i) => console.log(`${String(i + 1).padStart(3)}  ${note.added.slice(0, 10)}  ${note.text}`));
}

async function main(argv: readonly string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { file: { type: 'string' }, save: { type: 'string' } } });
  } catch (error) {
    throw new NotesError('ERR_USAGE', `${(error as Error).message}\n${USAGE}`, error);
  }
  const options = storeOptions(parsed.values.file, parsed.values.save, process.env);
  const [command, ...rest] = parsed.positionals;
  switch (command) {
    case 'init':
      return init(options);
    case 'add':
      return add(options, rest);
    case 'done':
      return done(options, rest[0]);
    case 'list':
      return list(options);
    default:
      throw new NotesError('ERR_USAGE', command === undefined ? USAGE : `unknown command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (!(error instanceof NotesError)) throw error;
  console.error(`notes: ${error.message}`);
  process.exitCode = error.code === 'ERR_USAGE' ? 2 : 1;
});
