import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** What a report says about ei-lint itself. */
export interface ToolInfo {
  /** `ei-lint`. */
  readonly name: string;
  /** The version of `@errinject/lint`. */
  readonly version: string;
  /** Where its documentation is: the package's README. */
  readonly informationUri: string;
}

/**
 * Finds the manifest of `@errinject/lint` from a directory up (this module runs from dist/ and
 * from dist-test/src/, at different depths).
 *
 * @param from - where to start
 * @returns the manifest's version and homepage
 * @throws Error when no directory up from `from` holds it
 */
export function findManifest(from: string): { version: string; homepage: string } {
  let dir = from;
  let previous: string;
  do {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version: string; homepage: string };
      if (manifest.name === '@errinject/lint') return manifest;
    } catch {
      // no manifest here: look further up
    }
    previous = dir;
    dir = path.dirname(dir);
  } while (dir !== previous);
  throw new Error(`the package.json of @errinject/lint is not in ${from} or above it`);
}

const manifest = findManifest(__dirname);

/** ei-lint's name, version and documentation. */
export const TOOL_INFO: ToolInfo = { name: 'ei-lint', version: manifest.version, informationUri: manifest.homepage };

/**
 * Where a rule is documented: its section of the package's README.
 *
 * @param ruleId - a rule id (`ei/unchecked-call`) or `ei/suppression`
 * @returns the address of the section
 */
export function helpUri(ruleId: string): string {
  // The heading is the rule id in backticks: GitHub's anchor drops the backticks and the slash.
  return `${TOOL_INFO.informationUri}#${ruleId.replace(/[^\w-]/g, '')}`;
}
