import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { MAIN, median, report } from './harness';

/**
 * What loading the core costs code that uses no task: an await-heavy async function in a process
 * that loaded the core, against the same function in a process that did not. Loading cannot be
 * undone in-process, so each side runs in child processes of this one invocation, alternately.
 */

/** The child modes. */
export type AsyncMode = 'baseline' | 'core' | 'core-after-task' | 'storage-left-enabled';

async function step(i: number): Promise<number> {
  return i;
}

async function awaitHeavy(): Promise<number> {
  let sum = 0;
  for (let i = 0; i < 5; i++) sum += await step(i);
  return sum;
}

async function timeAwaits(calls: number): Promise<number> {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < calls; i++) sum += await awaitHeavy();
  if (sum < 0) console.log(sum);
  return ((performance.now() - start) * 1e6) / calls;
}

/**
 * The child's side: loads the core or not, then prints ns per call of the await-heavy function.
 *
 * @param mode - what to load first
 */
export async function asyncChild(mode: AsyncMode): Promise<void> {
  if (mode !== 'baseline') {
    const core = require('@errinject/core') as typeof import('@errinject/core');
    if (mode === 'core-after-task') await core.runTask(async () => awaitHeavy(), { failNth: 3 });
    if (mode === 'storage-left-enabled') {
      // What the core would cost if it kept its AsyncLocalStorage enabled after the last task.
      const { AsyncLocalStorage } = await import('node:async_hooks');
      new AsyncLocalStorage<number>().enterWith(1);
    }
  }
  await timeAwaits(100_000);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push(await timeAwaits(200_000));
  samples.sort((a, b) => a - b);
  process.stdout.write(`${samples[2]}\n`);
}

function runChild(mode: AsyncMode): number {
  return Number(execFileSync(process.execPath, [MAIN, '--child', `async-${mode}`], { encoding: 'utf8' }));
}

/**
 * Runs the comparison.
 *
 * @returns whether both ratios met the bar
 */
export function benchAsyncOverhead(): boolean {
  console.log('\n# awaits in a process that loaded the core but runs no task');
  const modes = ['baseline', 'core', 'core-after-task', 'storage-left-enabled'] as const;
  const runs: Record<AsyncMode, number[]> = { baseline: [], core: [], 'core-after-task': [], 'storage-left-enabled': [] };
  for (let i = 0; i < 7; i++) {
    for (const mode of modes) runs[mode].push(runChild(mode));
  }
  const baselineNs = median(runs.baseline);
  const coreNs = median(runs.core);
  const ok = report('await-heavy function, core loaded, no task', { baselineNs, candidateNs: coreNs, ratio: coreNs / baselineNs }, 1.05);
  // Once any async hook has been enabled, V8 keeps awaits on a slower path for the rest of the
  // process, even after every hook is disabled; the core disables its storage when the last task
  // ends, which is all that is in its hands.
  const afterNs = median(runs['core-after-task']);
  const leftNs = median(runs['storage-left-enabled']);
  console.log(
    `info  after a task ran and ended (storage disabled again): ${(afterNs / baselineNs).toFixed(3)}x; ` +
      `had the storage stayed enabled: ${(leftNs / baselineNs).toFixed(3)}x ` +
      `[${afterNs.toFixed(0)} / ${leftNs.toFixed(0)} / ${baselineNs.toFixed(0)} ns per call of five awaits]`,
  );
  return ok;
}
