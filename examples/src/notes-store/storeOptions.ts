import { NotesError } from './NotesError';
import { saveAtomically } from './saveAtomically';
import { saveInPlace } from './saveInPlace';

/** How a save is done: over the file itself, or through a temporary file renamed over it. */
export const SAVE_STRATEGIES = {
  'in-place': saveInPlace,
  atomic: saveAtomically,
} as const satisfies Record<string, (file: string, data: string) => Promise<void>>;

/** The name of a save strategy. */
export type SaveStrategy = keyof typeof SAVE_STRATEGIES;

/** Where the store is and how it is saved. */
export interface StoreOptions {
  readonly file: string;
  readonly save: SaveStrategy;
}

/**
 * The store's options: from the command line (`--file`, `--save`), else from the environment
 * (`NOTES_FILE`, `NOTES_SAVE`), else `notes.json` in the working directory, saved atomically.
 *
 * @param file - `--file`, if given
 * @param save - `--save`, if given
 * @param env - the environment
 * @returns the options
 * @throws NotesError `ERR_USAGE` for a strategy that does not exist
 */
export function storeOptions(file: string | undefined, save: string | undefined, env: NodeJS.ProcessEnv): StoreOptions {
  const strategy = save ?? env['NOTES_SAVE'] ?? 'atomic';
  if (!Object.hasOwn(SAVE_STRATEGIES, strategy)) {
    throw new NotesError('ERR_USAGE', `unknown save strategy ${JSON.stringify(strategy)}: use ${Object.keys(SAVE_STRATEGIES).join(' or ')}`);
  }
  return { file: file ?? env['NOTES_FILE'] ?? 'notes.json', save: strategy as SaveStrategy };
}
