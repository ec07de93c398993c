import * as fc from 'fast-check';

/**
 * A fast-check reporter for properties whose inputs may be huge (400 KB paths, 100 KB boot
 * entries, 14,000 entries): the default report prints the counterexample whole, which buries the
 * failure. This one prints the seed and path to replay it, the counterexample with every long string
 * cut to its first characters and its length, and the failure's message, cut likewise.
 *
 * Use it as `fc.assert(property, { numRuns, reporter: compactReport })`.
 */

/** How many characters of a long string the report keeps. */
const KEPT = 80;

function cutStrings(text: string): string {
  // JSON-style string literals, as fc.stringify prints them.
  return text.replace(/"((?:[^"\\]|\\.){200,})"/g, (_, body: string) => `"${body.slice(0, KEPT)}..." (${body.length} characters)`);
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}... (${text.length} characters)` : text;
}

/**
 * Throws a short error for a failed run; returns for a passed one.
 *
 * @param details - what fast-check reports of the run
 */
export function compactReport<Ts>(details: fc.RunDetails<Ts>): void {
  if (!details.failed) return;
  const error = details.errorInstance;
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const counterexample = details.counterexample === null ? '(none)' : cutStrings(fc.stringify(details.counterexample));
  throw new Error(
    [
      `Property failed after ${details.numRuns} tests (seed ${details.seed}, path "${details.counterexamplePath ?? ''}", shrunk ${details.numShrinks} times)`,
      `Counterexample: ${cut(counterexample, 4000)}`,
      `Caused by: ${cut(cutStrings(message), 4000)}`,
    ].join('\n'),
  );
}
