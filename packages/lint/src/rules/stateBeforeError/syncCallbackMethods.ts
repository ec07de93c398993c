/**
 * Array methods that call their callback at once, before they return, with an element of the
 * receiver first and the receiver itself third: what such a callback changes, the call changes.
 */
export const SYNC_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'forEach',
  'map',
  'filter',
  'flatMap',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);
