import { Component } from './Component';
import type { FailureModel } from './FailureModel';

/**
 * Words for a failure in findings: what the function fails with, and how to check for it.
 */

function errnoWords(model: FailureModel): string {
  return model.failure & Component.errPtr ? 'an ErrPtr' : 'a negative errno';
}

/**
 * What the function fails with: `ERRNO: fails with a negative errno`.
 *
 * @param model - how the result fails
 * @returns the words
 */
export function describeFailure(model: FailureModel): string {
  const verb = model.promise ? 'resolves to' : 'fails with';
  switch (model.type) {
    case 'NULL':
      return `NULL: ${verb} null`;
    case 'ERRNO':
      return `ERRNO: ${verb} ${errnoWords(model)}`;
    case 'ERRNO_NULL':
      return `ERRNO_NULL: ${verb} null or ${errnoWords(model)}`;
    case 'TRUE':
      return `TRUE: ${verb} true`;
  }
}

/**
 * How to check for the failure: `compare it \`< 0\``.
 *
 * @param model - how the result fails
 * @returns the words
 */
export function howToCheck(model: FailureModel): string {
  const errPtr = (model.failure & Component.errPtr) !== 0;
  switch (model.type) {
    case 'NULL':
      return 'compare it with null, test it, or use `?.` or `??`';
    case 'ERRNO':
      return errPtr ? 'test it with isErr' : 'compare it `< 0`';
    case 'ERRNO_NULL':
      return errPtr ? 'test it with isErrOrNull' : 'compare it with null and `< 0`';
    case 'TRUE':
      return 'test it as a boolean, as in `if (…)`';
  }
}

/**
 * Names failure components: `null`, `the errno`, `null and the errno`.
 *
 * @param mask - failure components
 * @returns the words
 */
export function nameComponents(mask: number): string {
  const names: string[] = [];
  if (mask & Component.null) names.push('null');
  if (mask & (Component.errno | Component.errPtr)) names.push('the errno');
  if (mask & Component.true) names.push('true');
  return names.join(' and ');
}
