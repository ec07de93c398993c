import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The benchmarks' entry point, for benchmarks that run part of their work in a child process. */
export const MAIN = join(__dirname, 'main.js');

/**
 * Measurement helpers. Machines here are noisy, so nothing is judged on absolute times: a candidate
 * and its baseline run in alternating rounds in the same process, and the ratio of their medians
 * is what counts.
 */

/** A loop to time: runs `n` operations and returns something derived from them, so no work is dropped. */
export type Loop = (n: number) => number;

let sink = 0;

/**
 * Times one run of a loop.
 *
 * @param loop - the loop
 * @param n - operations to run
 * @returns nanoseconds per operation
 */
export function timeLoop(loop: Loop, n: number): number {
  const start = performance.now();
  sink ^= loop(n);
  return ((performance.now() - start) * 1e6) / n;
}

/**
 * The median of some measurements.
 *
 * @param values - at least one value
 * @returns their median
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The result of a comparison. */
export interface Comparison {
  readonly baselineNs: number;
  readonly candidateNs: number;
  readonly ratio: number;
}

/**
 * Compares a candidate loop with a baseline loop in alternating rounds, after a warm-up that lets
 * both reach their optimised code. Many short rounds (`n` 200,000 and `rounds` 101, say) resist a
 * loaded machine better than a few long ones: fewer rounds are cut by the scheduler, and the median
 * ignores those that are.
 *
 * @param baseline - the reference loop
 * @param candidate - the loop under test
 * @param options - operations per round, number of rounds, and warm-up rounds of each loop (3)
 * @returns the medians of ns per operation and their ratio
 */
export function compare(baseline: Loop, candidate: Loop, options: { n?: number; rounds?: number; warmUp?: number } = {}): Comparison {
  const n = options.n ?? 5_000_000;
  const rounds = options.rounds ?? 15;
  const warmUp = options.warmUp ?? 3;
  for (let i = 0; i < warmUp; i++) {
    timeLoop(baseline, n);
    timeLoop(candidate, n);
  }
  const base: number[] = [];
  const cand: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      base.push(timeLoop(baseline, n));
      cand.push(timeLoop(candidate, n));
    } else {
      cand.push(timeLoop(candidate, n));
      base.push(timeLoop(baseline, n));
    }
  }
  const baselineNs = median(base);
  const candidateNs = median(cand);
  return { baselineNs, candidateNs, ratio: candidateNs / baselineNs };
}

/**
 * Measures one loop alone.
 *
 * @param loop - the loop
 * @param options - operations per round and number of rounds
 * @returns the median ns per operation
 */
export function measure(loop: Loop, options: { n?: number; rounds?: number } = {}): number {
  const n = options.n ?? 2_000_000;
  const rounds = options.rounds ?? 9;
  timeLoop(loop, n);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(timeLoop(loop, n));
  return median(times);
}

/**
 * Prints one result line: what was measured, the figures, and the bar it must meet.
 *
 * @param label - what was compared
 * @param result - the comparison
 * @param bar - the highest acceptable ratio
 * @returns whether the bar was met
 */
export function report(label: string, result: Comparison, bar: number): boolean {
  const ok = result.ratio <= bar;
  console.log(
    `${ok ? 'PASS' : 'FAIL'}  ${label}: ${result.ratio.toFixed(3)}x (bar ${bar}x)  ` +
      `[${result.candidateNs.toFixed(2)} ns vs ${result.baselineNs.toFixed(2)} ns baseline]`,
  );
  return ok;
}

/** Keeps results observable so no loop is optimised away. */
export function consumed(): number {
  return sink;
}
