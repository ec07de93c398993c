import type { ts } from '@ts-morph/common';
import type { FailureModel } from './FailureModel';
import { shownComponents, typeShapeOf } from './typeShapeOf';

/**
 * Tells whether a type can carry a call's failure on: it holds every failure component the
 * result's own type shows (`null`, a number, `ErrPtr`, `true`), or says nothing about its values
 * (`any`, `unknown`, a type parameter). `void`, `undefined` and `never` carry nothing.
 *
 * @param type - the type the result goes into: a return type, a property's type, an `as` type
 * @param model - how the result fails
 * @returns true when the failure can still be seen through that type
 */
export function keepsFailure(type: ts.Type, model: FailureModel): boolean {
  const shape = typeShapeOf(type);
  if (shape.open) return true;
  if (shape.never || (!shape.other && shape.components === 0)) return false;
  return (model.visible & ~shownComponents(shape, model.undefinedIsNull)) === 0;
}
