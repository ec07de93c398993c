import { debugfs, setVerboseSink, type VerboseRecord, type VerboseSink } from '../../src/index';

/**
 * Hooks for the tests of error-injectable functions. Every armed function shares the one
 * `fail_function` capability, as in the kernel, and the registry is process-global: each test
 * leaves the knobs as it found them and disarms everything it armed.
 */

/** The knobs of `fail_function` the tests may change, restored after each test in this order. */
const KNOBS = [
  'probability',
  'interval',
  'times',
  'space',
  'verbose',
  'task-filter',
  'stacktrace-depth',
  'require-stack',
  'reject-stack',
] as const;

/** What {@link useFailFunction} gives the tests. */
export interface FailFunctionHooks {
  /** The verbose records received during the current test. */
  readonly records: VerboseRecord[];
}

/**
 * Registers hooks on the calling `describe` block: verbose records are kept (never printed) per
 * test, and after each test every function is disarmed (`fail_function/inject` written empty) and
 * the knobs read back what they read before it.
 *
 * @returns the records of the current test
 */
export function useFailFunction(): FailFunctionHooks {
  let records: VerboseRecord[] = [];
  let previousSink: VerboseSink | undefined;
  let saved: Array<readonly [string, string]> = [];
  beforeEach(() => {
    records = [];
    previousSink = setVerboseSink((record) => {
      records.push(record);
    });
    saved = KNOBS.map((knob) => [knob, debugfs.read(`fail_function/${knob}`)] as const);
  });
  afterEach(() => {
    debugfs.write('fail_function/inject', '');
    for (const [knob, value] of saved) debugfs.write(`fail_function/${knob}`, value);
    setVerboseSink(previousSink);
  });
  return {
    get records(): VerboseRecord[] {
      return records;
    },
  };
}

/** Makes every call of an armed function fail: probability 100, no limit on times. */
export function failEveryCall(): void {
  debugfs.write('fail_function/probability', '100');
  debugfs.write('fail_function/times', '-1');
}

/**
 * Every function marked in the process, in the order `fail_function/injectable` lists them: the
 * registry holds every test file's functions.
 */
export function markedNames(): string[] {
  return debugfs
    .read('fail_function/injectable')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t')[0] as string);
}

/**
 * What `inject` reads when exactly these functions are armed, in this order.
 *
 * @param names - the armed functions
 */
export function injectLines(names: readonly string[]): string {
  return names.map((name) => `${name}\n`).join('');
}
