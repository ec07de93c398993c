import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LintError } from '../errors/LintError';
import { parseJsonc } from './parseJsonc';
import type { ConfigOrigin } from './validateConfig';

/** The file that holds the configuration of its own. */
export const RC_FILE = '.eilintrc.json';

/** The key of `package.json` that holds the configuration. */
export const PACKAGE_JSON_KEY = 'ei-lint';

/** A configuration found on disk, not yet checked. */
export interface ConfigSource extends ConfigOrigin {
  /** The parsed JSON: the whole `.eilintrc.json`, or the value of the `package.json` key. */
  readonly value: unknown;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new LintError('ERR_CONFIG', `${file}: cannot be read (${(error as Error).message}); accepted: a readable JSON file`, { cause: error });
  }
}

/** A `package.json`: strict JSON, as npm reads it. */
function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new LintError('ERR_CONFIG', `${file}: is not valid JSON (${(error as Error).message}); accepted: a JSON file`, { cause: error });
  }
}

/**
 * Finds the configuration that applies to a directory: the nearest directory, going up from it to
 * the root of the file system, that holds a `.eilintrc.json` or a `package.json` with an
 * `"ei-lint"` key. In one directory, `.eilintrc.json` takes precedence and the `package.json` key is
 * not read. A `package.json` without the key does not stop the search. `.eilintrc.json` may hold
 * comments and trailing commas, as a tsconfig.json may; a `package.json` is strict JSON, as npm
 * reads it.
 *
 * @param dir - where the search starts (the directory of the tsconfig, for the bin)
 * @returns the file and its parsed configuration, or `undefined` when no configuration applies
 * @throws LintError `ERR_CONFIG` when one of those files cannot be read or is not JSON (with
 *   comments, for `.eilintrc.json`), naming the file and, for `.eilintrc.json`, the line and column
 */
export function findConfigFile(dir: string): ConfigSource | undefined {
  let current = path.resolve(dir);
  let previous: string;
  do {
    const rc = path.join(current, RC_FILE);
    if (existsSync(rc)) return { file: rc, key: undefined, value: parseJsonc(rc, readText(rc)) };
    const pkg = path.join(current, 'package.json');
    if (existsSync(pkg)) {
      const manifest = readJson(pkg);
      if (typeof manifest === 'object' && manifest !== null && Object.hasOwn(manifest, PACKAGE_JSON_KEY)) {
        return { file: pkg, key: PACKAGE_JSON_KEY, value: (manifest as Record<string, unknown>)[PACKAGE_JSON_KEY] };
      }
    }
    previous = current;
    current = path.dirname(current);
  } while (current !== previous);
  return undefined;
}
