import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A scratch directory tree for a test, removed by `remove()`. */
export interface TempDir {
  readonly root: string;
  /** Writes a file (creating its directories); a non-string is written as JSON. */
  write(relative: string, content: unknown): string;
  /** Creates a directory and returns its absolute name. */
  mkdir(relative: string): string;
  remove(): void;
}

/**
 * Creates a scratch directory under the system's temporary directory.
 *
 * @returns the directory and helpers to fill it
 */
export function tempDir(): TempDir {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ei-lint-test-'));
  return {
    root,
    write(relative, content) {
      const file = path.join(root, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    },
    mkdir(relative) {
      const dir = path.join(root, relative);
      mkdirSync(dir, { recursive: true });
      return dir;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
