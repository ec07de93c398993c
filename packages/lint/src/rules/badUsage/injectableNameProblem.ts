/**
 * The runtime's rule for names of error-injectable functions, mirrored from the core
 * (`packages/core/src/inject/registerInjectable.ts`, `assertInjectableName`): a name becomes a
 * directory `fail_function/<name>/` and a line of `fail_function/inject`. The core does not export
 * these, and the linter does not load the core, so they are copied; a test compares them with the
 * runtime's answers.
 */

/** The longest name `fail_function/inject` takes (the kernel's KSYM_NAME_LEN). */
export const KSYM_NAME_LEN = 512;

/** Names that would replace one of `fail_function/`'s own files, or be `.` or `..`. */
export const RESERVED_INJECTABLE_NAMES: ReadonlySet<string> = new Set([
  '.',
  '..',
  'inject',
  'injectable',
  'probability',
  'interval',
  'times',
  'space',
  'verbose',
  'verbose_ratelimit_interval_ms',
  'verbose_ratelimit_burst',
  'task-filter',
  'stacktrace-depth',
  'require-stack',
  'reject-stack',
  'seed',
]);

/**
 * Tells why the runtime would refuse a name.
 *
 * @param name - a name, or whatever was given as one
 * @returns `'unusable'` (not a string, empty, longer than KSYM_NAME_LEN, with whitespace or `/`, or
 * starting with `!`, or `*`, which `fail_function/inject` takes for every function), `'reserved'`, or
 * `undefined` for a name the runtime accepts
 */
export function injectableNameProblem(name: unknown): 'unusable' | 'reserved' | undefined {
  if (typeof name !== 'string' || name.length === 0 || name.length > KSYM_NAME_LEN || /[\s/]/.test(name) || name.startsWith('!') || name === '*') return 'unusable';
  return RESERVED_INJECTABLE_NAMES.has(name) ? 'reserved' : undefined;
}
