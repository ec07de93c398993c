/**
 * The environment for a program the tests run: this process's, without the colours a test runner
 * (lerna, mocha) may force on, and with no errinject configuration unless a test gives one.
 *
 * @param extra - variables to set
 * @returns the environment
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ERRINJECT: '', ERRINJECT_SEED: '', NODE_DISABLE_COLORS: '1', ...extra };
  delete env['FORCE_COLOR'];
  return env;
}
