import { createRule } from '../rule/Rule';

/** `ei/state-before-error`: not written yet. */
export const stateBeforeError = createRule<'todo'>({
  id: 'ei/state-before-error',
  description: 'not written yet',
  messages: { todo: 'not written yet' },
  check() {},
});
