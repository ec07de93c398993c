import { shouldFailInjectable } from '../attr/shouldFail';
import type { FaultAttrImpl } from '../attr/FaultAttr';
import { failureValue } from './failureValue';
import type { AnyFunction, Injectable } from './Injectable';

/** Most named parameters a wrapper declares (its `length` is set to the target's in any case). */
const MAX_PARAMS = 16;

/**
 * Makes the wrapper of an injectable: while it is armed and `fail_function` says so, the call returns
 * the failure value without running the target; otherwise the target runs with the same `this` and
 * arguments. Each wrapper is compiled from source of its own, so that V8 keeps its type feedback
 * apart from every other wrapper's: a shared closure would see every target and stay megamorphic.
 * Where code generation is refused (`--disallow-code-generation-from-strings`), a closure does the
 * same. An unarmed call reads one field, `entry.armed`.
 *
 * @param entry - the injectable
 * @param target - the function to call when the call does not fail
 * @param attr - the `fail_function` capability
 * @returns a function with the target's `name` and `length`
 */
export function generateWrapper(entry: Injectable, target: AnyFunction, attr: FaultAttrImpl): AnyFunction {
  const wrapper = codeGeneration ? compiledWrapper(entry, target, attr) : undefined;
  return withNameAndLength(wrapper ?? closureWrapper(entry, target, attr), target);
}

/**
 * Whether this process lets code be compiled from strings: a hardened deployment runs Node.js with
 * `--disallow-code-generation-from-strings`, and `new Function` throws an EvalError there. Learnt at
 * the first wrapper, and the closure serves from then on.
 */
let codeGeneration = true;

function compiledWrapper(entry: Injectable, target: AnyFunction, attr: FaultAttrImpl): AnyFunction | undefined {
  const params = Array.from({ length: Math.min(target.length, MAX_PARAMS) }, (_, i) => `a${i}`).join(', ');
  let factory: (...deps: unknown[]) => AnyFunction;
  try {
    factory = new Function(
      'entry',
      'target',
      'attr',
      'shouldFailInjectable',
      'failureValue',
      `'use strict';
return function injectable(${params}) {
  if (entry.armed !== 0 && attr.gate !== 0 && shouldFailInjectable(attr, injectable, entry.name)) return failureValue(entry);
  return target.apply(this, arguments);
};`,
    ) as (...deps: unknown[]) => AnyFunction;
  } catch (error) {
    if (!(error instanceof EvalError)) throw error;
    codeGeneration = false;
    return undefined;
  }
  return factory(entry, target, attr, shouldFailInjectable, failureValue);
}

/**
 * The same wrapper without code generation. It behaves the same; what it loses is speed where many
 * wrappers are called from one place, since they all share its code and so its type feedback.
 */
function closureWrapper(entry: Injectable, target: AnyFunction, attr: FaultAttrImpl): AnyFunction {
  const injectable = function (this: unknown, ...args: never[]): unknown {
    if (entry.armed !== 0 && attr.gate !== 0 && shouldFailInjectable(attr, injectable, entry.name)) return failureValue(entry);
    return target.apply(this, args);
  };
  return injectable;
}

function withNameAndLength(wrapper: AnyFunction, target: AnyFunction): AnyFunction {
  Object.defineProperty(wrapper, 'name', { value: target.name, configurable: true });
  Object.defineProperty(wrapper, 'length', { value: target.length, configurable: true });
  return wrapper;
}
