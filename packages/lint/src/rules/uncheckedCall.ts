import { createRule } from '../rule/Rule';

/** `ei/unchecked-call`: not written yet. */
export const uncheckedCall = createRule<'todo'>({
  id: 'ei/unchecked-call',
  description: 'not written yet',
  messages: { todo: 'not written yet' },
  check() {},
});
