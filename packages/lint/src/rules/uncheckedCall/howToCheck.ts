import { Component } from './Component';
import type { FailureModel } from './FailureModel';

/**
 * How to check for the failure, in words for findings: `compare it \`< 0\``.
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
