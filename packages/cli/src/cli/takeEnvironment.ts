/** The variables that configure errinject in a process that loads the core. */
export const ERRINJECT_VARIABLES = ['ERRINJECT', 'ERRINJECT_SEED', 'ERRINJECT_REPORT', 'ERRINJECT_CONTROL'] as const;

/**
 * Takes this process's environment for the commands the CLI runs, and removes errinject's variables
 * from this process's own, before the core loads here: the user's `ERRINJECT` is meant for the
 * command, not for failcmd or ei-ctl (with `ERRINJECT_CONTROL=1` they would listen on a control socket
 * themselves). The bins call it first; this module must not import the core.
 *
 * @returns a copy of the environment as it was
 */
export function takeEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ERRINJECT_VARIABLES) delete process.env[name];
  return env;
}
