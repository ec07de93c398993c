import { relative } from 'node:path';
import { expect } from 'chai';
import {
  AllowErrorInjection,
  allowErrorInjection,
  applyBootConfig,
  debugfs,
  declareFaultAttr,
  EI_TYPE_ERRNO,
  ErrInjectError,
  errno,
  procfs,
  runTask,
  shouldFail,
  sweep,
  sweepSync,
  type SweepRun,
} from '../../src/index';
import { state } from '../../src/state/sharedState';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { sleep } from '../support/timers';
import { here } from '../report/here';
import { makeStore, type Store } from './fixtures';

const uniqueName = uniqueNames('sweep-test');

/** The knobs a sweep sets, read before and compared after. */
const KNOBS = ['probability', 'interval', 'times', 'space', 'verbose', 'task-filter', 'require-stack'];

function readKnobs(): string[] {
  return KNOBS.map((knob) => debugfs.read(`fail_function/${knob}`));
}

/** The seed program's shape: each step checks its call, and the last step forgets to. */
function openAndAlloc(store: Store): number {
  const fd = store.open('/data');
  if (fd < 0) return fd;
  const buffer = store.alloc(16);
  if (buffer === null) return -errno.ENOMEM;
  return fd + buffer.length;
}

async function catchRejection(promise: Promise<unknown>): Promise<ErrInjectError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.an.instanceOf(ErrInjectError);
    return error as ErrInjectError;
  }
  throw new Error('expected the promise to reject');
}

function summary(runs: readonly SweepRun<unknown>[]): string[] {
  return runs.map((run) => `${run.n} ${run.injected ? (run.function ?? run.capability) : '-'} ${run.outcome.kind} ${run.faults}`);
}

describe('sweep', () => {
  afterEach(() => {
    // Nothing a sweep armed stays armed.
    expect(debugfs.read('fail_function/inject')).to.equal('');
  });

  describe('when the function is synchronous', () => {
    it('should fail each call in turn, in its own task, and stop at the first run that injects nothing', () => {
      // Arrange
      const store = makeStore('once');

      // Act
      const report = sweepSync(() => openAndAlloc(store), { inject: [store.names.open, store.names.alloc] });

      // Assert
      expect(report.mode).to.equal('once');
      expect(report.inject).to.deep.equal([store.names.open, store.names.alloc]);
      expect(report.complete).to.equal(true);
      expect(report.faultPoints).to.equal(2);
      expect(report.runs.map((run) => [run.n, run.injected, run.capability, run.function, run.faults])).to.deep.equal([
        [1, true, 'fail_function', store.names.open, 1],
        [2, true, 'fail_function', store.names.alloc, 1],
        [3, false, undefined, undefined, 0],
      ]);
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([
        { kind: 'returned', value: -errno.EINVAL },
        { kind: 'returned', value: -errno.ENOMEM },
        { kind: 'returned', value: 5 + 16 },
      ]);
      // The failed calls did not run their bodies.
      expect(store.ran).to.deep.equal(['open', 'open', 'alloc']);
    });

    it("should name the caller's call site of the call that failed", () => {
      // Arrange
      const store = makeStore('site');
      const options = { inject: [store.names.open, store.names.alloc] };
      let at = { file: '', line: 0 };

      // Act
      const report = sweepSync(() => {
        at = here();
        store.open('/a');
        return store.alloc(1);
      }, options);

      // Assert
      const [first, second, last] = report.runs;
      // The site is named relative to the working directory, as the test file lies under it.
      const file = relative(process.cwd(), at.file);
      expect(file.startsWith('..')).to.equal(false);
      expect(first?.site).to.match(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${at.line + 1}:\\d+$`));
      expect(second?.site).to.match(new RegExp(`:${at.line + 2}:\\d+$`));
      expect(second?.site?.startsWith(file)).to.equal(true);
      expect(last?.site).to.equal(undefined);
    });

    it("should name the caller's call site of a method that failed", () => {
      // Arrange
      const name = uniqueName('site-method');
      class Files {
        @AllowErrorInjection(EI_TYPE_ERRNO, { name })
        static open(path: string): number {
          return path.length;
        }
      }
      let at = { file: '', line: 0 };

      // Act
      const report = sweepSync(() => {
        at = here();
        return Files.open('/x');
      }, { inject: [name] });

      // Assert
      expect(report.runs.map((run) => run.site)).to.deep.equal([`${relative(process.cwd(), at.file)}:${at.line + 1}:22`, undefined]);
    });

    it('should record a throw as the run\'s outcome and go on (the crash on an error path it exists to find)', () => {
      // Arrange
      const store = makeStore('throw');

      // Act
      const report = sweepSync(
        () => {
          const buffer = store.alloc(8) as Buffer; // the bug: no null check
          return buffer.length;
        },
        { inject: [store.names.alloc] },
      );

      // Assert
      expect(summary(report.runs)).to.deep.equal([`1 ${store.names.alloc} threw 1`, '2 - returned 0']);
      const outcome = report.runs[0]?.outcome;
      expect(outcome?.kind).to.equal('threw');
      expect(outcome?.kind === 'threw' && outcome.error).to.be.an.instanceOf(TypeError);
    });

    it("should count calls of other capabilities in the run's task, as fail-nth does in the kernel", () => {
      // Arrange
      const store = makeStore('capability');
      const slab = declareFaultAttr(uniqueName('slab'), { verbose: 0 });

      // Act
      const report = sweepSync(
        () => {
          if (shouldFail(slab)) return 'slab';
          return store.open('/x') < 0 ? 'open' : 'ok';
        },
        { inject: [store.names.open] },
      );

      // Assert
      expect(report.runs.map((run) => [run.capability, run.function, run.outcome])).to.deep.equal([
        [slab.name, undefined, { kind: 'returned', value: 'slab' }],
        ['fail_function', store.names.open, { kind: 'returned', value: 'open' }],
        [undefined, undefined, { kind: 'returned', value: 'ok' }],
      ]);
      expect(report.runs[0]?.site).to.match(/sweep\.test\.ts:\d+:\d+$/);
    });

    it('should leave calls of functions it does not arm alone', () => {
      // Arrange
      const store = makeStore('restricted');

      // Act
      const report = sweepSync(() => openAndAlloc(store), { inject: [store.names.alloc] });

      // Assert
      expect(summary(report.runs)).to.deep.equal([`1 ${store.names.alloc} returned 1`, '2 - returned 0']);
    });

    it('should not count calls made in tasks the function starts, which begin with fail-nth 0 as after fork', () => {
      // Arrange
      const store = makeStore('subtask');

      // Act
      const report = sweepSync(
        () => {
          const inner = runTask(() => store.open('/inner'));
          return [inner, store.open('/outer')];
        },
        { inject: [store.names.open] },
      );

      // Assert
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([
        { kind: 'returned', value: [6, -errno.EINVAL] },
        { kind: 'returned', value: [6, 6] },
      ]);
    });

    it("should run each n in a task whose self/fail-nth counts down from n, and leave the caller's task alone", () => {
      // Arrange
      const store = makeStore('procfs');

      // Act
      const report = sweepSync(
        () => {
          const before = procfs.read('self/fail-nth');
          store.open('/x');
          return `${before.trim()}/${procfs.read('self/fail-nth').trim()}`;
        },
        { inject: [store.names.open] },
      );

      // Assert
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([
        { kind: 'returned', value: '1/0' },
        { kind: 'returned', value: '2/1' },
      ]);
      expect(procfs.read('self/fail-nth')).to.equal('0\n');
    });

    it('should fail with the retval it is given, in any form the retval file takes', () => {
      // Arrange
      const store = makeStore('retval');

      // Act
      const named = sweepSync(() => store.open('/x'), { inject: [store.names.open], retval: { [store.names.open]: '-ENOSPC' } });
      const numbered = sweepSync(() => store.open('/x'), { inject: [store.names.open], retval: { [store.names.open]: -5 } });

      // Assert
      expect(named.runs[0]?.outcome).to.deep.equal({ kind: 'returned', value: -errno.ENOSPC });
      expect(numbered.runs[0]?.outcome).to.deep.equal({ kind: 'returned', value: -5 });
    });

    it('should stop at max, and say that it is not complete', () => {
      // Arrange
      const store = makeStore('max');

      // Act
      const report = sweepSync(() => [store.open('a'), store.open('b'), store.open('c')], { inject: [store.names.open], max: 2 });

      // Assert
      expect(report.complete).to.equal(false);
      expect(report.faultPoints).to.equal(2);
      expect(report.runs.map((run) => run.n)).to.deep.equal([1, 2]);
    });

    it('should report a function with no fault point as complete after one run', () => {
      // Arrange
      const store = makeStore('none');

      // Act
      const report = sweepSync(() => 42, { inject: [store.names.open] });

      // Assert
      expect(report).to.deep.equal({
        mode: 'once',
        inject: [store.names.open],
        shard: undefined,
        runs: [{ n: 1, injected: false, capability: undefined, function: undefined, site: undefined, faults: 0, outcome: { kind: 'returned', value: 42 } }],
        faultPoints: 0,
        complete: true,
      });
    });
  });

  describe("when the mode is 'persist'", () => {
    it('should fail the n-th call and every later call of an armed function in the run', () => {
      // Arrange
      const store = makeStore('persist');

      // Act
      const report = sweepSync(() => [store.open('a'), store.open('b'), store.alloc(1), store.open('c')], {
        mode: 'persist',
        inject: [store.names.open, store.names.alloc],
      });

      // Assert
      expect(report.mode).to.equal('persist');
      expect(report.runs.map((run) => [run.n, run.function, run.faults, run.outcome])).to.deep.equal([
        [1, store.names.open, 4, { kind: 'returned', value: [-22, -22, null, -22] }],
        [2, store.names.open, 3, { kind: 'returned', value: [1, -22, null, -22] }],
        [3, store.names.alloc, 2, { kind: 'returned', value: [1, 1, null, -22] }],
        [4, store.names.open, 1, { kind: 'returned', value: [1, 1, Buffer.alloc(1), -22] }],
        [5, undefined, 0, { kind: 'returned', value: [1, 1, Buffer.alloc(1), 1] }],
      ]);
    });

    it('should fail later calls of the run only: another task and the root task meanwhile run', async () => {
      // Arrange
      const store = makeStore('persist-other');
      const outside: number[] = [];
      let running = true;
      const background = runTask(async () => {
        while (running) {
          outside.push(store.open('task'));
          await sleep(1);
        }
      });
      const timer = setInterval(() => outside.push(store.open('root')), 1);

      // Act
      const report = await sweep(
        async () => {
          const first = store.open('a');
          await sleep(3);
          return [first, store.open('b')];
        },
        { mode: 'persist', inject: [store.names.open] },
      );
      running = false;
      clearInterval(timer);
      await background;

      // Assert
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([
        { kind: 'returned', value: [-22, -22] },
        { kind: 'returned', value: [1, -22] },
        { kind: 'returned', value: [1, 1] },
      ]);
      expect(outside.filter((fd) => fd === 4).length).to.be.greaterThan(2);
      expect(outside.every((fd) => fd === 4)).to.equal(true);
      expect(store.open('after')).to.equal(5);
    });

    it('should fail the calls of tasks the run starts after its n-th call, which inherit make-it-fail as after fork', () => {
      // Arrange
      const store = makeStore('persist-fork');

      // Act
      const report = sweepSync(() => [runTask(() => store.open('before')), store.open('nth'), runTask(() => store.open('after'))], {
        mode: 'persist',
        inject: [store.names.open],
      });

      // Assert
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([
        { kind: 'returned', value: [6, -22, -22] },
        { kind: 'returned', value: [6, 3, 5] },
      ]);
    });
  });

  describe('when the function is async', () => {
    it('should await each run, count its calls across awaits, and record rejections', async () => {
      // Arrange
      const store = makeStore('async');

      // Act
      const report = await sweep(
        async () => {
          await sleep(1);
          const fd = store.open('/x');
          await Promise.resolve();
          const buffer = store.alloc(4);
          if (buffer === null) throw new Error(`alloc failed after fd ${fd}`);
          return fd;
        },
        { inject: [store.names.open, store.names.alloc] },
      );

      // Assert
      expect(report.complete).to.equal(true);
      expect(report.runs.map((run) => [run.function, run.outcome.kind])).to.deep.equal([
        [store.names.open, 'returned'],
        [store.names.alloc, 'threw'],
        [undefined, 'returned'],
      ]);
      const threw = report.runs[1]?.outcome;
      expect(threw?.kind === 'threw' && (threw.error as Error).message).to.equal('alloc failed after fd 2');
    });

    it("should name the caller's call site of a call made after an await", async () => {
      // Arrange
      const store = makeStore('async-site');
      let at = { file: '', line: 0 };

      // Act
      const report = await sweep(
        async () => {
          await sleep(1);
          at = here();
          return store.open('/x');
        },
        { inject: [store.names.open] },
      );

      // Assert
      expect(report.runs.map((run) => run.site)).to.deep.equal([`${relative(process.cwd(), at.file)}:${at.line + 1}:24`, undefined]);
    });

    it('should go on asynchronously when a run turns out async after synchronous ones', async () => {
      // Arrange
      const store = makeStore('mixed');

      // Act
      const report = await sweep(
        () => {
          if (store.open('a') < 0) return 'sync';
          return Promise.resolve(store.open('b')).then((fd) => (fd < 0 ? 'async' : 'done'));
        },
        { inject: [store.names.open], max: 5 },
      );

      // Assert
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([
        { kind: 'returned', value: 'sync' },
        { kind: 'returned', value: 'async' },
        { kind: 'returned', value: 'done' },
      ]);
    });

    it('should stop at max when the runs are async', async () => {
      // Arrange
      const store = makeStore('async-max');

      // Act
      const report = await sweep(async () => [store.open('a'), store.open('b'), store.open('c')], { inject: [store.names.open], max: 2 });

      // Assert
      expect(report.complete).to.equal(false);
      expect(report.runs.length).to.equal(2);
    });

    it('should give a synchronous function a promise of the report too', async () => {
      // Arrange
      const store = makeStore('sync-in-sweep');

      // Act
      const pending = sweep(() => store.open('x'), { inject: [store.names.open] });

      // Assert
      expect(pending).to.be.an.instanceOf(Promise);
      expect((await pending).faultPoints).to.equal(1);
    });

    it('should leave the calls outside the run alone meanwhile (root task, other tasks)', async () => {
      // Arrange
      const store = makeStore('concurrent');
      const outside: number[] = [];
      const timer = setInterval(() => outside.push(store.open('root')), 1);

      // Act
      const report = await sweep(
        async () => {
          await sleep(3);
          const a = store.open('a');
          await sleep(3);
          return [a, store.open('b')];
        },
        { inject: [store.names.open] },
      );
      clearInterval(timer);
      const [other] = await Promise.all([runTask(async () => store.open('task'))]);

      // Assert
      expect(report.faultPoints).to.equal(2);
      expect(outside.length).to.be.greaterThan(0);
      expect(outside.every((fd) => fd === 4)).to.equal(true);
      expect(other).to.equal(4);
    });
  });

  describe('when a check is given', () => {
    it('should call it after each run, outside the run, with the run', () => {
      // Arrange
      const store = makeStore('check');
      const seen: string[] = [];

      // Act
      sweepSync(() => openAndAlloc(store), {
        inject: [store.names.open, store.names.alloc],
        check: (run) => {
          seen.push(`${run.n} ${run.function ?? '-'} ${run.outcome.kind} ${procfs.read('self/fail-nth').trim()} ${store.open('c')}`);
        },
      });

      // Assert
      expect(seen).to.deep.equal([`1 ${store.names.open} returned 0 1`, `2 ${store.names.alloc} returned 0 1`, '3 - returned 0 1']);
    });

    it("should record a throw of the check as the run's outcome, keeping what the function did", () => {
      // Arrange
      const store = makeStore('check-throws');
      const broken = new Error('invariant broken');

      // Act
      const report = sweepSync(() => openAndAlloc(store), {
        inject: [store.names.open, store.names.alloc],
        check: (run) => {
          if (run.function === store.names.alloc) throw broken;
        },
      });

      // Assert
      expect(report.complete).to.equal(true);
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([
        { kind: 'returned', value: -22 },
        { kind: 'check-failed', error: broken, result: { kind: 'returned', value: -errno.ENOMEM } },
        { kind: 'returned', value: 21 },
      ]);
    });

    it('should await an async check, and record its rejection', async () => {
      // Arrange
      const store = makeStore('check-async');
      const broken = new Error('leak');

      // Act
      const report = await sweep(() => openAndAlloc(store), {
        inject: [store.names.open, store.names.alloc],
        check: async (run) => {
          await sleep(1);
          if (run.n === 1) throw broken;
        },
      });

      // Assert
      expect(report.runs.map((run) => run.outcome.kind)).to.deep.equal(['check-failed', 'returned', 'returned']);
    });
  });

  describe('when it is done', () => {
    it('should put back the armed set in its order with its retvals, and the knobs', () => {
      // Arrange
      const store = makeStore('restore');
      const other = makeStore('restore-other');
      debugfs.write('fail_function/inject', other.names.alloc);
      debugfs.write('fail_function/inject', store.names.open);
      debugfs.write('fail_function/inject', other.names.open);
      debugfs.write(`fail_function/${store.names.open}/retval`, '-EIO');
      debugfs.write(`fail_function/${other.names.open}/retval`, '-EAGAIN');
      debugfs.write('fail_function/probability', '7');
      debugfs.write('fail_function/interval', '3');
      debugfs.write('fail_function/times', '5');
      debugfs.write('fail_function/space', '2');
      debugfs.write('fail_function/verbose', '1');
      debugfs.write('fail_function/task-filter', 'Y');
      const knobs = readKnobs();
      const inject = debugfs.read('fail_function/inject');

      try {
        // Act
        const report = sweepSync(() => openAndAlloc(store), { mode: 'persist', inject: [store.names.open, store.names.alloc] });

        // Assert
        expect(report.runs[0]?.outcome).to.deep.equal({ kind: 'returned', value: -errno.EINVAL });
        expect(debugfs.read('fail_function/inject')).to.equal(inject);
        expect(debugfs.read(`fail_function/${store.names.open}/retval`)).to.equal('-5\n');
        expect(debugfs.read(`fail_function/${other.names.open}/retval`)).to.equal('-11\n');
        expect(readKnobs()).to.deep.equal(knobs);
      } finally {
        debugfs.write('fail_function/inject', '');
        for (const [knob, value] of [['probability', '0'], ['interval', '1'], ['times', '1'], ['space', '0'], ['verbose', '2'], ['task-filter', 'N']]) {
          debugfs.write(`fail_function/${knob as string}`, value as string);
        }
      }
    });

    it('should put back all it can when a method cannot be armed again (its class was frozen meanwhile), then throw', () => {
      // Arrange
      const name = uniqueName('frozen');
      class Frozen {
        @AllowErrorInjection(EI_TYPE_ERRNO, { name })
        static open(): number {
          return 1;
        }
      }
      const store = makeStore('frozen-other');
      debugfs.write('fail_function/inject', name);
      debugfs.write('fail_function/inject', store.names.open);
      const knobs = readKnobs();

      // Act
      const error = catchErrInject(() =>
        sweepSync(
          () => {
            Object.freeze(Frozen);
            return Frozen.open();
          },
          { inject: [] },
        ),
      );

      // Assert
      expect(error.code).to.equal('EPERM');
      expect(error.message).to.equal(`cannot arm ${name}: its class cannot be changed (it is frozen or the method is not configurable)`);
      expect(debugfs.read('fail_function/inject')).to.equal(`${store.names.open}\n`);
      expect(readKnobs()).to.deep.equal(knobs);
      debugfs.write('fail_function/inject', '');
    });

    it('should put everything back when a retval is refused, before any run', () => {
      // Arrange
      const store = makeStore('restore-refused');
      const knobs = readKnobs();
      let runs = 0;

      // Act
      const error = catchErrInject(() =>
        sweepSync(
          () => {
            runs++;
          },
          { inject: [store.names.open], retval: { [store.names.open]: 7 } },
        ),
      );

      // Assert
      expect(error.code).to.equal('EINVAL');
      expect(error.path).to.equal(`fail_function/${store.names.open}/retval`);
      expect(runs).to.equal(0);
      expect(readKnobs()).to.deep.equal(knobs);
    });

    it('should put everything back when sweepSync refuses an async function', () => {
      // Arrange
      const store = makeStore('restore-async');
      const knobs = readKnobs();

      // Act
      const error = catchErrInject(() => sweepSync(async () => store.open('x'), { inject: [store.names.open] }));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.equal(
        'sweepSync: fn returned a promise at n=1; sweepSync runs synchronous functions only: use sweep, which awaits them',
      );
      expect(readKnobs()).to.deep.equal(knobs);
    });

    it('should refuse an async check in sweepSync', () => {
      // Arrange
      const store = makeStore('sync-async-check');

      // Act
      const error = catchErrInject(() =>
        sweepSync(() => store.open('x'), { inject: [store.names.open], check: (() => Promise.reject(new Error('x'))) as () => void }),
      );

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.contain('options.check returned a promise at n=1');
    });

    it("should leave the tasks' async context disabled, as the last task to end does, after a sync and an async sweep", async () => {
      // Arrange
      const store = makeStore('als');
      const enabled = (): boolean => (state.als as unknown as { enabled?: boolean } | undefined)?.enabled === true;

      // Act
      const during: boolean[] = [];
      sweepSync(() => during.push(enabled()), { inject: [store.names.open] });
      const afterSync = enabled();
      await sweep(async () => during.push(enabled()), { inject: [store.names.open] });

      // Assert
      expect(during).to.deep.equal([true, true]);
      expect([afterSync, enabled(), state.activeTasks]).to.deep.equal([false, false, 0]);
    });

    it('should allow another sweep afterwards, also after a refused one', async () => {
      // Arrange
      const store = makeStore('again');
      catchErrInject(() => sweepSync(async () => 1, { inject: [store.names.open] }));

      // Act
      const report = await sweep(() => store.open('x'), { inject: [store.names.open] });

      // Assert
      expect(report.faultPoints).to.equal(1);
    });
  });

  describe('when another sweep is running', () => {
    it('should refuse one started inside it with EBUSY, from its function or its check', async () => {
      // Arrange
      const store = makeStore('busy');
      const inner: string[] = [];
      const tryBoth = (): void => {
        inner.push(catchErrInject(() => sweepSync(() => 0, { inject: [] })).message);
        const nested = sweep(() => 0, { inject: [] });
        nested.catch((error: unknown) => inner.push((error as ErrInjectError).message));
      };

      // Act
      const first = await sweep(
        async () => {
          tryBoth();
          await sleep(1);
          return store.open('x');
        },
        { inject: [store.names.open], check: tryBoth },
      );
      await sleep(1);

      // Assert
      expect(first.faultPoints).to.equal(1);
      const busy = 'another sweep is running in this process; a sweep takes fail_function over, so sweeps run one at a time, and';
      const own = `sweep: ${busy} this one was started by one of its runs (or its check) and would wait for itself: sweep one function at a time, not inside another sweep`;
      const sync = `sweepSync: ${busy} sweepSync cannot wait for it to end: await sweep(...) instead, which waits its turn`;
      expect(inner.sort()).to.deep.equal([own, own, own, own, sync, sync, sync, sync]);
    });

    it('should run one started beside it once it ended, and the next ones in the order they asked (node:test runs async describe bodies that way)', async () => {
      // Arrange
      const store = makeStore('queued');
      const order: string[] = [];
      const swept = (label: string) => async (): Promise<number> => {
        order.push(`${label} starts`);
        await sleep(1);
        const fd = store.open(label);
        order.push(`${label} ends`);
        return fd;
      };

      // Act
      const reports = await Promise.all(['a', 'b', 'c'].map((label) => sweep(swept(label), { inject: [store.names.open] })));

      // Assert
      expect(reports.map((report) => [report.faultPoints, report.complete, report.runs.map((run) => run.outcome)])).to.deep.equal(
        ['a', 'b', 'c'].map(() => [1, true, [{ kind: 'returned', value: -errno.EINVAL }, { kind: 'returned', value: 1 }]]),
      );
      expect(order).to.deep.equal(['a', 'b', 'c'].flatMap((label) => [`${label} starts`, `${label} ends`, `${label} starts`, `${label} ends`]));
      expect(debugfs.read('fail_function/inject')).to.equal('');
    });

    it('should let the next one run when the one before cannot put everything back', async () => {
      // Arrange: the first sweep's class is frozen while it runs, so that its restore throws
      const name = uniqueName('frozen-queued');
      class Frozen {
        @AllowErrorInjection(EI_TYPE_ERRNO, { name })
        static open(): number {
          return 1;
        }
      }
      const store = makeStore('after-frozen');
      debugfs.write('fail_function/inject', name);
      const first = sweep(
        async () => {
          await sleep(1);
          Object.freeze(Frozen);
          return Frozen.open();
        },
        { inject: [] },
      );

      // Act
      const next = sweep(() => store.open('x'), { inject: [store.names.open] });
      const error = await catchRejection(first);
      const outcome = await Promise.race([next, sleep(2000).then(() => 'still waiting after 2 s' as const)]);
      debugfs.write('fail_function/inject', '');

      // Assert
      expect(error.code).to.equal('EPERM');
      expect(typeof outcome === 'string' ? outcome : outcome.faultPoints).to.equal(1);
    });

    it('should let the next one run when one that waited fails to start', async () => {
      // Arrange
      const store = makeStore('failstart');
      const first = sweep(async () => sleep(1).then(() => store.open('x')), { inject: [store.names.open] });

      // Act
      const bad = sweep(() => 0, { inject: [store.names.open], retval: { [store.names.open]: '-EWHAT' } });
      const next = sweep(() => store.open('y'), { inject: [store.names.open] });

      // Assert
      expect((await catchRejection(bad)).code).to.equal('EINVAL');
      expect((await next).faultPoints).to.equal(1);
      expect((await first).faultPoints).to.equal(1);
    });
  });

  describe('when the options are bad', () => {
    const cases: ReadonlyArray<readonly [string, () => unknown, string, string]> = [
      ['fn is no function', () => sweepSync(42 as unknown as () => void), 'ERR_INVALID_ARG_TYPE', 'sweepSync: fn must be a function, got number 42'],
      ['options is no object', () => sweepSync(() => 0, null as unknown as object), 'ERR_INVALID_ARG_TYPE', 'sweepSync: options must be an object, got null'],
      [
        'an option is unknown',
        () => sweepSync(() => 0, { nth: 3 } as object),
        'ERR_INVALID_ARG_VALUE',
        'sweepSync: unknown option nth; accepted: mode, inject, retval, max, shard, check',
      ],
      [
        'mode is unknown',
        () => sweepSync(() => 0, { mode: 'always' as 'once' }),
        'ERR_INVALID_ARG_VALUE',
        `sweepSync: options.mode must be 'once' or 'persist', got "always"`,
      ],
      [
        'max is 0',
        () => sweepSync(() => 0, { max: 0 }),
        'ERR_INVALID_ARG_VALUE',
        'sweepSync: options.max must be an integer from 1 to 4294967295 (the range of fail-nth), got number 0',
      ],
      ['max is no integer', () => sweepSync(() => 0, { max: 1.5 }), 'ERR_INVALID_ARG_VALUE', 'sweepSync: options.max must be an integer from 1 to 4294967295 (the range of fail-nth), got number 1.5'],
      ['max is past fail-nth', () => sweepSync(() => 0, { max: 2 ** 32 }), 'ERR_INVALID_ARG_VALUE', 'sweepSync: options.max must be an integer from 1 to 4294967295 (the range of fail-nth), got number 4294967296'],
      ['check is no function', () => sweepSync(() => 0, { check: 'x' as unknown as () => void }), 'ERR_INVALID_ARG_TYPE', 'sweepSync: options.check must be a function, got "x"'],
      ['inject is no array', () => sweepSync(() => 0, { inject: 'open' as unknown as string[] }), 'ERR_INVALID_ARG_TYPE', 'sweepSync: options.inject must be an array of function names, got "open"'],
      ['inject holds a number', () => sweepSync(() => 0, { inject: [1 as unknown as string] }), 'ERR_INVALID_ARG_TYPE', 'sweepSync: options.inject must hold strings (function names), got number 1'],
      ['retval is no object', () => sweepSync(() => 0, { inject: [], retval: [] as unknown as Record<string, number> }), 'ERR_INVALID_ARG_TYPE', 'sweepSync: options.retval must be an object from function names to retvals, got an array'],
      [
        'retval names a function the sweep does not arm',
        () => sweepSync(() => 0, { inject: [], retval: { other: -1 } }),
        'ERR_INVALID_ARG_VALUE',
        'sweepSync: options.retval names "other", which this sweep does not arm; it arms nothing',
      ],
    ];
    for (const [when, call, code, message] of cases) {
      it(`should refuse it when ${when}`, () => {
        // Act
        const error = catchErrInject(call);

        // Assert
        expect(error.code).to.equal(code);
        expect(error.message).to.equal(message);
      });
    }

    it('should refuse a name that is no error-injectable function, naming the ones that are', () => {
      // Arrange
      const store = makeStore('bad-name');

      // Act
      const error = catchErrInject(() => sweepSync(() => 0, { inject: [store.names.open, 'Nope.open'] }));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.match(/^sweepSync: options\.inject names "Nope\.open", which is no error-injectable function; fail_function\/injectable lists \d+: /);
    });

    it('should refuse a retval that is neither an integer nor a string', () => {
      // Arrange
      const store = makeStore('bad-retval');

      // Act
      const error = catchErrInject(() => sweepSync(() => 0, { inject: [store.names.open], retval: { [store.names.open]: -1.5 } }));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
      expect(error.message).to.equal(`sweepSync: options.retval.${store.names.open} must be an integer or a string such as '-ENOMEM', got number -1.5`);
    });

    it('should reject, not throw, from sweep', async () => {
      // Act
      const error = await catchRejection(sweep(() => 0, { max: -1 }));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_VALUE');
      expect(error.message).to.match(/^sweep: options\.max/);
    });
  });

  describe('when a marked function is armed through applyBootConfig meanwhile', () => {
    it('should leave it as the sweep found it: disarmed', () => {
      // Arrange
      const name = uniqueName('boot');
      const fn = allowErrorInjection(EI_TYPE_ERRNO, (): number => 1, { name });

      // Act
      const report = sweepSync(
        () => {
          applyBootConfig(`fail_function/inject=${name}`, () => {});
          return fn();
        },
        { inject: [], max: 3 },
      );

      // Assert
      expect(report.runs.map((run) => run.outcome)).to.deep.equal([{ kind: 'returned', value: -22 }, { kind: 'returned', value: 1 }]);
      expect(debugfs.read('fail_function/inject')).to.equal('');
    });
  });
});
