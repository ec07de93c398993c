import { Component } from './Component';
import type { FailureModel } from './FailureModel';

function errnoWords(model: FailureModel): string {
  return model.failure & Component.errPtr ? 'an ErrPtr' : 'a negative errno';
}

/**
 * What the function fails with, in words for findings: `ERRNO: fails with a negative errno`.
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
