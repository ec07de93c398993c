import { createRule } from '../rule/Rule';

/** `ei/bad-usage`: not written yet. */
export const badUsage = createRule<'todo'>({
  id: 'ei/bad-usage',
  description: 'not written yet',
  messages: { todo: 'not written yet' },
  check() {},
});
