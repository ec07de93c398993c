import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The command that runs a fixture program.
 *
 * @param name - the fixture's name (test/fixtures/<name>.ts)
 * @param args - its arguments
 * @returns node, the compiled fixture, and the arguments
 */
export function fixture(name: string, ...args: string[]): string[] {
  return [process.execPath, path.join(__dirname, '..', 'fixtures', `${name}.js`), ...args];
}

/** The environment for a command the tests run: this process's, without errinject's variables. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_DISABLE_COLORS: '1', ...extra };
  for (const name of ['ERRINJECT', 'ERRINJECT_SEED', 'ERRINJECT_REPORT', 'ERRINJECT_CONTROL', 'FORCE_COLOR', 'FAILCMD_TYPE']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** The state fixture as a command to sweep with `--check`, and its check. */
export interface StateCommand {
  /** The command: it sets its state up (a seed copied over the state file), then runs `state MODE FILE`. */
  readonly command: string[];
  /** A shell command that exits 0 only when the state file holds whole JSON. */
  readonly check: string;
  /** The state file. */
  readonly state: string;
}

/**
 * The state fixture in the shape failcmd's help asks of a command swept with `--check`: it sets its
 * state up first, so that no run starts from what the run before it left.
 *
 * @param mode - `inplace` or `atomic` (see test/fixtures/state.ts)
 * @param dir - a directory of the test's own, for the seed and the state
 * @returns the command and its check
 */
export function stateCommand(mode: 'inplace' | 'atomic', dir: string, name: 'state' | 'saveFile' = 'state'): StateCommand {
  const seed = path.join(dir, 'seed.json');
  const state = path.join(dir, 'state.json');
  writeFileSync(seed, name === 'state' ? '{"items":[0]}' : '{"count":1}');
  const [node, script] = fixture(name) as [string, string];
  return {
    command: ['/bin/sh', '-c', 'cp "$0" "$1" && exec "$2" "$3" "$4" "$1"', seed, state, node, script, mode],
    check: `${JSON.stringify(process.execPath)} -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' ${JSON.stringify(state)}`,
    state,
  };
}
