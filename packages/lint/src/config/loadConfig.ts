import type { LintConfig } from './LintConfig';
import { findConfigFile } from './findConfigFile';
import { resolveConfig } from './resolveConfig';
import { validateConfig } from './validateConfig';

/** A configuration loaded from disk. */
export interface LoadedConfig {
  /** The whole configuration: what the file gives over the defaults. */
  readonly config: LintConfig;
  /** The file it came from; `undefined` when none applies and the defaults are used. */
  readonly file: string | undefined;
}

/**
 * Loads the configuration that applies to a directory: finds it (see `findConfigFile`), checks it
 * and fills it in with the defaults.
 *
 * @param dir - where the search starts: the directory of the project's tsconfig
 * @returns the configuration and the file it came from
 * @throws LintError `ERR_CONFIG` naming the file, the key, the value and what is accepted, when the
 *   file cannot be read, is not JSON, or holds anything the configuration does not accept
 */
export function loadConfig(dir: string): LoadedConfig {
  const source = findConfigFile(dir);
  if (source === undefined) return { config: resolveConfig(), file: undefined };
  return { config: resolveConfig(validateConfig(source.value, source)), file: source.file };
}
