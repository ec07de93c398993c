import { Cache } from './cache';

/**
 * Uses the cache the way a program would: reads through it, keeps a value, reads again. Every
 * failure of the store or the allocator is an error path; one of them crashes.
 */

const cache = new Cache();
console.log(`alpha: ${cache.get('alpha')}`);
cache.put('beta', 'second letter');
console.log(`beta: ${cache.get('beta')}`);
console.log(`gamma: ${cache.get('gamma')}`);
console.log(`delta: ${cache.get('delta')}`);
