import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The recipes of the root README's "Toolchains" section, as the tests run them: every fenced block
 * whose first line is a comment naming a file (`// test/store.test.ts`) is that file, and every `sh`
 * block is a command. The application the recipes share (`src/store.ts`) comes before the first
 * subsection.
 */

/** One subsection of the "Toolchains" section. */
export interface Recipe {
  /** Its heading, `node:test`, `vitest`... */
  readonly title: string;
  /** Its files, by path: the shared application's and its own. */
  readonly files: Readonly<Record<string, string>>;
  /** Its `sh` blocks, in order. */
  readonly commands: readonly string[];
}

const repository = path.dirname(path.dirname(path.dirname(require.resolve('@errinject/core/package.json'))));

/** The root README's text. */
export function readme(): string {
  return readFileSync(path.join(repository, 'README.md'), 'utf8');
}

interface Block {
  readonly lang: string;
  readonly body: string;
}

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(markdown); match !== null; match = fence.exec(markdown)) {
    blocks.push({ lang: match[1] as string, body: match[2] as string });
  }
  return blocks;
}

/** A block's file, when its first line names one (`// path`, `# path`). */
function fileOf(block: Block): readonly [string, string] | undefined {
  const match = /^(?:\/\/|#) ([\w./-]+\.\w+)\n/.exec(block.body);
  return match === null ? undefined : [match[1] as string, block.body];
}

/**
 * The recipe of one subsection of the README's "Toolchains" section.
 *
 * @param title - the subsection's heading, as written after `### `
 * @returns its files (the shared application's included) and commands
 * @throws Error when the section or the subsection is missing
 */
export function recipe(title: string): Recipe {
  const text = readme();
  const start = text.indexOf('\n## Toolchains\n');
  if (start < 0) throw new Error('README.md has no "## Toolchains" section');
  const end = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, end < 0 ? undefined : end);
  const parts = section.split(/\n### /);
  const shared = parts[0] as string;
  const own = parts.slice(1).find((part) => part.startsWith(`${title}\n`));
  if (own === undefined) throw new Error(`README.md's "Toolchains" section has no "### ${title}" subsection`);
  const files: Record<string, string> = {};
  for (const block of [...blocksOf(shared), ...blocksOf(own)]) {
    const file = fileOf(block);
    if (file !== undefined) files[file[0]] = file[1];
  }
  const commands = blocksOf(own)
    .filter((block) => block.lang === 'sh')
    .map((block) => block.body.trim());
  return { title, files, commands };
}

/**
 * The one command of a recipe that matches.
 *
 * @param of - the recipe
 * @param pattern - what the command holds
 * @returns the command
 * @throws Error when none or several match
 */
export function commandOf(of: Recipe, pattern: RegExp): string {
  const found = of.commands.filter((command) => pattern.test(command));
  if (found.length !== 1) throw new Error(`the ${of.title} recipe has ${found.length} commands matching ${pattern}: ${JSON.stringify(of.commands)}`);
  return found[0] as string;
}
