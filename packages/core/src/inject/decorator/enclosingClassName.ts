import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { captureCallSites, type EntryPoint } from '../../attr/captureCallerFrames';

/**
 * The name of the class a standard method decorator is being applied to, read from where the
 * decorator is called, before anything at run time can tell it. JavaScript does not give a method
 * decorator its class: a static method learns it when its class is defined, an instance method when
 * its class is first instantiated. But TypeScript's emit (target ES2022 and later) applies member
 * decorators with `__esDecorate(...)` in a static block that opens the class body, and swc's with
 * `_apply_decs_2203_r(...)`, so the JavaScript file the call stands in reads `class Name { static {`
 * right before it. Only that is trusted: a JavaScript file on disk, the helper's call at the call
 * site's exact position, in a static block right after a class header. Anything else (a TypeScript
 * file a loader transformed in memory, where the position is not the file's; other compilers;
 * bundles) gives `undefined`, and the class is learnt at run time.
 */

/** A source file as read once: its text and where each of its lines starts. */
interface Source {
  readonly text: string;
  readonly lineStarts: readonly number[];
}

const sources = new Map<string, Source | undefined>();

function sourceOf(file: string): Source | undefined {
  if (!sources.has(file)) {
    let source: Source | undefined;
    try {
      const text = readFileSync(file.startsWith('file:') ? fileURLToPath(file) : file, 'utf8');
      const lineStarts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
      source = { text, lineStarts };
    } catch {
      source = undefined;
    }
    sources.set(file, source);
  }
  return sources.get(file);
}

/** How far before the call the block may start, and how long a class header may be. */
const MAX_BLOCK = 20_000;
const MAX_HEADER = 400;

/** The JavaScript files whose text on disk is the code that runs (a loader may run other code for a .ts file). */
const SCRIPT_FILE = /\.[cm]?js$/;

/** The member-decorator helpers a static block calls: TypeScript's, and swc's. */
const DECORATING_CALL = /(?:__esDecorate|_apply_decs_\w*)\(/y;

/** `class Name {` or `class Name extends Base {`, right before the block. */
const CLASS_HEADER = /class\s+([A-Za-z_$][\w$]*)(?:\s+extends\s[^{}]*)?\s*\{\s*$/;

function offsetOf(source: Source, line: number, column: number): number {
  // A lookup, not a walk over the lines: a module may mark thousands of methods.
  const start = source.lineStarts[line - 1];
  return start === undefined ? -1 : start + column - 1;
}

/**
 * Finds the class name at the decorator's call site.
 *
 * @param decorator - the decorator function being called (frames from it upwards are dropped)
 * @returns the class name, or `undefined` when the call site does not show it
 */
export function enclosingClassName(decorator: EntryPoint): string | undefined {
  const site = captureCallSites(4, decorator).find((frame) => frame.getFunctionName() === '<static_initializer>');
  const file = site?.getFileName();
  const line = site?.getLineNumber();
  const column = site?.getColumnNumber();
  if (file === undefined || file === null || typeof line !== 'number' || typeof column !== 'number') return undefined;
  if (!SCRIPT_FILE.test(file)) return undefined;
  const source = sourceOf(file);
  if (source === undefined) return undefined;
  const { text } = source;
  const offset = offsetOf(source, line, column);
  if (offset < 0) return undefined;
  DECORATING_CALL.lastIndex = offset;
  if (!DECORATING_CALL.test(text)) return undefined;
  // The call is inside the static block that decorates the class; the class's static fields and
  // other static blocks come after it, so the nearest `static {` before the call is that block.
  const blockStart = staticBlockBefore(text, offset);
  if (blockStart < 0) return undefined;
  const match = CLASS_HEADER.exec(text.slice(Math.max(0, blockStart - MAX_HEADER), blockStart));
  return match?.[1];
}

/**
 * Finds the nearest `static {` before a position, within {@link MAX_BLOCK} characters: a search
 * backwards from the call, which costs the distance to the block rather than a scan of the whole
 * window at every mark (the decorator contexts in between say `static: false`, which is skipped).
 *
 * @returns the offset of `static`, or -1
 */
function staticBlockBefore(text: string, offset: number): number {
  const floor = Math.max(0, offset - MAX_BLOCK);
  for (let at = text.lastIndexOf('static', offset - 1); at >= floor; at = at === 0 ? -1 : text.lastIndexOf('static', at - 1)) {
    let i = at + 'static'.length;
    while (i < offset && /\s/.test(text[i] as string)) i++;
    if (i < offset && text[i] === '{') return at;
  }
  return -1;
}
