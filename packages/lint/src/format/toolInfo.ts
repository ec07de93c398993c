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

/** The manifest of `@errinject/lint`, found from this module up (it runs from dist/ and from dist-test/src/). */
function readManifest(): { version: string; homepage: string } {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version: string; homepage: string };
      if (manifest.name === '@errinject/lint') return manifest;
    } catch {
      // no manifest here: look further up
    }
    /* c8 ignore next -- the package always ships its package.json */
    if (path.dirname(dir) === dir) throw new Error(`the package.json of @errinject/lint was not found above ${__dirname}`);
  }
}

const manifest = readManifest();

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
