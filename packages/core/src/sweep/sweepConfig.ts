import { ErrInjectError, showValue } from '../errors/ErrInjectError';
import type { Injectable } from '../inject/Injectable';
import { state } from '../state/sharedState';
import type { CheckedRun, SweepMode, SweepOptions, SweepShard } from './SweepReport';

/** A sweep's options, checked. */
export interface SweepConfig<T> {
  readonly mode: SweepMode;
  readonly inject: readonly Injectable[];
  /** True when no names were given: every function, those marked during the sweep included. */
  readonly everyFunction: boolean;
  readonly retval: ReadonlyArray<readonly [string, string]>;
  readonly max: number;
  /** The shard to make; `undefined` for the whole sweep. */
  readonly shard: SweepShard | undefined;
  readonly check: ((run: CheckedRun<T>) => unknown) | undefined;
}

/** The default bound on runs. */
export const DEFAULT_MAX_RUNS = 10_000;

const U32_MAX = 0xffff_ffff;
const KEYS = ['mode', 'inject', 'retval', 'max', 'shard', 'check'];
const SHARD_KEYS = ['index', 'count'];
const SHARD_FORM = '{ index, count } with integers 1 ≤ index ≤ count';

function invalid(where: string, message: string): ErrInjectError {
  return new ErrInjectError('ERR_INVALID_ARG_VALUE', `${where}: ${message}`);
}

function wrongType(where: string, message: string): ErrInjectError {
  return new ErrInjectError('ERR_INVALID_ARG_TYPE', `${where}: ${message}`);
}

function injectables(where: string, names: unknown): Injectable[] {
  if (names === undefined) return [...state.injectables.values()];
  if (!Array.isArray(names)) throw wrongType(where, `options.inject must be an array of function names, got ${showValue(names)}`);
  const chosen = new Set<Injectable>();
  for (const name of names as unknown[]) {
    if (typeof name !== 'string') throw wrongType(where, `options.inject must hold strings (function names), got ${showValue(name)}`);
    if (name === '*') {
      throw invalid(where, "options.inject names '*': to sweep every function (those marked during the sweep included), leave options.inject out");
    }
    const entry = state.injectables.get(name);
    if (entry === undefined) {
      const known = [...state.injectables.keys()];
      throw invalid(
        where,
        `options.inject names ${showValue(name)}, which is no error-injectable function; ` +
          (known.length === 0 ? 'none is marked yet' : `fail_function/injectable lists ${known.length}: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''}`),
      );
    }
    chosen.add(entry);
  }
  return [...chosen];
}

function retvals(where: string, value: unknown, armed: readonly Injectable[]): Array<readonly [string, string]> {
  if (value === undefined) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(where, `options.retval must be an object from function names to retvals, got ${showValue(value)}`);
  }
  return Object.entries(value as Record<string, unknown>).map(([name, retval]) => {
    if (!armed.some((entry) => entry.name === name)) {
      throw invalid(where, `options.retval names ${showValue(name)}, which this sweep does not arm; it arms ${armed.map((entry) => entry.name).join(', ') || 'nothing'}`);
    }
    if (typeof retval !== 'string' && !(typeof retval === 'number' && Number.isSafeInteger(retval))) {
      throw wrongType(where, `options.retval.${name} must be an integer or a string such as '-ENOMEM', got ${showValue(retval)}`);
    }
    return [name, String(retval)] as const;
  });
}

function shardOf(where: string, value: unknown): SweepShard | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType(where, `options.shard must be an object ${SHARD_FORM}, got ${showValue(value)}`);
  }
  const unknownKeys = Object.keys(value).filter((key) => !SHARD_KEYS.includes(key));
  if (unknownKeys.length > 0) throw invalid(where, `unknown key ${unknownKeys.join(', ')} in options.shard; accepted: ${SHARD_KEYS.join(', ')}`);
  const { index, count } = value as Record<string, unknown>;
  for (const [key, given] of [['index', index], ['count', count]] as const) {
    if (given === undefined) throw wrongType(where, `options.shard.${key} is missing: options.shard must be ${SHARD_FORM}`);
  }
  if (typeof count !== 'number') throw wrongType(where, `options.shard.count must be a number, an integer from 1 to ${U32_MAX}, got ${showValue(count)}`);
  if (typeof index !== 'number') throw wrongType(where, `options.shard.index must be a number, an integer from 1 to options.shard.count, got ${showValue(index)}`);
  if (!Number.isInteger(count) || count < 1 || count > U32_MAX) {
    throw invalid(where, `options.shard.count must be an integer from 1 to ${U32_MAX}, got ${showValue(count)}`);
  }
  if (!Number.isInteger(index) || index < 1 || index > count) {
    throw invalid(where, `options.shard.index must be an integer from 1 to options.shard.count (${count}), got ${showValue(index)}`);
  }
  return { index, count };
}

/**
 * Checks the arguments of a sweep.
 *
 * @param where - `sweep` or `sweepSync`, for messages
 * @param fn - the function to sweep
 * @param options - the options given
 * @returns the options, checked, with their defaults
 * @throws ErrInjectError ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE naming the option, the value and
 * what is accepted; EPERM under `ERRINJECT=off`
 */
export function sweepConfig<T>(where: string, fn: unknown, options: unknown): SweepConfig<T> {
  if (typeof fn !== 'function') throw wrongType(where, `fn must be a function, got ${showValue(fn)}`);
  if (typeof options !== 'object' || options === null) throw wrongType(where, `options must be an object, got ${showValue(options)}`);
  const unknownKeys = Object.keys(options).filter((key) => !KEYS.includes(key));
  if (unknownKeys.length > 0) throw invalid(where, `unknown option ${unknownKeys.join(', ')}; accepted: ${KEYS.join(', ')}`);
  const { mode = 'once', inject, retval, max = DEFAULT_MAX_RUNS, shard, check } = options as SweepOptions<T>;
  if (mode !== 'once' && mode !== 'persist') throw invalid(where, `options.mode must be 'once' or 'persist', got ${showValue(mode)}`);
  if (!Number.isInteger(max) || max < 1 || max > U32_MAX) {
    throw invalid(where, `options.max must be an integer from 1 to ${U32_MAX} (the range of fail-nth), got ${showValue(max)}`);
  }
  const checkedShard = shardOf(where, shard);
  if (check !== undefined && typeof check !== 'function') throw wrongType(where, `options.check must be a function, got ${showValue(check)}`);
  if (state.off) {
    // Checked before the names: under the switch no function is marked at all.
    throw new ErrInjectError('EPERM', `${where}: fault injection is switched off in this process (ERRINJECT=off), so nothing can be swept`);
  }
  const armed = injectables(where, inject);
  return { mode, inject: armed, everyFunction: inject === undefined, retval: retvals(where, retval, armed), max, shard: checkedShard, check };
}
