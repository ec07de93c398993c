import { debugfs, setVerboseSink, type VerboseSink } from '@errinject/core';

/**
 * The `fail_function` capability for the decorator tests: every armed function shares it, as in the
 * kernel, so each test restores the knobs it changed and disarms what it armed.
 */

/** The generic knobs the tests change. */
const KNOBS = ['probability', 'interval', 'times', 'space', 'verbose'] as const;

/**
 * Registers hooks on the calling `describe` block: verbose records go nowhere for the block, and
 * after each test every function is disarmed and the knobs read back what they read before it.
 */
export function useFailFunction(): void {
  let previousSink: VerboseSink | undefined;
  let saved: Array<readonly [string, string]> = [];
  before(() => {
    previousSink = setVerboseSink(() => {});
  });
  after(() => {
    setVerboseSink(previousSink);
  });
  beforeEach(() => {
    saved = KNOBS.map((knob) => [knob, debugfs.read(`fail_function/${knob}`)] as const);
  });
  afterEach(() => {
    debugfs.write('fail_function/inject', '');
    for (const [knob, value] of saved) debugfs.write(`fail_function/${knob}`, value);
  });
}

/** Makes every call of an armed function fail: probability 100, no limit on times. */
export function failEveryCall(): void {
  debugfs.write('fail_function/probability', '100');
  debugfs.write('fail_function/times', '-1');
}

/**
 * Arms an injectable.
 *
 * @param name - its name
 */
export function arm(name: string): void {
  debugfs.write('fail_function/inject', name);
}

/**
 * Disarms an injectable.
 *
 * @param name - its name
 */
export function disarm(name: string): void {
  debugfs.write('fail_function/inject', `!${name}`);
}

/** The lines of `fail_function/injectable`. */
export function injectableLines(): string[] {
  return debugfs.read('fail_function/injectable').split('\n').filter((line) => line !== '');
}

/** The names `fail_function/inject` reads back, in order. */
export function armedNames(): string[] {
  return debugfs.read('fail_function/inject').split('\n').filter((line) => line !== '');
}

/**
 * Sets an armed function's retval.
 *
 * @param name - its name
 * @param value - what to write (`-12`, `-ENOMEM`, ...)
 */
export function writeRetval(name: string, value: string): void {
  debugfs.write(`fail_function/${name}/retval`, value);
}
