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
