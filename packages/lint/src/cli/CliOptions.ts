import type { FormatName } from '../format/formatters';

/** What the command line asked for, checked. */
export interface CliOptions {
  /** `-p/--project`: a tsconfig.json, or the directory that holds one. */
  readonly project: string;
  readonly format: FormatName;
  /** `--max-warnings`; `undefined` for no limit. */
  readonly maxWarnings: number | undefined;
  /** `--quiet`: errors only; warnings are neither printed nor counted toward `--max-warnings`. */
  readonly quiet: boolean;
  /** `-o/--output-file`: the file the report is written to, as given; `undefined` for stdout. */
  readonly outputFile: string | undefined;
  readonly help: boolean;
  readonly version: boolean;
  /** `--color` (true) or `--no-color` (false), the last one given; `undefined` for neither (the environment decides). */
  readonly color: boolean | undefined;
  /** Files or directories of the project to lint; empty for all of it. */
  readonly paths: readonly string[];
}
