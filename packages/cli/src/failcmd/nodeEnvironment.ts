import { NODE_CAPABILITIES, NODE_CAPABILITIES_ENV } from '@errinject/node';

/**
 * The capabilities of `@errinject/node` among those failcmd was asked for.
 *
 * @param capabilities - `--type` / `FAILCMD_TYPE`
 * @returns `fail_fs`, `fail_net`, `fail_spawn` as asked, in the package's order
 */
export function nodeCapabilities(capabilities: readonly string[]): string[] {
  return NODE_CAPABILITIES.filter((name) => capabilities.includes(name));
}

/** A path as NODE_OPTIONS reads it: in double quotes, with `"` and `\` escaped. */
function quoted(path: string): string {
  return `"${path.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * What loads `@errinject/node` into every Node process of the command's tree: `--require` of its
 * register module appended to `NODE_OPTIONS` (which every Node process started from the command
 * inherits), and `ERRINJECT_NODE` naming the capabilities asked for, so that the others are not
 * loaded at all: their calls are neither counted nor failed.
 *
 * @param env - the user's environment
 * @param names - the capabilities of `@errinject/node` asked for (none: nothing changes)
 * @returns the variables to set, or an empty object
 */
export function nodeEnvironment(env: NodeJS.ProcessEnv, names: readonly string[]): NodeJS.ProcessEnv {
  if (names.length === 0) return {};
  const register = require.resolve('@errinject/node/register');
  const options = [(env['NODE_OPTIONS'] ?? '').trim(), `--require ${quoted(register)}`].filter((part) => part !== '').join(' ');
  return { NODE_OPTIONS: options, [NODE_CAPABILITIES_ENV]: names.join(',') };
}
