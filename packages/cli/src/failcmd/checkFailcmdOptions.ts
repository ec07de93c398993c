import type { ErrorInjectionType } from '@errinject/core';
import { loadCore } from '../core/loadCore';
import { CliError } from '../errors/CliError';
import type { FailcmdOptions, InjectSpec } from './FailcmdOptions';

/**
 * Checks failcmd's values before anything runs, with the core's own parsers: each knob value is
 * written to the knob in this process (and the old value put back), so that the widths, bases and
 * words accepted are exactly those of the command's core. The command is never started with a value
 * its core would refuse.
 */

/** `ERRINJECT` separates its entries with whitespace and `;`, so no value can hold them. */
const SEPARATORS = /[\s;]/;

function invalid(message: string, cause?: unknown): CliError {
  return new CliError('ERR_INVALID_ARG_VALUE', message, cause === undefined ? undefined : { cause });
}

function assertCarriable(option: string, value: string): void {
  if (SEPARATORS.test(value)) {
    throw invalid(`${option} ${JSON.stringify(value)} is not accepted: a value cannot hold whitespace or ";", which separate the entries of ERRINJECT`);
  }
}

/** Writes a value to a knob of this process and puts the old one back; throws what the write throws. */
function tryKnob(path: string, value: string): void {
  const { debugfs } = loadCore();
  const old = debugfs.read(path);
  debugfs.write(path, value);
  debugfs.write(path, old.endsWith('\n') ? old.slice(0, -1) : old);
}

function checkKnob(option: string, path: string, value: string | undefined): void {
  if (value === undefined) return;
  assertCarriable(option, value);
  try {
    tryKnob(path, value);
  } catch (error) {
    if (!loadCore().isErrInjectError(error)) throw error;
    throw invalid(`${option}: ${error.message}`, error);
  }
}

/**
 * A capability `--type` or `FAILCMD_TYPE` names, declared in this process when it is not one of the
 * core's. A comma is refused too: FAILCMD_TYPE separates its names with commas.
 */
function checkCapability(name: string, from: string): void {
  if (/[\s;=,]/.test(name)) {
    throw invalid(`${from} ${JSON.stringify(name)} is not accepted: a capability name has no whitespace, ",", ";" or "=" (give --type once per capability)`);
  }
  const { declareFaultAttr, getFaultAttr, isErrInjectError } = loadCore();
  if (getFaultAttr(name) !== undefined) return;
  try {
    declareFaultAttr(name, { verbose: 0 });
  } catch (error) {
    if (!isErrInjectError(error)) throw error;
    throw invalid(`${from}: ${error.message}`, error);
  }
}

/** The names `fail_function/` keeps for its own files: its generic knobs, `inject` and `injectable`. */
function reservedNames(): Set<string> {
  return new Set(['.', '..', 'inject', 'injectable', ...loadCore().GENERIC_KNOBS]);
}
const KSYM_NAME_LEN = 512;

function checkInjectName(spec: InjectSpec): void {
  const { name } = spec;
  if (name === '*') {
    // fail_function/inject=*: every function, as it is marked.
    if (spec.retval !== undefined) {
      throw invalid(
        `--inject *=${spec.retval} is not accepted: * arms every function, each with its own type's default retval; ` +
          'give a retval to one function with --inject NAME=RETVAL (beside --inject *)',
      );
    }
    return;
  }
  const reserved = reservedNames();
  if (name === '' || name.length > KSYM_NAME_LEN || /[\s;/]/.test(name) || name.startsWith('!') || reserved.has(name)) {
    throw invalid(
      `--inject ${JSON.stringify(name)} is not accepted: expected NAME or NAME=RETVAL, where NAME is an error-injectable function's name ` +
        `(1 to ${KSYM_NAME_LEN} characters without whitespace, ";" or "/", not starting with "!", not one of ${[...reserved].join(', ')})`,
    );
  }
}

function errorTypes(): ReadonlyArray<[string, ErrorInjectionType]> {
  const { EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_NULL, EI_TYPE_TRUE } = loadCore();
  return [
    ['ERRNO', EI_TYPE_ERRNO],
    ['ERRNO_NULL', EI_TYPE_ERRNO_NULL],
    ['NULL', EI_TYPE_NULL],
    ['TRUE', EI_TYPE_TRUE],
  ];
}

/** Armed functions of every error type, marked once in this process, whose retval files check values. */
const retvalProbes = new Map<string, string>();

function retvalProbe(typeName: string, type: ErrorInjectionType): string {
  let name = retvalProbes.get(typeName);
  if (name === undefined) {
    const { allowErrorInjection, debugfs } = loadCore();
    name = `failcmd.retval-probe.${typeName}`;
    allowErrorInjection(type, function retvalProbe(): unknown { return undefined; }, { name });
    debugfs.write('fail_function/inject', name);
    retvalProbes.set(typeName, name);
  }
  return name;
}

/**
 * A retval is checked against every error type: failcmd cannot know a function's type before the
 * command marks it, so it refuses only what no type takes. The command's core refuses a value outside
 * its function's own type, on its stderr.
 */
function checkRetval(spec: InjectSpec): void {
  if (spec.retval === undefined) return;
  const option = `--inject ${spec.name}=${spec.retval}`;
  assertCarriable(option, spec.retval);
  const { debugfs, isErrInjectError } = loadCore();
  const refusals: string[] = [];
  for (const [typeName, type] of errorTypes()) {
    const path = `fail_function/${retvalProbe(typeName, type)}/retval`;
    try {
      debugfs.write(path, spec.retval);
      return;
    } catch (error) {
      if (!isErrInjectError(error)) throw error;
      refusals.push(`${typeName}: ${error.code}`);
    }
  }
  throw invalid(
    `${option}: no error type takes the retval ${JSON.stringify(spec.retval)} (${refusals.join(', ')}); accepted: a negative errno from -1 to -4095 ` +
      '(-12, -ENOMEM, or the kernel\'s 0xfffffffffffffff4) for ERRNO and ERRNO_NULL, 0 for NULL and ERRNO_NULL, 1 for TRUE',
  );
}

function checkNth(value: string | undefined): void {
  if (value === undefined) return;
  assertCarriable('--nth', value);
  const { isErrInjectError, procfs, runTask } = loadCore();
  try {
    // In a task of its own, so that this process's root task is never armed.
    runTask(() => procfs.write('self/fail-nth', value));
  } catch (error) {
    if (!isErrInjectError(error)) throw error;
    throw invalid(`--nth: ${error.message}`, error);
  }
}

/**
 * Checks the configuration the user already has in `ERRINJECT`: failcmd adds its entries after it.
 *
 * @param text - the variable's value
 * @throws CliError `ERR_INVALID_ARG_VALUE` for a malformed entry, or for `off`
 */
function checkUserConfig(text: string): void {
  if (text.trim() === '') return;
  const { entries, problems } = loadCore().parseBootConfig(text);
  const problem = problems[0];
  if (problem !== undefined) {
    throw invalid(`ERRINJECT entry ${problem.index} at column ${problem.column} (${JSON.stringify(problem.text)}): ${problem.message}; failcmd adds its entries after yours, so fix or unset ERRINJECT`);
  }
  if (entries.some((entry) => entry.kind === 'off')) {
    throw invalid('ERRINJECT holds "off", the production switch: nothing could fail in the command; remove it from ERRINJECT');
  }
}

/**
 * Checks every value of failcmd's options, and the user's own `ERRINJECT`, before anything runs.
 *
 * @param options - the parsed options
 * @param env - the environment the command would get (its `ERRINJECT` is checked)
 * Knob values are checked against every capability listed, as each gets them.
 *
 * @throws CliError `ERR_INVALID_ARG_VALUE` naming the option, the value and what is accepted;
 *   `ERR_USAGE` for `--inject` without fail_function among the capabilities, or a function named twice
 */
export function checkFailcmdOptions(options: FailcmdOptions, env: NodeJS.ProcessEnv = {}): void {
  checkUserConfig(env['ERRINJECT'] ?? '');
  for (const dir of options.capabilities) {
    if (dir !== 'fail_function') checkCapability(dir, options.capabilitiesFrom);
    checkKnob('-p/--probability', `${dir}/probability`, options.probability);
    checkKnob('-i/--interval', `${dir}/interval`, options.interval);
    checkKnob('-t/--times', `${dir}/times`, options.times);
    checkKnob('-s/--space', `${dir}/space`, options.space);
    checkKnob('-v/--verbose', `${dir}/verbose`, options.verbose);
    checkKnob('--task-filter', `${dir}/task-filter`, options.taskFilter);
    checkKnob('--stacktrace-depth', `${dir}/stacktrace-depth`, options.stacktraceDepth);
    checkKnob('--require-stack', `${dir}/require-stack`, options.requireStack);
    checkKnob('--reject-stack', `${dir}/reject-stack`, options.rejectStack);
    checkKnob('--seed', `${dir}/seed`, options.seed);
  }
  checkNth(options.nth);
  if (options.inject.length > 0 && !options.capabilities.includes('fail_function')) {
    const listed = options.capabilities.join(', ');
    throw new CliError(
      'ERR_USAGE',
      options.capabilitiesFrom === '--type'
        ? `--inject arms functions of fail_function, but --type lists only ${listed}; add --type fail_function to use --inject`
        : `--inject arms functions of fail_function, but FAILCMD_TYPE is ${JSON.stringify(options.capabilities.join(' '))}; add fail_function to it, or unset it, to use --inject`,
    );
  }
  const seen = new Set<string>();
  for (const spec of options.inject) {
    checkInjectName(spec);
    if (seen.has(spec.name)) throw new CliError('ERR_USAGE', `--inject ${spec.name} is given twice; name each function once`);
    seen.add(spec.name);
    checkRetval(spec);
  }
}
