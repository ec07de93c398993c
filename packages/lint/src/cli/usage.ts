import { FORMAT_NAMES } from '../format/formatters';

/** What `ei-lint --help` prints. */
export const USAGE = `Usage: ei-lint [-p tsconfig.json] [--format ${FORMAT_NAMES.join('|')}] [--max-warnings N] [paths...]

Checks a TypeScript project's error-injectable functions (@errinject/core) and their callers.

Options:
  -p, --project <path>  the project's tsconfig.json, or the directory that holds it
                        (default: ./tsconfig.json)
  --format <name>       stylish (default), json, sarif or github
  --max-warnings <N>    fail when there are more than N warnings (default: no limit)
  --quiet               errors only: warnings are neither reported nor counted
  -o, --output-file <file>
                        write the report to this file instead of stdout
  --color, --no-color   colour the stylish format, or not, whatever the environment says
                        (otherwise: on a terminal, unless NO_COLOR, NODE_DISABLE_COLORS or
                        TERM=dumb; FORCE_COLOR=1/2/3 forces it, FORCE_COLOR=0 turns it off)
  -h, --help            print this help
  -v, -V, --version     print the version
  paths...              lint only these files or directories of the project

On a terminal, a clean stylish run (and any run with -o) ends with a one-line
summary on stderr: ✔ no problems (N files).

Exit status: 0 no errors and warnings within the limit, 1 findings over that,
2 ei-lint could not run (no tsconfig, bad flags, bad configuration, an output
file that cannot be written).

Configuration: an "ei-lint" key in package.json, or .eilintrc.json (comments
allowed; JSON schema: @errinject/lint/schema/eilintrc.schema.json), in the
tsconfig's directory or above. Suppressions:
  // ei-lint-disable-next-line <rule>[, <rule>...] -- <reason>
`;
