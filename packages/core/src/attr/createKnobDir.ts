import {
  parseAtomicWrite,
  parseBoolWrite,
  parseU32Write,
  parseUlongWrite,
  refuseWrite,
  SIMPLE_ATTR_BUFFER,
} from '../control/writeParsers';
import { kernelBuffer, kstrtouint } from '../control/kstrtox';
import type { ControlDir, ControlFile } from '../control/tree';
import { createDir } from '../control/tree';
import type { FaultAttrImpl } from './FaultAttr';
import { setInterval, setProbability, setSpace, setStackPatterns, setTimes, setVerbose } from './knobSetters';
import { reseed } from './random';
import { MAX_STACK_TRACE_DEPTH, splitStackPatterns } from './stackFilter';

/**
 * The generic knobs of every capability (`fault_create_debugfs_attr` in `lib/fault-inject.c`), in the
 * kernel's order, plus `require-stack`/`reject-stack` where the kernel has address ranges and `seed`
 * for repeatable rolls. Each knob reads as the kernel prints it and writes as the kernel parses it.
 */

/** The name of every generic knob, in the order debugfs lists them. */
export const GENERIC_KNOBS = [
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
] as const;

/** A generic knob's name. */
export type GenericKnob = (typeof GENERIC_KNOBS)[number];

/** Most bytes a stack pattern list may have, a page as for the kernel's string files. */
const MAX_PATTERN_BYTES = 4096;
const ACCEPTS_PATTERNS = `function names or file paths, * and ? as wildcards, separated by commas or newlines, at most ${MAX_PATTERN_BYTES} bytes; empty to clear`;
const ACCEPTS_SEED = 'an unsigned 32-bit integer, 0 to 4294967295, decimal, 0x-prefixed hex or 0-prefixed octal, with an optional + and at most one trailing newline';

function parseStackPatterns(value: string, path: string): string[] {
  if (Buffer.byteLength(value, 'utf8') > MAX_PATTERN_BYTES || value.includes('\0')) {
    refuseWrite('debugfs', path, value, 'EINVAL', ACCEPTS_PATTERNS);
  }
  return splitStackPatterns(value);
}

function parseSeed(value: string, path: string): number {
  const result = kstrtouint(kernelBuffer(value, SIMPLE_ATTR_BUFFER));
  if (!result.ok) refuseWrite('debugfs', path, value, result.code, ACCEPTS_SEED);
  return result.value;
}

/**
 * Makes one knob file: reads print the field, writes parse the value and then apply it, so that a
 * refused write changes nothing.
 */
function knob<T>(read: () => string, parse: (value: string, path: string) => T, apply: (value: T) => void): ControlFile {
  return {
    kind: 'file',
    read,
    write: (value, path) => apply(parse(value, path)),
  };
}

/**
 * Makes the debugfs directory of a capability, with every generic knob.
 *
 * @param attr - the capability
 * @returns its directory
 */
export function createKnobDir(attr: FaultAttrImpl): ControlDir {
  const dir = createDir();
  const files: Record<GenericKnob, ControlFile> = {
    probability: knob(() => `${attr.probability}\n`, parseUlongWrite, (v) => setProbability(attr, v)),
    interval: knob(() => `${attr.interval}\n`, parseUlongWrite, (v) => setInterval(attr, v)),
    times: knob(() => `${attr.times}\n`, parseAtomicWrite, (v) => setTimes(attr, v)),
    space: knob(() => `${attr.space}\n`, parseAtomicWrite, (v) => setSpace(attr, v)),
    verbose: knob(() => `${attr.verbose}\n`, parseUlongWrite, (v) => setVerbose(attr, v)),
    verbose_ratelimit_interval_ms: knob(
      () => `${attr.ratelimitIntervalMs}\n`,
      parseU32Write,
      (v) => {
        attr.ratelimitIntervalMs = v;
      },
    ),
    verbose_ratelimit_burst: knob(
      () => `${attr.ratelimitBurst}\n`,
      parseU32Write,
      (v) => {
        attr.ratelimitBurst = v;
      },
    ),
    'task-filter': knob(
      () => (attr.taskFilter ? 'Y\n' : 'N\n'),
      parseBoolWrite,
      (v) => {
        attr.taskFilter = v;
      },
    ),
    'stacktrace-depth': knob(
      () => `${attr.stacktraceDepth}\n`,
      parseUlongWrite,
      (v) => {
        attr.stacktraceDepth = v > BigInt(MAX_STACK_TRACE_DEPTH) ? MAX_STACK_TRACE_DEPTH : Number(v);
      },
    ),
    'require-stack': knob(
      () => `${attr.requireStack.join(',')}\n`,
      parseStackPatterns,
      (v) => setStackPatterns(attr, 'require', v),
    ),
    'reject-stack': knob(
      () => `${attr.rejectStack.join(',')}\n`,
      parseStackPatterns,
      (v) => setStackPatterns(attr, 'reject', v),
    ),
    seed: knob(() => `${attr.seed}\n`, parseSeed, (v) => reseed(attr, v)),
  };
  for (const name of GENERIC_KNOBS) dir.entries.set(name, files[name]);
  return dir;
}

