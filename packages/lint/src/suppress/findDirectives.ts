import { ts } from '@ts-morph/common';
import type { DirectivePart, SuppressionDirective } from './SuppressionDirective';

/** Where a directive may start: a line comment whose text begins with `ei-lint-`. */
const CANDIDATE = /\/\/[ \t]*ei-lint-/g;

/** The directive's name, then the rest of the comment. */
const DIRECTIVE = /^\/\/[ \t]*(ei-lint-[\w-]*)/;

/** What separates the rule ids from the reason: `--` with white space (or the end) around it. */
const REASON_SEPARATOR = /(?:^|\s)--(?:\s|$)/;

/**
 * Tells whether a line comment starts exactly at `pos`: finds the token whose leading trivia (white
 * space and comments only) holds `pos`, so that `//` inside a string, a template or a regular
 * expression is not taken for a comment. Only the nodes on the path to `pos` are visited.
 */
function isLineCommentAt(file: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = file;
  for (;;) {
    const child = node.getChildren(file).find((c) => !ts.isJSDoc(c) && c.pos <= pos && pos < c.end);
    if (child === undefined) break;
    node = child;
  }
  if (pos >= node.getStart(file)) return false;
  const ranges = [...(ts.getTrailingCommentRanges(file.text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(file.text, node.pos) ?? [])];
  return ranges.some((range) => range.pos === pos && range.kind === ts.SyntaxKind.SingleLineCommentTrivia);
}

function part(text: string, pos: number): DirectivePart {
  return { text, pos, end: pos + text.length };
}

function parse(file: ts.SourceFile, pos: number): SuppressionDirective {
  const lineEnd = file.text.slice(pos).search(/\r?\n|\r|\u2028|\u2029/);
  const comment = part(lineEnd === -1 ? file.text.slice(pos) : file.text.slice(pos, pos + lineEnd), pos);
  const head = DIRECTIVE.exec(comment.text)!;
  const nameText = head[1]!;
  const name = part(nameText, pos + head[0].length - nameText.length);
  const bodyStart = head[0].length;
  const body = comment.text.slice(bodyStart);
  const separator = REASON_SEPARATOR.exec(body);
  const rulesText = separator === null ? body : body.slice(0, separator.index);
  const rules: DirectivePart[] = [];
  let offset = 0;
  for (const piece of rulesText.split(',')) {
    const lead = piece.length - piece.trimStart().length;
    const id = piece.trim();
    if (id !== '') rules.push(part(id, pos + bodyStart + offset + lead));
    offset += piece.length + 1;
  }
  const reason = separator === null ? undefined : body.slice(separator.index + separator[0].length).trim();
  return { comment, name, rules, reason };
}

/**
 * Finds the `// ei-lint-...` comments of a file. A file whose text does not hold `ei-lint-` costs
 * one string search.
 *
 * @param file - a source file
 * @returns its directives, in file order, unchecked
 */
export function findDirectives(file: ts.SourceFile): SuppressionDirective[] {
  const directives: SuppressionDirective[] = [];
  if (!file.text.includes('ei-lint-')) return directives;
  for (const match of file.text.matchAll(CANDIDATE)) {
    if (isLineCommentAt(file, match.index)) directives.push(parse(file, match.index));
  }
  return directives;
}
