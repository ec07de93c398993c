import ts from 'typescript';
import { findMarkTarget } from './findMarkTarget';
import type { RealMark } from './RealCorpus';

/** The import every marked file gets at the start of its line 1. */
export const MARK_IMPORT =
  "import { AllowErrorInjection, allowErrorInjection, EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_TRUE } from '@errinject/core'; ";

/** The first position at or after `at` that is not white space (no comment sits between `export` and `function` in the corpora). */
function afterSpace(text: string, at: number): number {
  let position = at;
  while (/\s/.test(text[position] ?? '')) position++;
  return position;
}

/**
 * Marks real functions of one file without moving any line: a method gets
 * `@AllowErrorInjection(EI_TYPE_X) ` before its decorators, modifiers and name; a function
 * declaration `export function f(...) {...}` becomes `export const f = allowErrorInjection(EI_TYPE_X,
 * function f(...) {...});` (an `async` modifier goes with the function expression). The import of
 * the core goes at the start of line 1. Declarations are found with the TypeScript parser.
 *
 * @param fileName - the file's name (for the parser and the messages)
 * @param text - its unmarked text
 * @param marks - the marks in this file
 * @returns the marked text
 * @throws Error when a mark names no declaration, an overloaded one, or a default export
 */
export function markFile(fileName: string, text: string, marks: readonly RealMark[]): string {
  if (marks.length === 0) return text;
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const insertions: { at: number; text: string }[] = [];
  for (const mark of marks) {
    const target = findMarkTarget(file, mark.name);
    if (target.kind === 'method') {
      insertions.push({ at: target.node.getStart(file), text: `@AllowErrorInjection(${mark.type}) ` });
      continue;
    }
    const node = target.node;
    const modifiers = node.modifiers ?? [];
    if (modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword || modifier.kind === ts.SyntaxKind.DeclareKeyword)) {
      throw new Error(`mark ${JSON.stringify(mark.name)} in ${fileName}: a default export or a declaration cannot become a const`);
    }
    // Where the function expression starts: its `async`, or the `function` keyword after `export`.
    const kept = modifiers.filter((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    const moved = modifiers.find((modifier) => modifier.kind !== ts.SyntaxKind.ExportKeyword);
    const start = moved !== undefined ? moved.getStart(file) : kept.length > 0 ? afterSpace(text, kept[kept.length - 1]!.end) : node.getStart(file);
    insertions.push({ at: start, text: `const ${node.name!.text} = allowErrorInjection(${mark.type}, ` });
    insertions.push({ at: node.end, text: ');' });
  }
  let marked = text;
  for (const insertion of insertions.sort((a, b) => b.at - a.at)) {
    marked = `${marked.slice(0, insertion.at)}${insertion.text}${marked.slice(insertion.at)}`;
  }
  return `${MARK_IMPORT}${marked}`;
}
