import { createRule } from '../rule/Rule';

/** `ei/type-mismatch`: not written yet. */
export const typeMismatch = createRule<'todo'>({
  id: 'ei/type-mismatch',
  description: 'not written yet',
  messages: { todo: 'not written yet' },
  check() {},
});
