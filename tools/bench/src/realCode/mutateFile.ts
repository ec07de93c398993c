import type { RealMutant } from './RealCorpus';

function newlines(text: string): number {
  return text.split('\n').length - 1;
}

/**
 * Applies a file's mutants to its marked text. Each mutant's `find` must occur exactly once in the
 * marked text, no two mutants may overlap, and each `replace` must have as many newlines as its
 * `find`, so that every line stays where it was.
 *
 * @param fileName - the file's name, for the messages
 * @param text - its marked text
 * @param mutants - the mutants of this file
 * @returns the mutated text
 * @throws Error naming the mutant whose `find` is missing, repeated or overlapping, or whose
 * `replace` moves lines
 */
export function mutateFile(fileName: string, text: string, mutants: readonly RealMutant[]): string {
  const edits = mutants.map((mutant) => {
    const at = text.indexOf(mutant.find);
    if (at === -1) throw new Error(`mutant ${mutant.id}: ${JSON.stringify(mutant.find.slice(0, 80))} does not occur in ${fileName} (marked)`);
    if (text.indexOf(mutant.find, at + 1) !== -1) throw new Error(`mutant ${mutant.id}: ${JSON.stringify(mutant.find.slice(0, 80))} occurs more than once in ${fileName} (marked); make it longer`);
    if (newlines(mutant.find) !== newlines(mutant.replace)) {
      throw new Error(`mutant ${mutant.id}: its replace has ${newlines(mutant.replace)} newlines where its find has ${newlines(mutant.find)}; lines must stay put`);
    }
    return { mutant, at, end: at + mutant.find.length };
  });
  edits.sort((a, b) => b.at - a.at);
  for (let i = 1; i < edits.length; i++) {
    if (edits[i]!.end > edits[i - 1]!.at) throw new Error(`mutants ${edits[i]!.mutant.id} and ${edits[i - 1]!.mutant.id} overlap in ${fileName}`);
  }
  let mutated = text;
  for (const { mutant, at, end } of edits) mutated = `${mutated.slice(0, at)}${mutant.replace}${mutated.slice(end)}`;
  return mutated;
}
