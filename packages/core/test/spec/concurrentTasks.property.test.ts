import { expect } from 'chai';
import * as fc from 'fast-check';
import {
  AllowErrorInjection,
  allowErrorInjection,
  debugfs,
  declareFaultAttr,
  EI_TYPE_ERRNO,
  EI_TYPE_NULL,
  procfs,
  runTask,
  shouldFail,
  type FaultAttr,
  type TaskOptions,
} from '../../src/index';
import { state } from '../../src/state/sharedState';
import { compactReport } from '../support/compactReport';
import { uniqueNames } from '../support/names';
import { silenceVerbose } from '../support/sink';

/**
 * Concurrent tasks with their own fail-nth and make-it-fail (issue 9, "Keep it fixed"; API.md
 * `runTask`; kernel-semantics.md §2.1 step 1 and §5): tasks run at once, each awaiting at random
 * points between its calls, and each call is checked against a model of that task alone. The calls
 * go to a capability that only fail-nth can fail (probability 0), to a marked function and a marked
 * method (armed, `fail_function` at probability 0), and to a capability with task-filter Y and
 * probability 100, which fails exactly the calls of tasks whose make-it-fail is 1 once their
 * countdown is over. So a task's faults happen at exactly its own n-th call, and its make-it-fail
 * decides for it alone: any cross-talk between tasks shows as a call that differs from the model.
 *
 * Figures: 2,000 tasks with fail-nth 1 to 2,000, a different one each (the 300 lowest run past their
 * n-th call, the others 20 calls; fail-nth read back at the end of each task), 2 runs; and a shrinking property of up to 12 tasks of up to 24
 * steps each, 100 runs.
 */

const uniqueName = uniqueNames('spec-tasks');

type Target = 'capability' | 'function' | 'method' | 'filtered';
type Pause = 'none' | 'resolved' | 'tick' | 'immediate' | 'timer';

type Step =
  | { readonly kind: 'call'; readonly target: Target; readonly pause: Pause }
  | { readonly kind: 'fail-nth'; readonly value: number; readonly pause: Pause }
  | { readonly kind: 'make-it-fail'; readonly value: 0 | 1; readonly pause: Pause };

interface TaskPlan {
  /** How the task starts: `options.failNth`, `options.makeItFail` (absent: inherited from the root, 0). */
  readonly failNth: number | undefined;
  readonly makeItFail: boolean | undefined;
  readonly steps: readonly Step[];
  /** Read fail-nth back after every step, or only once the steps are done (cheaper, for thousands of tasks). */
  readonly readBack: 'each' | 'end';
}

/** What a step saw: for a call, whether it failed and what fail-nth read afterwards. */
type Seen = string;

function pause(how: Pause): Promise<void> | undefined {
  switch (how) {
    case 'none':
      return undefined;
    case 'resolved':
      return Promise.resolve();
    case 'tick':
      return new Promise((resolve) => process.nextTick(resolve));
    case 'immediate':
      return new Promise((resolve) => setImmediate(resolve));
    default:
      return new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('concurrent tasks with their own fail-nth and make-it-fail', function () {
  this.timeout(60000);
  silenceVerbose('all');

  let nthOnly: FaultAttr;
  let filtered: FaultAttr;
  let fn: () => number;
  let method: { open(): string | null };
  let names: string[] = [];
  let saved: Array<readonly [string, string]> = [];

  before(() => {
    nthOnly = declareFaultAttr(uniqueName('nth'), { probability: 0, times: -1, verbose: 0 });
    filtered = declareFaultAttr(uniqueName('filtered'), { probability: 100, times: -1, verbose: 0, taskFilter: true });
    const fnName = uniqueName('fn');
    fn = allowErrorInjection(EI_TYPE_ERRNO, () => 5, { name: fnName });
    const methodName = `${uniqueName('Store')}.open`;
    class Store {
      open(): string | null {
        return 'ran';
      }
    }
    AllowErrorInjection(EI_TYPE_NULL, { name: methodName })(Store.prototype, 'open', Object.getOwnPropertyDescriptor(Store.prototype, 'open') as PropertyDescriptor);
    method = new Store();
    names = [fnName, methodName];
    saved = ['probability', 'times', 'verbose', 'task-filter', 'interval', 'space', 'require-stack', 'reject-stack'].map((knob) => [knob, debugfs.read(`fail_function/${knob}`)] as const);
    debugfs.write('fail_function/probability', '0');
    debugfs.write('fail_function/times', '-1');
    debugfs.write('fail_function/verbose', '0');
    debugfs.write('fail_function/require-stack', '');
    debugfs.write('fail_function/reject-stack', '');
    for (const name of names) debugfs.write('fail_function/inject', name);
  });

  after(() => {
    for (const name of names) debugfs.write('fail_function/inject', `!${name}`);
    for (const [knob, value] of saved) debugfs.write(`fail_function/${knob}`, value);
  });

  /** Makes one call; true when it failed. */
  function call(target: Target): boolean {
    switch (target) {
      case 'capability':
        return shouldFail(nthOnly);
      case 'filtered':
        return shouldFail(filtered);
      case 'function':
        return fn() !== 5;
      default:
        return method.open() !== 'ran';
    }
  }

  /** What the model says each step of a task sees (kernel-semantics.md §2.1 step 1, §5). */
  function expected(plan: TaskPlan): Seen[] {
    let nth = plan.failNth ?? 0;
    let mif = plan.makeItFail === true ? 1 : 0;
    const each = plan.readBack === 'each';
    const seen = plan.steps.map((step) => {
      if (step.kind === 'fail-nth') {
        nth = step.value;
        return each ? `fail-nth ${nth}` : 'fail-nth';
      }
      if (step.kind === 'make-it-fail') {
        mif = step.value;
        return each ? `make-it-fail ${mif}` : 'make-it-fail';
      }
      let failed: boolean;
      if (nth !== 0) {
        nth -= 1;
        failed = nth === 0;
      } else {
        failed = step.target === 'filtered' && mif === 1;
      }
      return `${step.target} ${failed ? 'FAILED' : 'ran'}${each ? `, fail-nth ${nth}` : ''}`;
    });
    return [...seen, `at the end: fail-nth ${nth}, make-it-fail ${mif}`];
  }

  /** Runs a task's steps, recording what each saw. */
  async function perform(plan: TaskPlan): Promise<Seen[]> {
    const seen: Seen[] = [];
    const each = plan.readBack === 'each';
    const nth = (): string => procfs.read('self/fail-nth').trimEnd();
    for (const step of plan.steps) {
      const wait = pause(step.pause);
      if (wait !== undefined) await wait;
      if (step.kind === 'fail-nth') {
        procfs.write('self/fail-nth', String(step.value));
        seen.push(each ? `fail-nth ${nth()}` : 'fail-nth');
      } else if (step.kind === 'make-it-fail') {
        procfs.write('self/make-it-fail', String(step.value));
        seen.push(each ? `make-it-fail ${procfs.read('self/make-it-fail').trimEnd()}` : 'make-it-fail');
      } else {
        const failed = call(step.target);
        seen.push(`${step.target} ${failed ? 'FAILED' : 'ran'}${each ? `, fail-nth ${nth()}` : ''}`);
      }
    }
    seen.push(`at the end: fail-nth ${nth()}, make-it-fail ${procfs.read('self/make-it-fail').trimEnd()}`);
    return seen;
  }

  /** Runs every plan at once, each in its own task, and compares each with its model; the root task must be untouched. */
  async function runAll(plans: readonly TaskPlan[]): Promise<void> {
    const armedBefore = state.armedTasks;
    const results = await Promise.all(
      plans.map((plan) => {
        const options: { -readonly [K in keyof TaskOptions]: TaskOptions[K] } = {};
        if (plan.failNth !== undefined) options.failNth = plan.failNth;
        if (plan.makeItFail !== undefined) options.makeItFail = plan.makeItFail;
        return runTask(() => perform(plan), options);
      }),
    );
    results.forEach((seen, i) => {
      const plan = plans[i] as TaskPlan;
      const want = expected(plan);
      const first = want.findIndex((line, k) => seen[k] !== line);
      if (first !== -1) {
        expect.fail(
          `task ${i + 1} of ${plans.length} (failNth ${String(plan.failNth)}, makeItFail ${String(plan.makeItFail)}): step ${first + 1} of ${plan.steps.length} ` +
            `(${JSON.stringify(plan.steps[first] ?? 'the end')}) saw ${JSON.stringify(seen[first])}, expected ${JSON.stringify(want[first])}`,
        );
      }
    });
    expect([procfs.read('self/fail-nth'), procfs.read('self/make-it-fail')], 'the root task').to.deep.equal(['0\n', '0\n']);
    expect(state.armedTasks, 'tasks armed once every task ended').to.equal(armedBefore);
    // Nothing is left armed: outside any task, the only capability that could fail by itself does not.
    expect(shouldFail(nthOnly), 'a call outside any task').to.equal(false);
  }

  describe('when 2,000 tasks, each with a different fail-nth, call capabilities and marked functions at once', () => {
    it('should fail each task at exactly its own n-th call and nowhere else, and follow each task’s make-it-fail alone', async () => {
      const TASKS = 2000;
      /** A small seeded generator (mulberry32): the run is given by its seed. */
      const generator = (seed: number): (() => number) => {
        let a = seed >>> 0;
        return () => {
          a = (a + 0x6d2b79f5) | 0;
          let t = Math.imul(a ^ (a >>> 15), 1 | a);
          t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
      };
      const targets: Target[] = ['capability', 'function', 'method', 'filtered'];
      const pauses: Pause[] = ['resolved', 'tick', 'immediate', 'timer'];
      const plansFor = (seed: number): TaskPlan[] => {
        const random = generator(seed);
        const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
        // A different fail-nth for each task: a shuffle of 1..2000.
        const nths = Array.from({ length: TASKS }, (_, i) => i + 1);
        for (let i = nths.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [nths[i], nths[j]] = [nths[j] as number, nths[i] as number];
        }
        return nths.map((n, i): TaskPlan => {
          const calls = n <= 300 ? n + 3 : 20;
          const viaProcfs = i % 3 === 0;
          const makeItFail = pick([true, false, undefined]);
          const steps: Step[] = [];
          if (viaProcfs) steps.push({ kind: 'fail-nth', value: n, pause: 'resolved' });
          for (let k = 0; k < calls; k++) {
            const pauseHere = random() < 0.08 ? pick(pauses) : 'none';
            if (random() < 0.01) steps.push({ kind: 'make-it-fail', value: random() < 0.5 ? 0 : 1, pause: pauseHere });
            else steps.push({ kind: 'call', target: pick(targets), pause: pauseHere });
          }
          return { failNth: viaProcfs ? undefined : n, makeItFail, steps, readBack: 'end' };
        });
      };
      await fc.assert(
        fc.asyncProperty(fc.integer(), async (seed) => {
          await runAll(plansFor(seed));
        }),
        // The seed is the whole input: shrinking it would not make the schedule smaller.
        { numRuns: 2, endOnFailure: true, reporter: compactReport },
      );
    });
  });

  describe('when a few tasks run any schedule of calls, fail-nth and make-it-fail writes and pauses', () => {
    it('should give each task exactly what the model of that task alone says', async () => {
      const pauseArb = fc.constantFrom<Pause>('none', 'none', 'resolved', 'tick', 'immediate', 'timer');
      const step: fc.Arbitrary<Step> = fc.oneof(
        { arbitrary: fc.record({ kind: fc.constant('call' as const), target: fc.constantFrom<Target>('capability', 'function', 'method', 'filtered'), pause: pauseArb }), weight: 6 },
        { arbitrary: fc.record({ kind: fc.constant('fail-nth' as const), value: fc.oneof(fc.nat({ max: 6 }), fc.constant(4294967295)), pause: pauseArb }), weight: 1 },
        { arbitrary: fc.record({ kind: fc.constant('make-it-fail' as const), value: fc.constantFrom<0 | 1>(0, 1), pause: pauseArb }), weight: 1 },
      );
      const plan: fc.Arbitrary<TaskPlan> = fc.record({
        failNth: fc.option(fc.nat({ max: 8 }), { nil: undefined }),
        makeItFail: fc.option(fc.boolean(), { nil: undefined }),
        steps: fc.array(step, { maxLength: 24 }),
        readBack: fc.constant('each' as const),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 12 }), async (plans) => {
          await runAll(plans);
        }),
        { numRuns: 100, reporter: compactReport },
      );
    });
  });
});
