import { AllowErrorInjection, allowErrorInjection, debugfs, EI_TYPE_ERRNO } from '@errinject/core';
import { performance } from 'node:perf_hooks';
import { compare, median, report, type Loop } from './harness';

/**
 * The wrappers of async functions and generators against the functions themselves: a wrapper looks
 * like what it wraps (an async function's is an async function, a generator's a generator), which
 * costs a Promise of its own per call (one await), or a delegating step per item. Trivial bodies,
 * where that shows most; a body that waits for anything hides it. Before wrappers looked like what
 * they wrap (a plain function returning the original's Promise or generator), each read 1.00x.
 */

async function bareAsync(x: number): Promise<number> {
  return x + 1;
}
async function wrappedAsyncImpl(x: number): Promise<number> {
  return x + 1;
}
const wrappedAsync = allowErrorInjection(EI_TYPE_ERRNO, wrappedAsyncImpl, { name: 'bench.wrappedAsync' });

class PlainAsync {
  async m(x: number): Promise<number> {
    return x + 1;
  }
}
class ArmedAsync {
  @AllowErrorInjection(EI_TYPE_ERRNO)
  async m(x: number): Promise<number> {
    return x + 1;
  }
}

function* bareGenerator(n: number): Generator<number, number> {
  for (let i = 0; i < n; i++) yield i;
  return n;
}
function* wrappedGeneratorImpl(n: number): Generator<number, number> {
  for (let i = 0; i < n; i++) yield i;
  return n;
}
const wrappedGenerator = allowErrorInjection(EI_TYPE_ERRNO, wrappedGeneratorImpl, { name: 'bench.wrappedGenerator' });

/** An async loop to time: `n` awaited calls. */
type AsyncLoop = (n: number) => Promise<number>;

let sink = 0;

async function timeAsync(loop: AsyncLoop, n: number): Promise<number> {
  const start = performance.now();
  sink ^= await loop(n);
  return ((performance.now() - start) * 1e6) / n;
}

/** As `compare`, for loops of awaited calls. */
async function compareAsync(baseline: AsyncLoop, candidate: AsyncLoop, n = 200_000, rounds = 11): Promise<{ baselineNs: number; candidateNs: number; ratio: number }> {
  for (let i = 0; i < 3; i++) {
    await timeAsync(baseline, n);
    await timeAsync(candidate, n);
  }
  const base: number[] = [];
  const cand: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      base.push(await timeAsync(baseline, n));
      cand.push(await timeAsync(candidate, n));
    } else {
      cand.push(await timeAsync(candidate, n));
      base.push(await timeAsync(baseline, n));
    }
  }
  const baselineNs = median(base);
  const candidateNs = median(cand);
  return { baselineNs, candidateNs, ratio: candidateNs / baselineNs };
}

const bareAsyncLoop: AsyncLoop = async (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += await bareAsync(i);
  return s;
};
const wrappedAsyncLoop: AsyncLoop = async (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += await wrappedAsync(i);
  return s;
};
function plainAsyncLoop(o: PlainAsync): AsyncLoop {
  return async (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += await o.m(i);
    return s;
  };
}
function armedAsyncLoop(o: ArmedAsync): AsyncLoop {
  return async (n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += await o.m(i);
    return s;
  };
}

/** Each operation: a call and 16 items drawn from it. */
const bareGeneratorLoop: Loop = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) for (const x of bareGenerator(16)) s += x;
  return s;
};
const wrappedGeneratorLoop: Loop = (n) => {
  let s = 0;
  for (let i = 0; i < n; i++) for (const x of wrappedGenerator(16)) s += x;
  return s;
};

/**
 * Runs the benchmark.
 *
 * @returns whether the bars were met
 */
export async function benchWrappers(): Promise<boolean> {
  console.log('\n# wrappers of async functions and generators');
  let ok = report('wrapped async function, never armed, vs the bare async function (awaited)', await compareAsync(bareAsyncLoop, wrappedAsyncLoop), 3);
  debugfs.write('fail_function/inject', 'ArmedAsync.m');
  ok = report('async method armed (probability 0) vs the same method undecorated (awaited)', await compareAsync(plainAsyncLoop(new PlainAsync()), armedAsyncLoop(new ArmedAsync())), 3) && ok;
  debugfs.write('fail_function/inject', '');
  ok = report('wrapped generator, never armed, vs the bare generator (a call and 16 items)', compare(bareGeneratorLoop, wrappedGeneratorLoop, { n: 200_000, rounds: 11 }), 3) && ok;
  if (sink === Number.MIN_VALUE) console.log('');
  return ok;
}
