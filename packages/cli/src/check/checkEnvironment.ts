import { ERRINJECT_VARIABLES } from '../cli/takeEnvironment';

/**
 * The environment of a `--check` command: the user's, without errinject's variables (`ERRINJECT`,
 * the user's own included, `ERRINJECT_SEED`, `ERRINJECT_REPORT`, `ERRINJECT_CONTROL`), so that the
 * check judges the state with no fault armed, even when it loads `@errinject/core` itself. It is made
 * from the user's environment, never from a run's, so nothing failcmd adds for a run reaches it.
 *
 * @param env - the user's environment
 * @returns a new environment
 */
export function checkEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const check = { ...env };
  for (const name of ERRINJECT_VARIABLES) delete check[name];
  return check;
}
