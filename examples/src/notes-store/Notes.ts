/** One note. */
export interface Note {
  /** What the note says. */
  readonly text: string;
  /** When it was added, as an ISO 8601 date. */
  readonly added: string;
}

/** What the store file holds: its format's version and the notes, oldest first. */
export interface Notes {
  readonly version: 1;
  readonly notes: readonly Note[];
}

/** The store `init` creates. */
export const EMPTY_NOTES: Notes = { version: 1, notes: [] };
