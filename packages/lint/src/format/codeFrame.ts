/** The columns of a finding, 1-based, `endColumn` just past its end as in `Finding`. */
export interface FrameSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * The line a finding starts on, with its number, and a caret line under it that marks the
 * finding's columns (to the end of the line when the finding goes on past it). Tabs before the
 * finding are kept in the caret line so that it lines up in a terminal.
 *
 * @param source - the file's text
 * @param span - where the finding is
 * @param paint - colours the line number gutter and the carets; identity for plain text
 * @returns the two lines, indented by four spaces, without a final newline; `undefined` when the
 *   file has no such line
 */
export function codeFrame(source: string, span: FrameSpan, paint: { gutter(text: string): string; marker(text: string): string } = { gutter: (t) => t, marker: (t) => t }): string | undefined {
  const lines = source.split(/\r\n|\r|\n|\u2028|\u2029/);
  const text = lines[span.line - 1];
  if (text === undefined) return undefined;
  const start = Math.min(span.column - 1, text.length);
  const end = span.endLine === span.line ? Math.min(span.endColumn - 1, text.length) : text.length;
  const width = Math.max(end - start, 1);
  const number = String(span.line);
  const pad = text.slice(0, start).replace(/[^\t]/g, ' ');
  return [
    `    ${paint.gutter(`${number} |`)} ${text}`,
    `    ${paint.gutter(`${' '.repeat(number.length)} |`)} ${pad}${paint.marker('^'.repeat(width))}`,
  ].join('\n');
}
