import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { useColor } from '@errinject/core/color';
import { loadConfig } from '../config/loadConfig';
import { lintProject } from '../engine/lintProject';
import { LintError } from '../errors/LintError';
import { FORMATTERS } from '../format/formatters';
import { TOOL_INFO } from '../format/toolInfo';
import type { CliIo } from './CliIo';
import { parseCliArgs } from './parseCliArgs';
import { readSource } from './readSource';
import { summaryLine } from './summaryLine';
import { USAGE } from './usage';
import { writeReport } from './writeReport';

/** Exit status: no errors, and no more warnings than `--max-warnings`. */
const EXIT_OK = 0;
/** Exit status: errors, or more warnings than `--max-warnings`. */
const EXIT_FINDINGS = 1;
/** Exit status: ei-lint could not run (bad flags, no tsconfig, bad configuration). */
const EXIT_CANNOT_RUN = 2;

/** The directory the configuration search starts from: the tsconfig's. */
function projectDir(project: string, cwd: string): string {
  const resolved = path.resolve(cwd, project);
  return existsSync(resolved) && statSync(resolved).isDirectory() ? resolved : path.dirname(resolved);
}

function run(argv: readonly string[], io: CliIo): number {
  const options = parseCliArgs(argv);
  if (options.help) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(`${TOOL_INFO.version}\n`);
    return EXIT_OK;
  }
  const { config } = loadConfig(projectDir(options.project, io.cwd));
  const { findings: all, fileCount } = lintProject({ tsconfig: options.project, paths: options.paths, config, cwd: io.cwd });
  // --quiet, as ESLint's: warnings are neither printed nor counted.
  const findings = options.quiet ? all.filter((f) => f.severity === 'error') : all;
  // A file is not a terminal: coloured only when --color or FORCE_COLOR says so.
  const destination = options.outputFile === undefined ? io.stdout : { isTTY: false };
  const report = FORMATTERS[options.format](findings, { cwd: io.cwd, color: useColor(destination, io.env, options.color), readSource });
  if (options.outputFile === undefined) io.stdout.write(report);
  else writeReport(options.outputFile, io.cwd, report);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  // A person at a terminal gets a line on stderr when the report says nothing there: a clean
  // stylish run prints nothing, and a report written to a file is not seen.
  if (io.stdout.isTTY === true && (options.outputFile !== undefined || (options.format === 'stylish' && findings.length === 0))) {
    io.stderr.write(summaryLine({ errors, warnings, quiet: options.quiet, hiddenWarnings: all.length - findings.length, fileCount, outputFile: options.outputFile, color: useColor(io.stderr, io.env, options.color) }));
  }
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`ei-lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows\n`);
  return errors > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * The `ei-lint` command: parses the arguments, loads the configuration from the tsconfig's
 * directory up, lints the project and prints the findings in the chosen format on stdout (or writes
 * them to `-o/--output-file`), with a one-line summary on stderr for a terminal when the report shows
 * nothing there. The bin only calls this and sets the exit status.
 *
 * @param argv - the arguments after the program's name
 * @param io - where to read and write (default: the process)
 * @returns the exit status: 0 no errors and warnings within `--max-warnings`, 1 findings over
 *   that, 2 it could not run (bad flags, no tsconfig, bad configuration, a path outside the
 *   project, an output file that cannot be written), with the reason on stderr
 */
export async function main(argv: readonly string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }): Promise<number> {
  try {
    return run(argv, io);
  } catch (error) {
    if (error instanceof LintError) io.stderr.write(`ei-lint: ${error.message}\n`);
    else io.stderr.write(`ei-lint: internal error, please report it: ${error instanceof Error ? error.stack : String(error)}\n`);
    return EXIT_CANNOT_RUN;
  }
}
