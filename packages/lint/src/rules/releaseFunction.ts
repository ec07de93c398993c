import { createRule } from '../rule/Rule';

/** `ei/release-function`: not written yet. */
export const releaseFunction = createRule<'todo'>({
  id: 'ei/release-function',
  description: 'not written yet',
  messages: { todo: 'not written yet' },
  check() {},
});
