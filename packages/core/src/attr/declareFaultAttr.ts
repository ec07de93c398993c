import { retryPendingBoot } from '../boot/pendingBoot';
import { ErrInjectError, isErrInjectError, showPath, showValue } from '../errors/ErrInjectError';
import type { ControlFile } from '../control/tree';
import { state } from '../state/sharedState';
import type { CapabilityKnob } from './CapabilityKnob';
import type { FaultAttr } from './FaultAttr';
import { refreshGate } from './refreshGate';
import { createAttr } from './createAttr';
import { createKnobDir, GENERIC_KNOBS, type GenericKnob } from './createKnobDir';
import { deriveSeed } from './random';

/**
 * A capability's starting knobs, the `DECLARE_FAULT_ATTR` initialiser. Each value is applied exactly
 * as a write of `String(value)` to the knob would be (arrays joined by commas, booleans as `Y`/`N`),
 * so the same rules and errors apply.
 */
export interface FaultAttrInit {
  readonly probability?: number | bigint;
  readonly interval?: number | bigint;
  readonly times?: number;
  readonly space?: number;
  readonly verbose?: number | bigint;
  readonly verboseRatelimitIntervalMs?: number;
  readonly verboseRatelimitBurst?: number;
  readonly taskFilter?: boolean;
  readonly stacktraceDepth?: number;
  readonly requireStack?: string | readonly string[];
  readonly rejectStack?: string | readonly string[];
  readonly seed?: number;
}

const INIT_KNOBS: { readonly [K in keyof Required<FaultAttrInit>]: GenericKnob } = {
  probability: 'probability',
  interval: 'interval',
  times: 'times',
  space: 'space',
  verbose: 'verbose',
  verboseRatelimitIntervalMs: 'verbose_ratelimit_interval_ms',
  verboseRatelimitBurst: 'verbose_ratelimit_burst',
  taskFilter: 'task-filter',
  stacktraceDepth: 'stacktrace-depth',
  requireStack: 'require-stack',
  rejectStack: 'reject-stack',
  seed: 'seed',
};

/** The most characters a capability name may have (NAME_MAX). */
const NAME_MAX = 255;
const NAME_RULE = `1 to ${NAME_MAX} characters without "/", whitespace or NUL, and not ".", ".." or "self" (procfs's)`;

/** The rule a capability's name and a knob's name share: a file name of debugfs. */
function isAcceptedName(name: string): boolean {
  return name.length > 0 && name.length <= NAME_MAX && !/[\s/\0]/.test(name) && name !== '.' && name !== '..';
}

function validateName(name: unknown): asserts name is string {
  if (typeof name !== 'string') {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `declareFaultAttr: the name must be a string, got ${showValue(name)}`);
  }
  if (!isAcceptedName(name) || name === 'self') {
    throw new ErrInjectError('ERR_INVALID_ARG_VALUE', `declareFaultAttr: the name ${showValue(name)} is not accepted; a name is ${NAME_RULE}`);
  }
}

/** The JavaScript types each init value may have, by the kind of its knob. */
const INIT_TYPES = {
  number: { expected: 'a number', fits: (v: unknown) => typeof v === 'number' },
  u64: { expected: 'a number or a bigint', fits: (v: unknown) => typeof v === 'number' || typeof v === 'bigint' },
  boolean: { expected: 'a boolean', fits: (v: unknown) => typeof v === 'boolean' },
  patterns: {
    expected: 'a string or an array of strings',
    fits: (v: unknown) => typeof v === 'string' || (Array.isArray(v) && v.every((item) => typeof item === 'string')),
  },
} as const;

const INIT_KINDS: { readonly [K in keyof Required<FaultAttrInit>]: keyof typeof INIT_TYPES } = {
  probability: 'u64',
  interval: 'u64',
  times: 'number',
  space: 'number',
  verbose: 'u64',
  verboseRatelimitIntervalMs: 'number',
  verboseRatelimitBurst: 'number',
  taskFilter: 'boolean',
  stacktraceDepth: 'number',
  requireStack: 'patterns',
  rejectStack: 'patterns',
  seed: 'number',
};

function initText(key: keyof FaultAttrInit, value: unknown, name: string): string {
  const type = INIT_TYPES[INIT_KINDS[key]];
  if (!type.fits(value)) {
    throw new ErrInjectError(
      'ERR_INVALID_ARG_TYPE',
      `declareFaultAttr(${showValue(name)}): init.${key} must be ${type.expected}, got ${showValue(value)}`,
    );
  }
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** A capability's own knob as a file: a write that throws anything else is refused with EINVAL. */
function knobFile(knob: CapabilityKnob): ControlFile {
  return {
    kind: 'file',
    read: () => knob.read(),
    write: (value, path) => {
      try {
        knob.write(value, path);
      } catch (error) {
        if (isErrInjectError(error)) throw error;
        throw new ErrInjectError('EINVAL', `debugfs ${showPath(path)}: cannot write ${showValue(value)} (EINVAL: ${error instanceof Error ? error.message : showValue(error)})`, {
          cause: error,
          path,
          value,
        });
      }
    },
  };
}

/** Checks a capability's own knobs: names as for a capability, none a generic knob's, each readable and writable. */
function knobFiles(name: string, knobs: unknown): Map<string, ControlFile> {
  if (typeof knobs !== 'object' || knobs === null || Array.isArray(knobs)) {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `declareFaultAttr(${showValue(name)}): knobs must be an object of knobs by name, got ${showValue(knobs)}`);
  }
  const files = new Map<string, ControlFile>();
  for (const [knobName, knob] of Object.entries(knobs as Record<string, unknown>)) {
    if ((GENERIC_KNOBS as readonly string[]).includes(knobName) || !isAcceptedName(knobName)) {
      throw new ErrInjectError(
        'ERR_INVALID_ARG_VALUE',
        `declareFaultAttr(${showValue(name)}): the knob name ${showValue(knobName)} is not accepted; a knob's name is 1 to ${NAME_MAX} characters without "/", whitespace or NUL, not "." or "..", and none of the generic knobs (${GENERIC_KNOBS.join(', ')})`,
      );
    }
    const candidate = knob as Partial<CapabilityKnob> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.read !== 'function' || typeof candidate.write !== 'function') {
      throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `declareFaultAttr(${showValue(name)}): knobs.${knobName} must be an object with read() and write(value, path), got ${showValue(knob)}`);
    }
    files.set(knobName, knobFile(candidate as CapabilityKnob));
  }
  return files;
}

/**
 * Declares a capability, the `DECLARE_FAULT_ATTR` of the kernel, and creates its debugfs directory
 * `<name>/` with every generic knob, then the capability's own knobs. A boot option or path
 * assignment for it in `ERRINJECT` applies now, over `init`, as a boot option overrides the static
 * initialiser.
 *
 * @param name - the capability's name and directory
 * @param init - starting knob values; the kernel's defaults otherwise (probability 0, interval 1,
 * times 1, space 0, verbose 2, task-filter N, stacktrace-depth 32)
 * @param knobs - the capability's own knobs by name (see {@link CapabilityKnob}), listed after the
 * generic ones in this order
 * @returns the capability, to pass to `shouldFail`
 * @throws ErrInjectError EEXIST when the name is taken; ERR_INVALID_ARG_* for a bad name, init or
 * knobs; EINVAL / ERANGE for an init value its knob refuses (nothing is declared then)
 */
export function declareFaultAttr(name: string, init: FaultAttrInit = {}, knobs: Readonly<Record<string, CapabilityKnob>> = {}): FaultAttr {
  validateName(name);
  if (state.attrs.has(name)) {
    throw new ErrInjectError('EEXIST', `declareFaultAttr: a capability named ${showValue(name)} already exists (debugfs ${name}/)`, {
      path: name,
    });
  }
  if (typeof init !== 'object' || init === null) {
    throw new ErrInjectError('ERR_INVALID_ARG_TYPE', `declareFaultAttr(${showValue(name)}): init must be an object, got ${showValue(init)}`);
  }
  const ownKnobs = knobFiles(name, knobs);
  const attr = createAttr(name, deriveSeed(state.baseSeed, name));
  const dir = createKnobDir(attr);
  for (const [knobName, file] of ownKnobs) dir.entries.set(knobName, file);
  for (const [key, value] of Object.entries(init)) {
    if (value === undefined) continue;
    if (!Object.prototype.hasOwnProperty.call(INIT_KNOBS, key)) {
      throw new ErrInjectError(
        'ERR_INVALID_ARG_VALUE',
        `declareFaultAttr(${showValue(name)}): init.${key} is not a knob; accepted: ${Object.keys(INIT_KNOBS).join(', ')}`,
      );
    }
    const knobName = INIT_KNOBS[key as keyof FaultAttrInit];
    const file = dir.entries.get(knobName) as ControlFile & Required<Pick<ControlFile, 'write'>>;
    try {
      file.write(initText(key as keyof FaultAttrInit, value, name), `${name}/${knobName}`);
    } catch (error) {
      if (!isErrInjectError(error) || error.code === 'ERR_INVALID_ARG_TYPE') throw error;
      throw new ErrInjectError(error.code, `declareFaultAttr(${showValue(name)}): init.${key}: ${error.message}`, {
        cause: error,
        path: `${name}/${knobName}`,
        value: String(value),
      });
    }
  }
  state.attrs.set(name, attr);
  state.debugfs.entries.set(name, dir);
  refreshGate(attr);
  retryPendingBoot();
  return attr as unknown as FaultAttr;
}

/**
 * Finds a capability by name.
 *
 * @param name - the capability's name
 * @returns the capability, or `undefined`
 */
export function getFaultAttr(name: string): FaultAttr | undefined {
  return state.attrs.get(name) as unknown as FaultAttr | undefined;
}

/**
 * Finds a capability by name, or says which exist.
 *
 * @param name - the capability's name
 * @returns the capability
 * @throws ErrInjectError ENOENT when there is none of that name
 */
export function getFaultAttrOrThrow(name: string): FaultAttr {
  const attr = getFaultAttr(name);
  if (attr === undefined) {
    throw new ErrInjectError('ENOENT', `no capability named ${showValue(name)}; declared: ${[...state.attrs.keys()].join(', ')}`, {
      path: String(name),
    });
  }
  return attr;
}
