/** What marks a cut. */
const MARK = '...';

/**
 * Cuts a value to a readable length for a listing, keeping its beginning (a command, its code) or its
 * end (a directory, whose last components tell most).
 *
 * @param text - the value
 * @param max - the most characters to show, the mark included (at least 4)
 * @param keep - which end to keep (default the start)
 * @returns the value, or its kept end with `...` where the rest was
 */
export function cutText(text: string, max: number, keep: 'start' | 'end' = 'start'): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const room = Math.max(1, max - MARK.length);
  return keep === 'start' ? `${chars.slice(0, room).join('')}${MARK}` : `${MARK}${chars.slice(chars.length - room).join('')}`;
}
