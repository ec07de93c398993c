import { loadCore } from '../core/loadCore';

/**
 * The functions the user's own `ERRINJECT` arms (`fail_function/inject=NAME` entries): failcmd leaves
 * arming them to it, since a second `inject` of the same name is refused by the command's core
 * (EBUSY, on its stderr).
 *
 * @param env - the user's environment
 * @returns the names, empty when `ERRINJECT` is unset or arms nothing
 */
export function armedByUser(env: NodeJS.ProcessEnv): Set<string> {
  const names = new Set<string>();
  const text = env['ERRINJECT'] ?? '';
  if (text.trim() === '') return names;
  for (const entry of loadCore().parseBootConfig(text).entries) {
    if (entry.kind !== 'path' || entry.tree !== 'debugfs') continue;
    if (entry.path.replace(/^(\/sys\/kernel\/debug)?\/+/, '') !== 'fail_function/inject') continue;
    const name = entry.value.trim();
    if (name !== '' && !name.startsWith('!')) names.add(name);
  }
  return names;
}
