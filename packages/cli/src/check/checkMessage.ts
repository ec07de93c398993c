import type { CheckResult } from '../sweep/CommandSweepReport';

/** A line of output that says nothing of why: a stack frame, or the version line Node.js prints after an uncaught error. */
const NOISE = /^\s+at |^Node\.js v\d/;

/**
 * Why a check judged a state bad, in a line: how it ended, and the last line of its output that is
 * not a stack frame or Node.js's version line (for a Node.js check that throws, the error's own line:
 * `SyntaxError: Unexpected end of JSON input`).
 *
 * @param check - what the check said
 * @returns `exit 1: SyntaxError: ...`, `killed by SIGSEGV`, `timed out after 5.0 s`, or `exit 1`
 *   alone when it wrote nothing else; `ok` when the state is good
 */
export function checkMessage(check: CheckResult): string {
  if (check.ok) return 'ok';
  const how = check.timedOut
    ? `timed out after ${(check.durationMs / 1000).toFixed(1)} s`
    : check.signal !== null
      ? `killed by ${check.signal}`
      : `exit ${check.exitCode}`;
  const line = check.output
    .split('\n')
    .map((text) => text.trimEnd())
    .filter((text) => text.trim() !== '' && !NOISE.test(text))
    .at(-1);
  return line === undefined ? how : `${how}: ${line.trim()}`;
}
