import { isErr, ptrErr } from '@errinject/core';
import { Cache } from './cache';

/**
 * Uses the cache the way a program would: reads through it, keeps a value, reads again. Every
 * failure of the store or the allocator is an error path; one of them crashes.
 */

const cache = new Cache();
function show(key: string): void {
  const value = cache.get(key);
  console.log(`${key}: ${isErr(value) ? `error ${ptrErr(value)}` : value}`);
}

show('alpha');
cache.put('beta', 'second letter');
show('beta');
show('gamma');
show('delta');
