import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RealCorpus } from './RealCorpus';

/**
 * The corpora of the `realCode` benchmark: every module of `corpora/`, each exporting one
 * `RealCorpus` named after its file (`corpora/prosemirror.ts` exports `prosemirror`), so that a
 * corpus is added by adding its file.
 *
 * @param dir - the compiled `corpora` directory
 * @returns the corpora, by file name (none when the directory is not there)
 * @throws Error naming a module that does not export its corpus under its own name
 */
export function loadCorpora(dir: string = join(__dirname, 'corpora')): RealCorpus[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => {
      const exported = (require(join(dir, name)) as Record<string, unknown>)[basename(name, '.js')] as Partial<RealCorpus> | undefined;
      if (exported === undefined || typeof exported.name !== 'string' || !Array.isArray(exported.marks) || !Array.isArray(exported.sites)) {
        throw new Error(`${join(dir, name)} exports no RealCorpus named ${JSON.stringify(basename(name, '.js'))}`);
      }
      return exported as RealCorpus;
    });
}
