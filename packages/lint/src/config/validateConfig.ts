import { LintError } from '../errors/LintError';
import { RULE_IDS, type RuleId } from '../finding/Finding';
import type { LintConfigInput, RuleSetting } from './LintConfig';

/**
 * The keys a configuration may have. `$schema` names the JSON schema an editor checks the file
 * against (`schema/eilintrc.schema.json` of the package); ei-lint only checks that it is a string.
 */
const KEYS = ['rules', 'guards', 'lockCalls', '$schema'] as const;

/** The settings a rule accepts. */
const SETTINGS: readonly RuleSetting[] = ['off', 'warn', 'error'];

/** A function name: an identifier, or dotted identifiers for a method (`Result.isFailure`). */
const FUNCTION_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** What `guards` and `lockCalls` accept, by key. */
const NAME_EXAMPLES: Readonly<Record<'guards' | 'lockCalls', string>> = {
  guards: '"isFailure" or "Result.isFailure"',
  lockCalls: '"acquire" or "mutex.lock"',
};

/** Where the configuration came from, for messages: the file, and the key it sits under. */
export interface ConfigOrigin {
  /** The file, absolute. */
  readonly file: string;
  /** `"ei-lint"` in a `package.json`; `undefined` when the whole file is the configuration. */
  readonly key: string | undefined;
}

function show(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function keyPath(origin: ConfigOrigin, segments: readonly (string | number)[]): string {
  let text = origin.key === undefined ? '' : JSON.stringify(origin.key);
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? 'the configuration' : text;
}

function fail(origin: ConfigOrigin, segments: readonly (string | number)[], problem: string, accepted: string): never {
  throw new LintError('ERR_CONFIG', `${origin.file}: ${keyPath(origin, segments)} ${problem}; accepted: ${accepted}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validateRules(value: unknown, origin: ConfigOrigin): Partial<Record<RuleId, RuleSetting>> {
  if (!isPlainObject(value)) fail(origin, ['rules'], `is ${show(value)}`, `an object of rule ids and "off", "warn" or "error"`);
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  for (const [id, setting] of Object.entries(value)) {
    if (!(RULE_IDS as readonly string[]).includes(id)) fail(origin, ['rules'], `has an unknown rule ${show(id)}`, RULE_IDS.join(', '));
    if (!(SETTINGS as readonly unknown[]).includes(setting)) fail(origin, ['rules', id], `is ${show(setting)}`, SETTINGS.map((s) => `"${s}"`).join(', '));
    rules[id as RuleId] = setting as RuleSetting;
  }
  return rules;
}

function validateNames(value: unknown, origin: ConfigOrigin, key: 'guards' | 'lockCalls'): string[] {
  if (!Array.isArray(value)) fail(origin, [key], `is ${show(value)}`, `an array of function names such as ${NAME_EXAMPLES[key]}`);
  return value.map((name: unknown, index) => {
    if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) fail(origin, [key, index], `is ${show(name)}`, `a function name such as ${NAME_EXAMPLES[key]}`);
    return name;
  });
}

/**
 * Checks a configuration read from a file, key by key.
 *
 * @param value - the parsed JSON: the `"ei-lint"` key of a `package.json`, or a whole `.eilintrc.json`
 * @param origin - where it came from, for the messages
 * @returns the configuration, as given (not merged with the defaults)
 * @throws LintError `ERR_CONFIG` naming the file, the key, the value and what is accepted, for
 *   anything but an object whose keys are `rules` (rule ids to `"off"`, `"warn"` or `"error"`),
 *   `guards` and `lockCalls` (arrays of function names), and `$schema` (a string, not used). The
 *   package's `schema/eilintrc.schema.json` accepts exactly the same (a test keeps them in step)
 */
export function validateConfig(value: unknown, origin: ConfigOrigin): LintConfigInput {
  if (!isPlainObject(value)) fail(origin, [], `is ${show(value)}`, `an object with the keys ${KEYS.join(', ')}`);
  for (const key of Object.keys(value)) {
    if (!(KEYS as readonly string[]).includes(key)) fail(origin, [], `has an unknown key ${show(key)}`, KEYS.join(', '));
  }
  if (value['$schema'] !== undefined && typeof value['$schema'] !== 'string') fail(origin, ['$schema'], `is ${show(value['$schema'])}`, 'the URI or path of the JSON schema, a string');
  return {
    ...(value['rules'] === undefined ? {} : { rules: validateRules(value['rules'], origin) }),
    ...(value['guards'] === undefined ? {} : { guards: validateNames(value['guards'], origin, 'guards') }),
    ...(value['lockCalls'] === undefined ? {} : { lockCalls: validateNames(value['lockCalls'], origin, 'lockCalls') }),
  };
}
