import { expect } from 'chai';
import * as fc from 'fast-check';
import {
  debugfs,
  declareFaultAttr,
  decideFault,
  FAULT_NOWARN,
  procfs,
  runTask,
  shouldFail,
  shouldFailEx,
  type FaultAttr,
  type FaultDecision,
  type TaskOptions,
  type VerboseRecord,
} from '../../src/index';
import { reseed, roll } from '../../src/attr/random';
import { uniqueName } from '../support/names';
import { useVerboseSink } from '../support/sink';

/**
 * An executable model of `should_fail_ex` as kernel-semantics.md §2.1 states it (mainline ≥ v6.2,
 * stack filter first), written from the specification, compared call by call with the
 * implementation over random knob settings and random sequences of calls, knob rewrites, fail-nth
 * and make-it-fail writes, and calls from child tasks.
 *
 * The roll: both sides draw from the same generator (`reseed`/`roll`), seeded with the value written
 * to the capability's `seed` knob. The model draws only at the probability step (§2.1 step 8), so any
 * draw the implementation makes elsewhere puts the two streams apart and shows as a difference. Every
 * probability write is followed by a seed write: whether a roll is drawn at all when probability is
 * 100 or more is not observable in the kernel and not specified, so streams are put back together
 * whenever probability changes.
 */

type Decision = FaultDecision;

/** How the stack filter is set: which knob holds a pattern that matches this file's call site. */
type StackMode = 'none' | 'reject-caller' | 'require-caller' | 'require-missing';

/** The one generator shape `reseed` and `roll` need. */
type Generator = Parameters<typeof reseed>[0];

interface ModelAttr {
  readonly name: string;
  probability: bigint;
  interval: bigint;
  /** Signed 32-bit. */
  times: number;
  /** Signed 32-bit. */
  space: number;
  taskFilter: boolean;
  stack: StackMode;
  depth: number;
  /** The kernel's internal `count` (unsigned long): never reset. */
  count: bigint;
  readonly generator: Generator;
}

interface ModelTask {
  /** Unsigned 32-bit. */
  failNth: number;
  makeItFail: 0 | 1;
}

interface ModelOutcome {
  readonly decision: Decision;
  /** The second line of the verbose record a failure prints (before FAULT_NOWARN is applied). */
  readonly record?: string;
}

/** The function name the stack patterns match: every call below is made from inside it. */
const CALL_SITE = 'specModelCallSite';
const MISSING_FRAME = 'specModelNoSuchFrameAnywhere';

function newGenerator(): Generator {
  return { seed: 0, rng: 1 } as unknown as Generator;
}

/**
 * The stack filter (§2.2, in API.md's terms): a frame within stacktrace-depth must match
 * require-stack (empty: any) and none may match reject-stack (empty: none). The innermost frame
 * below the library is the call site.
 */
function modelStackPasses(attr: ModelAttr): boolean {
  const requireEmpty = attr.stack !== 'require-caller' && attr.stack !== 'require-missing';
  if (attr.depth === 0) return requireEmpty;
  switch (attr.stack) {
    case 'none':
    case 'require-caller':
      return true;
    case 'reject-caller':
    case 'require-missing':
      return false;
  }
}

/** §2.1 step 9. */
function modelFail(attr: ModelAttr, decision: 'fail' | 'fail-nth'): ModelOutcome {
  const record = `name ${attr.name}, interval ${attr.interval}, probability ${attr.probability}, space ${attr.space}, times ${attr.times}`;
  // "Decrement if not zero", and -1 is left alone; the field is a 32-bit int.
  if (attr.times !== -1 && attr.times !== 0) attr.times = (attr.times - 1) | 0;
  return { decision, record };
}

/** should_fail_ex, §2.1, in order. */
function modelShouldFail(attr: ModelAttr, task: ModelTask, size: number): ModelOutcome {
  // 1. fail-nth (Node.js code always runs in process context).
  if (task.failNth !== 0) {
    if (!modelStackPasses(attr)) return { decision: 'stack-filter' };
    task.failNth -= 1;
    if (task.failNth === 0) return modelFail(attr, 'fail-nth');
    return { decision: 'nth-countdown' };
  }
  // 2. probability 0.
  if (attr.probability === 0n) return { decision: 'probability-zero' };
  // 3. task-filter.
  if (attr.taskFilter && task.makeItFail !== 1) return { decision: 'task-filter' };
  // 4. times 0.
  if (attr.times === 0) return { decision: 'times-exhausted' };
  // 5. stack filter.
  if (!modelStackPasses(attr)) return { decision: 'stack-filter' };
  // 6. space, signed compare; used only while strictly larger than the size.
  if (attr.space > size) {
    attr.space = (attr.space - size) | 0;
    return { decision: 'space' };
  }
  // 7. interval: count advances only while interval > 1, before the roll.
  if (attr.interval > 1n) {
    attr.count += 1n;
    if (attr.count % attr.interval !== 0n) return { decision: 'interval' };
  }
  // 8. the roll, uniform on 0..99.
  const r = roll(attr.generator);
  if (attr.probability <= BigInt(r)) return { decision: 'probability-roll' };
  return modelFail(attr, 'fail');
}

function isModelFailure(decision: Decision): boolean {
  return decision === 'fail' || decision === 'fail-nth';
}

// ---------------------------------------------------------------------------------------------
// Operations

type Api = 'decideFault' | 'shouldFail' | 'shouldFailEx-nowarn';

type Setting =
  | { readonly knob: 'probability'; readonly value: bigint; readonly seed: number }
  | { readonly knob: 'interval'; readonly value: bigint }
  | { readonly knob: 'times'; readonly value: number }
  | { readonly knob: 'space'; readonly value: number }
  | { readonly knob: 'task-filter'; readonly value: boolean }
  | { readonly knob: 'stack'; readonly mode: StackMode; readonly depth: number }
  | { readonly knob: 'seed'; readonly value: number };

interface Call {
  readonly cap: number;
  readonly size: number;
  readonly api: Api;
}

type Op =
  | ({ readonly kind: 'call' } & Call)
  | { readonly kind: 'set'; readonly cap: number; readonly setting: Setting }
  | { readonly kind: 'fail-nth'; readonly value: number }
  | { readonly kind: 'make-it-fail'; readonly value: 0 | 1 }
  | {
      readonly kind: 'child';
      readonly failNth: number | undefined;
      readonly makeItFail: boolean | undefined;
      readonly calls: readonly Call[];
    };

interface Config {
  readonly probability: bigint;
  readonly interval: bigint;
  readonly times: number;
  readonly space: number;
  readonly taskFilter: boolean;
  readonly stack: StackMode;
  readonly depth: number;
  readonly seed: number;
}

const U64_MAX = (1n << 64n) - 1n;

const probabilityArb = fc.oneof(
  { arbitrary: fc.constant(0n), weight: 2 },
  { arbitrary: fc.bigInt({ min: 1n, max: 99n }), weight: 5 },
  { arbitrary: fc.constant(100n), weight: 2 },
  { arbitrary: fc.oneof(fc.bigInt({ min: 101n, max: 1000n }), fc.constant(U64_MAX)), weight: 1 },
);
const intervalArb = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: 5n }), weight: 6 },
  { arbitrary: fc.constantFrom(7n, 1000n, 1n << 32n, U64_MAX), weight: 1 },
);
const timesArb = fc.oneof(
  { arbitrary: fc.constantFrom(-1, 0, 1, 2, 3), weight: 4 },
  { arbitrary: fc.integer({ min: -6, max: 8 }), weight: 2 },
  { arbitrary: fc.constantFrom(-2, -5, -2147483648, 2147483647), weight: 1 },
);
const spaceArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 4 },
  { arbitrary: fc.integer({ min: -5, max: 30 }), weight: 4 },
  { arbitrary: fc.constantFrom(-1, -2147483648, 2147483647), weight: 1 },
);
const sizeArb = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 8 }), weight: 8 },
  { arbitrary: fc.constantFrom(64, 2147483647, 2 ** 40), weight: 1 },
);
const failNthArb = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 6 }), weight: 8 }, { arbitrary: fc.constantFrom(20, 4294967295), weight: 1 });
const stackModeArb = fc.oneof(
  { arbitrary: fc.constant<StackMode>('none'), weight: 6 },
  { arbitrary: fc.constantFrom<StackMode>('reject-caller', 'require-caller', 'require-missing'), weight: 1 },
);
const depthArb = fc.oneof({ arbitrary: fc.constant(32), weight: 4 }, { arbitrary: fc.constantFrom(0, 3), weight: 1 });
const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const capArb = fc.integer({ min: 0, max: 1 });
const apiArb = fc.constantFrom<Api>('decideFault', 'decideFault', 'shouldFail', 'shouldFailEx-nowarn');

const configArb: fc.Arbitrary<Config> = fc.record({
  probability: probabilityArb,
  interval: intervalArb,
  times: timesArb,
  space: spaceArb,
  taskFilter: fc.boolean(),
  stack: stackModeArb,
  depth: depthArb,
  seed: seedArb,
});

const callArb: fc.Arbitrary<Call> = fc.record({ cap: capArb, size: sizeArb, api: apiArb });

const settingArb: fc.Arbitrary<Setting> = fc.oneof(
  fc.record({ knob: fc.constant('probability' as const), value: probabilityArb, seed: seedArb }),
  fc.record({ knob: fc.constant('interval' as const), value: intervalArb }),
  fc.record({ knob: fc.constant('times' as const), value: timesArb }),
  fc.record({ knob: fc.constant('space' as const), value: spaceArb }),
  fc.record({ knob: fc.constant('task-filter' as const), value: fc.boolean() }),
  fc.record({ knob: fc.constant('stack' as const), mode: stackModeArb, depth: depthArb }),
  fc.record({ knob: fc.constant('seed' as const), value: seedArb }),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: callArb.map((call): Op => ({ kind: 'call', ...call })), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant('set' as const), cap: capArb, setting: settingArb }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('fail-nth' as const), value: failNthArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('make-it-fail' as const), value: fc.constantFrom<0 | 1>(0, 1) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('child' as const),
      failNth: fc.option(failNthArb, { nil: undefined }),
      makeItFail: fc.option(fc.boolean(), { nil: undefined }),
      calls: fc.array(callArb, { maxLength: 4 }),
    }),
    weight: 1,
  },
);

// ---------------------------------------------------------------------------------------------
// Driving the implementation

/** Fault records the sink received since the last call. */
const records: VerboseRecord[] = [];

/** Every call to the implementation goes through here, so the stack patterns can name this frame. */
function specModelCallSite(attr: FaultAttr, size: number, api: Api): Decision | boolean {
  switch (api) {
    case 'decideFault':
      return decideFault(attr, size);
    case 'shouldFail':
      return shouldFail(attr, size);
    case 'shouldFailEx-nowarn':
      return shouldFailEx(attr, size, FAULT_NOWARN);
  }
}

function write(attr: FaultAttr, knob: string, value: string): void {
  debugfs.write(`${attr.name}/${knob}`, value);
}

function applySetting(attr: FaultAttr, model: ModelAttr, setting: Setting): void {
  switch (setting.knob) {
    case 'probability':
      write(attr, 'probability', String(setting.value));
      model.probability = setting.value;
      applySetting(attr, model, { knob: 'seed', value: setting.seed });
      return;
    case 'interval':
      write(attr, 'interval', String(setting.value));
      model.interval = setting.value;
      return;
    case 'times':
      write(attr, 'times', String(setting.value));
      model.times = setting.value;
      return;
    case 'space':
      write(attr, 'space', String(setting.value));
      model.space = setting.value;
      return;
    case 'task-filter':
      write(attr, 'task-filter', setting.value ? 'Y' : 'N');
      model.taskFilter = setting.value;
      return;
    case 'stack':
      write(attr, 'stacktrace-depth', String(setting.depth));
      write(attr, 'require-stack', setting.mode === 'require-caller' ? CALL_SITE : setting.mode === 'require-missing' ? MISSING_FRAME : '');
      write(attr, 'reject-stack', setting.mode === 'reject-caller' ? CALL_SITE : '');
      model.stack = setting.mode;
      model.depth = setting.depth;
      return;
    case 'seed':
      write(attr, 'seed', String(setting.value));
      reseed(model.generator, setting.value);
      return;
  }
}

function setUp(config: Config): { attr: FaultAttr; model: ModelAttr } {
  const attr = declareFaultAttr(uniqueName('spec-model'));
  const model: ModelAttr = {
    name: attr.name,
    probability: 0n,
    interval: 1n,
    times: 1,
    space: 0,
    taskFilter: false,
    stack: 'none',
    depth: 32,
    count: 0n,
    generator: newGenerator(),
  };
  // Probability first: its setting also writes the seed.
  applySetting(attr, model, { knob: 'probability', value: config.probability, seed: config.seed });
  applySetting(attr, model, { knob: 'interval', value: config.interval });
  applySetting(attr, model, { knob: 'times', value: config.times });
  applySetting(attr, model, { knob: 'space', value: config.space });
  applySetting(attr, model, { knob: 'task-filter', value: config.taskFilter });
  applySetting(attr, model, { knob: 'stack', mode: config.stack, depth: config.depth });
  return { attr, model };
}

/** Makes one call on both sides and compares the results and the verbose record. */
function compareCall(attr: FaultAttr, model: ModelAttr, task: ModelTask, call: Call, where: string): void {
  records.length = 0;
  const actual = specModelCallSite(attr, call.size, call.api);
  const expected = modelShouldFail(model, task, call.size);
  if (call.api === 'decideFault') {
    expect(actual, `${where}: decideFault(${attr.name}, ${call.size})`).to.equal(expected.decision);
  } else {
    expect(actual, `${where}: ${call.api}(${attr.name}, ${call.size}) [model: ${expected.decision}]`).to.equal(
      isModelFailure(expected.decision),
    );
  }
  const printed = records.filter((record) => record.kind === 'fault' && record.capability === attr.name).map((record) => record.text.split('\n')[1]);
  const expectedRecords = isModelFailure(expected.decision) && call.api !== 'shouldFailEx-nowarn' ? [expected.record] : [];
  expect(printed, `${where}: verbose records of ${attr.name}`).to.deep.equal(expectedRecords);
}

function compareState(attrs: readonly FaultAttr[], models: readonly ModelAttr[], task: ModelTask, where: string): void {
  attrs.forEach((attr, i) => {
    const model = models[i] as ModelAttr;
    expect(debugfs.read(`${attr.name}/times`), `${where}: ${attr.name}/times`).to.equal(`${model.times}\n`);
    expect(debugfs.read(`${attr.name}/space`), `${where}: ${attr.name}/space`).to.equal(`${model.space}\n`);
    expect(debugfs.read(`${attr.name}/probability`), `${where}: ${attr.name}/probability`).to.equal(`${model.probability}\n`);
    expect(debugfs.read(`${attr.name}/interval`), `${where}: ${attr.name}/interval`).to.equal(`${model.interval}\n`);
    expect(debugfs.read(`${attr.name}/task-filter`), `${where}: ${attr.name}/task-filter`).to.equal(model.taskFilter ? 'Y\n' : 'N\n');
  });
  expect(procfs.read('self/fail-nth'), `${where}: self/fail-nth`).to.equal(`${task.failNth}\n`);
  expect(procfs.read('self/make-it-fail'), `${where}: self/make-it-fail`).to.equal(`${task.makeItFail}\n`);
}

/** One run: two capabilities, one task, a sequence of operations; model and implementation in step. */
function runScenario(configs: readonly Config[], initialTask: ModelTask, ops: readonly Op[]): void {
  runTask(
    () => {
      const set = configs.map(setUp);
      const attrs = set.map((s) => s.attr);
      const models = set.map((s) => s.model);
      const task: ModelTask = { failNth: 0, makeItFail: 0 };
      procfs.write('self/make-it-fail', String(initialTask.makeItFail));
      task.makeItFail = initialTask.makeItFail;
      procfs.write('self/fail-nth', String(initialTask.failNth));
      task.failNth = initialTask.failNth;
      compareState(attrs, models, task, 'initially');

      ops.forEach((op, step) => {
        const where = `step ${step} (${op.kind})`;
        switch (op.kind) {
          case 'call':
            compareCall(attrs[op.cap] as FaultAttr, models[op.cap] as ModelAttr, task, op, where);
            break;
          case 'set':
            applySetting(attrs[op.cap] as FaultAttr, models[op.cap] as ModelAttr, op.setting);
            break;
          case 'fail-nth':
            procfs.write('self/fail-nth', String(op.value));
            task.failNth = op.value;
            break;
          case 'make-it-fail':
            procfs.write('self/make-it-fail', String(op.value));
            task.makeItFail = op.value;
            break;
          case 'child': {
            // A new task: fail-nth 0 unless armed, make-it-fail inherited unless given.
            const child: ModelTask = {
              failNth: op.failNth ?? 0,
              makeItFail: op.makeItFail === undefined ? task.makeItFail : op.makeItFail ? 1 : 0,
            };
            const options: TaskOptions = {
              ...(op.failNth === undefined ? {} : { failNth: op.failNth }),
              ...(op.makeItFail === undefined ? {} : { makeItFail: op.makeItFail }),
            };
            runTask(() => {
              compareState(attrs, models, child, `${where}, child start`);
              op.calls.forEach((call, i) => {
                compareCall(attrs[call.cap] as FaultAttr, models[call.cap] as ModelAttr, child, call, `${where}, child call ${i}`);
                compareState(attrs, models, child, `${where}, child call ${i}`);
              });
            }, options);
            break;
          }
        }
        compareState(attrs, models, task, where);
      });
    },
    { makeItFail: false },
  );
}

describe('should_fail (model of kernel-semantics.md §2)', () => {
  useVerboseSink((record) => {
    records.push(record);
  }, 'all');

  describe('when knobs, fail-nth and make-it-fail vary at random', () => {
    it('should decide every call as the model does and leave the same knobs behind', () => {
      fc.assert(
        fc.property(
          fc.array(configArb, { minLength: 2, maxLength: 2 }),
          fc.record({ failNth: failNthArb, makeItFail: fc.constantFrom<0 | 1>(0, 1) }),
          fc.array(opArb, { maxLength: 40, size: 'max' }),
          (configs, initialTask, ops) => runScenario(configs, initialTask, ops),
        ),
        { numRuns: 400 },
      );
    });
  });

  describe('when only calls vary, with probabilities 1..99', () => {
    it('should draw a roll exactly at the probability step, in step with the model', () => {
      const rolling = configArb.map((config) => ({ ...config, stack: 'none' as const, depth: 32 }));
      const rollingProbability = fc.bigInt({ min: 1n, max: 99n });
      fc.assert(
        fc.property(
          fc.tuple(rolling, rolling),
          fc.tuple(rollingProbability, rollingProbability),
          fc.array(callArb, { minLength: 1, maxLength: 60, size: 'max' }),
          ([c0, c1], [p0, p1], calls) =>
            runScenario(
              [
                { ...c0, probability: p0 },
                { ...c1, probability: p1 },
              ],
              { failNth: 0, makeItFail: 1 },
              calls.map((call): Op => ({ kind: 'call', ...call })),
            ),
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('when the model is checked against itself on the test vectors', () => {
    it('should give F T F T F T for interval 2 and F F T T for space 10 with sizes 4 (vectors 2 and 13)', () => {
      // A sanity check of the model, so that agreement with it means something.
      const attr = (overrides: Partial<ModelAttr>): ModelAttr => ({
        name: 'model',
        probability: 100n,
        interval: 1n,
        times: -1,
        space: 0,
        taskFilter: false,
        stack: 'none',
        depth: 32,
        count: 0n,
        generator: newGenerator(),
        ...overrides,
      });
      const task: ModelTask = { failNth: 0, makeItFail: 0 };
      const interval2 = attr({ interval: 2n });
      const space10 = attr({ space: 10 });

      const byInterval = [1, 1, 1, 1, 1, 1].map((size) => (isModelFailure(modelShouldFail(interval2, task, size).decision) ? 'T' : 'F'));
      const bySpace = [4, 4, 4, 4].map((size) => (isModelFailure(modelShouldFail(space10, task, size).decision) ? 'T' : 'F'));

      expect(byInterval.join(' ')).to.equal('F T F T F T');
      expect(interval2.count).to.equal(6n);
      expect(bySpace.join(' ')).to.equal('F F T T');
      expect(space10.space).to.equal(2);
    });
  });
});
