import { expect } from 'chai';
import * as diagnosticsChannel from 'node:diagnostics_channel';
import { EventEmitter } from 'node:events';
import {
  declareFaultAttr,
  ErrInjectError,
  FAULT_CHANNEL,
  type FaultAttr,
  type FaultEvent,
  procfs,
  runTask,
  shouldFail,
} from '../../src/index';
import { state } from '../../src/state/sharedState';
import { uniqueNames } from '../support/names';
import { silenceVerbose } from '../support/sink';
import { sleep } from '../support/timers';

const uniqueName = uniqueNames('task-runTask');

/** A capability that never fails by probability, so that only fail-nth can fail its calls. */
function nthOnlyAttr(label: string): FaultAttr {
  return declareFaultAttr(uniqueName(label), { probability: 0, times: -1, verbose: 0 });
}

function readFailNth(): string {
  return procfs.read('self/fail-nth');
}

function readMakeItFail(): string {
  return procfs.read('self/make-it-fail');
}

/** Whether the AsyncLocalStorage behind tasks is enabled (Node's `enabled` field, present on Node 20). */
function alsEnabled(): boolean {
  const als = state.als as unknown as { enabled?: boolean } | undefined;
  return als?.enabled === true;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** A small seeded generator (mulberry32), so that the "random" schedules repeat run to run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('runTask', () => {
  silenceVerbose('each');

  afterEach(() => {
    // Leave the root task as every test found it.
    procfs.write('self/fail-nth', '0');
    procfs.write('self/make-it-fail', '0');
  });

  describe('when a task starts', () => {
    it('should start with fail-nth 0 even when the current task is armed', () => {
      // Arrange
      procfs.write('self/fail-nth', '5');

      // Act
      const inside = runTask(() => readFailNth());

      // Assert
      expect(inside).to.equal('0\n');
      expect(readFailNth()).to.equal('5\n');
    });

    it('should inherit make-it-fail 1 from the current task', () => {
      // Arrange
      procfs.write('self/make-it-fail', '1');

      // Act
      const inside = runTask(() => readMakeItFail());

      // Assert
      expect(inside).to.equal('1\n');
    });

    it('should inherit make-it-fail 0 from the current task', () => {
      // Arrange
      procfs.write('self/make-it-fail', '0');

      // Act
      const inside = runTask(() => readMakeItFail());

      // Assert
      expect(inside).to.equal('0\n');
    });

    it('should take make-it-fail from options.makeItFail over the inherited flag', () => {
      // Arrange
      procfs.write('self/make-it-fail', '1');

      // Act
      const off = runTask(() => readMakeItFail(), { makeItFail: false });
      procfs.write('self/make-it-fail', '0');
      const on = runTask(() => readMakeItFail(), { makeItFail: true });

      // Assert
      expect(off).to.equal('0\n');
      expect(on).to.equal('1\n');
      expect(readMakeItFail()).to.equal('0\n');
    });

    it('should arm fail-nth from options.failNth', () => {
      // Arrange
      const attr = nthOnlyAttr('arm');

      // Act
      const results = runTask(
        () => {
          const before = readFailNth();
          const calls = [shouldFail(attr), shouldFail(attr), shouldFail(attr), shouldFail(attr)];
          return { before, calls, after: readFailNth() };
        },
        { failNth: 3 },
      );

      // Assert
      expect(results).to.deep.equal({ before: '3\n', calls: [false, false, true, false], after: '0\n' });
    });

    it('should accept the largest fail-nth, 4294967295', () => {
      // Act
      const inside = runTask(() => readFailNth(), { failNth: 4294967295 });

      // Assert
      expect(inside).to.equal('4294967295\n');
    });

    it('should treat options.failNth 0 as not armed', () => {
      // Arrange
      const attr = declareFaultAttr(uniqueName('nth0'), { probability: 100, times: -1, verbose: 0 });

      // Act
      const result = runTask(() => [readFailNth(), shouldFail(attr)], { failNth: 0 });

      // Assert
      expect(result).to.deep.equal(['0\n', true]);
    });
  });

  describe('when code runs outside any task', () => {
    it('should keep the root task counters apart from every task', () => {
      // Arrange
      const attr = nthOnlyAttr('root');
      procfs.write('self/fail-nth', '3');
      procfs.write('self/make-it-fail', '1');

      // Act: a task's calls do not touch the root task's countdown
      const inside = runTask(
        () => {
          procfs.write('self/make-it-fail', '0');
          return [shouldFail(attr), shouldFail(attr), shouldFail(attr), readFailNth(), readMakeItFail()];
        },
        { failNth: 10 },
      );
      const rootAfterTask = [readFailNth(), readMakeItFail()];
      const rootCalls = [shouldFail(attr), shouldFail(attr), shouldFail(attr)];

      // Assert
      expect(inside).to.deep.equal([false, false, false, '7\n', '0\n']);
      expect(rootAfterTask).to.deep.equal(['3\n', '1\n']);
      expect(rootCalls).to.deep.equal([false, false, true]);
      expect(readFailNth()).to.equal('0\n');
    });

    it('should start the root task with make-it-fail 0 and fail-nth 0', () => {
      // Assert (the afterEach hooks put the root task back to its initial values)
      expect(readFailNth()).to.equal('0\n');
      expect(readMakeItFail()).to.equal('0\n');
      expect(state.root.id).to.equal(0);
    });
  });

  describe('when the task awaits, schedules timers or registers callbacks', () => {
    it('should see its own fail-nth across await, timers, ticks, microtasks and promise callbacks', async () => {
      // Arrange
      const seen: Record<string, string> = {};

      // Act
      await runTask(
        async () => {
          procfs.write('self/fail-nth', '42');
          await null;
          seen['await'] = readFailNth();
          await sleep(1);
          seen['after setTimeout await'] = readFailNth();
          await new Promise<void>((resolve) => {
            setTimeout(() => {
              seen['setTimeout'] = readFailNth();
              resolve();
            }, 1);
          });
          await new Promise<void>((resolve) => {
            setImmediate(() => {
              seen['setImmediate'] = readFailNth();
              resolve();
            });
          });
          await new Promise<void>((resolve) => {
            process.nextTick(() => {
              seen['nextTick'] = readFailNth();
              resolve();
            });
          });
          await new Promise<void>((resolve) => {
            queueMicrotask(() => {
              seen['queueMicrotask'] = readFailNth();
              resolve();
            });
          });
          await Promise.resolve().then(() => {
            seen['then'] = readFailNth();
          });
          await Promise.reject(new Error('x')).catch(() => {
            seen['catch'] = readFailNth();
          });
          const emitter = new EventEmitter();
          emitter.on('ping', () => {
            seen['event listener'] = readFailNth();
          });
          setTimeout(() => emitter.emit('ping'), 1);
          await sleep(5);
        },
        { makeItFail: true },
      );

      // Assert
      expect(Object.keys(seen)).to.have.length(9);
      for (const [where, value] of Object.entries(seen)) {
        expect(value, where).to.equal('42\n');
      }
      expect(readFailNth()).to.equal('0\n');
    });

    it('should count calls made from timers and promise callbacks against the task', async () => {
      // Arrange
      const attr = nthOnlyAttr('async-count');
      const calls: boolean[] = [];

      // Act
      await runTask(
        async () => {
          calls.push(shouldFail(attr));
          await new Promise<void>((resolve) => {
            setTimeout(() => {
              calls.push(shouldFail(attr));
              resolve();
            }, 1);
          });
          await Promise.resolve().then(() => {
            calls.push(shouldFail(attr));
          });
          await new Promise<void>((resolve) => {
            setImmediate(() => {
              calls.push(shouldFail(attr));
              resolve();
            });
          });
        },
        { failNth: 3 },
      );

      // Assert
      expect(calls).to.deep.equal([false, false, true, false]);
    });
  });

  describe('when tasks are nested', () => {
    it('should give the inner task its own counters and leave the outer task untouched', async () => {
      // Arrange
      const attr = nthOnlyAttr('nested');

      // Act
      const result = await runTask(
        async () => {
          const outerFirst = shouldFail(attr); // outer: 3 -> 2
          const inner = await runTask(
            async () => {
              const start = [readFailNth(), readMakeItFail()];
              await sleep(1);
              const calls = [shouldFail(attr), shouldFail(attr)];
              const innermost = runTask(() => [readFailNth(), readMakeItFail(), shouldFail(attr)], { failNth: 1 });
              return { start, calls, innermost, end: readFailNth() };
            },
            { failNth: 2 },
          );
          await sleep(1);
          const outerAfter = readFailNth();
          const outerRest = [shouldFail(attr), shouldFail(attr)];
          return { outerFirst, inner, outerAfter, outerRest };
        },
        { failNth: 3, makeItFail: true },
      );

      // Assert
      expect(result).to.deep.equal({
        outerFirst: false,
        inner: {
          start: ['2\n', '1\n'],
          calls: [false, true],
          innermost: ['1\n', '1\n', true],
          end: '0\n',
        },
        outerAfter: '2\n',
        outerRest: [false, true],
      });
    });
  });

  describe('when thousands of tasks run at once', () => {
    it('should fail each task exactly on its own n-th call', async function () {
      this.timeout(20000);
      // Arrange
      const attr = nthOnlyAttr('concurrent');
      const random = seededRandom(0x5eed);
      const taskCount = 2000;
      const armedBefore = state.armedTasks;
      const pause = (): Promise<void> => {
        const r = random();
        if (r < 0.25) return Promise.resolve();
        if (r < 0.5) return new Promise((resolve) => setImmediate(resolve));
        if (r < 0.6) return new Promise((resolve) => process.nextTick(resolve));
        return sleep(Math.floor(random() * 4));
      };

      // Act
      const outcomes = await Promise.all(
        Array.from({ length: taskCount }, (_, i) => {
          const n = 1 + ((i * 7) % 23);
          const viaProcfs = i % 2 === 1;
          const options = viaProcfs ? {} : { failNth: n };
          return runTask(async () => {
            await pause();
            if (viaProcfs) procfs.write('self/fail-nth', String(n));
            const failedAt: number[] = [];
            const readBacks: string[] = [];
            for (let call = 1; call <= n + 3; call++) {
              await pause();
              if (shouldFail(attr)) failedAt.push(call);
              readBacks.push(readFailNth());
            }
            return { n, failedAt, readBacks };
          }, options);
        }),
      );

      // Assert
      for (const { n, failedAt, readBacks } of outcomes) {
        expect(failedAt, `task with fail-nth ${n}`).to.deep.equal([n]);
        const expected = Array.from({ length: n + 3 }, (_, k) => `${Math.max(n - (k + 1), 0)}\n`);
        expect(readBacks, `read-backs of the task with fail-nth ${n}`).to.deep.equal(expected);
      }
      expect(state.armedTasks).to.equal(armedBefore);
      expect(state.activeTasks).to.equal(0);
    });
  });

  describe('when fn returns or throws', () => {
    it('should return what a synchronous fn returns', () => {
      // Arrange
      const value = { answer: 42 };

      // Act
      const result = runTask(() => value);

      // Assert
      expect(result).to.equal(value);
    });

    it('should return a promise of what an asynchronous fn resolves to', async () => {
      // Act
      const result = runTask(async () => {
        await sleep(1);
        return 'done';
      });

      // Assert
      expect(result).to.be.an.instanceOf(Promise);
      expect(await result).to.equal('done');
    });

    it('should settle a thenable that fn returns inside the task', async () => {
      // Arrange: a lazy thenable (a query builder, say) does its work when then() is called
      const lazy = {
        then(resolve: (value: string[]) => void): void {
          setTimeout(() => resolve([readFailNth(), readMakeItFail()]), 1);
        },
      };

      // Act
      const result = await runTask(() => lazy, { failNth: 5, makeItFail: true });

      // Assert
      expect(result).to.deep.equal(['5\n', '1\n']);
    });

    it('should rethrow what a synchronous fn throws and end the task', () => {
      // Arrange
      const failure = new Error('boom');
      const active = state.activeTasks;

      // Act
      const thrown = catchError(() =>
        runTask(
          () => {
            throw failure;
          },
          { failNth: 2 },
        ),
      );

      // Assert
      expect(thrown).to.equal(failure);
      expect(state.activeTasks).to.equal(active);
    });

    it('should reject with what an asynchronous fn rejects with and end the task', async () => {
      // Arrange
      const failure = new Error('async boom');
      const active = state.activeTasks;

      // Act
      let caught: unknown;
      try {
        await runTask(
          async () => {
            await sleep(1);
            throw failure;
          },
          { failNth: 2 },
        );
      } catch (error) {
        caught = error;
      }

      // Assert
      expect(caught).to.equal(failure);
      expect(state.activeTasks).to.equal(active);
    });
  });

  describe('when the arguments are bad', () => {
    const cases: Array<[string, () => unknown, string]> = [
      ['a non-function fn', () => runTask(42 as unknown as () => void), 'ERR_INVALID_ARG_TYPE'],
      ['an undefined fn', () => runTask(undefined as unknown as () => void), 'ERR_INVALID_ARG_TYPE'],
      ['failNth -1', () => runTask(() => 1, { failNth: -1 }), 'ERR_INVALID_ARG_VALUE'],
      ['failNth 1.5', () => runTask(() => 1, { failNth: 1.5 }), 'ERR_INVALID_ARG_VALUE'],
      ['failNth 2**32', () => runTask(() => 1, { failNth: 2 ** 32 }), 'ERR_INVALID_ARG_VALUE'],
      ['failNth NaN', () => runTask(() => 1, { failNth: Number.NaN }), 'ERR_INVALID_ARG_VALUE'],
      ["makeItFail 'yes'", () => runTask(() => 1, { makeItFail: 'yes' as unknown as boolean }), 'ERR_INVALID_ARG_TYPE'],
      ['makeItFail 1', () => runTask(() => 1, { makeItFail: 1 as unknown as boolean }), 'ERR_INVALID_ARG_TYPE'],
      ['null options', () => runTask(() => 1, null as unknown as object), 'ERR_INVALID_ARG_TYPE'],
    ];
    for (const [what, call, code] of cases) {
      it(`should throw ErrInjectError ${code} for ${what}`, () => {
        // Arrange
        const active = state.activeTasks;
        const armed = state.armedTasks;

        // Act
        const thrown = catchError(call);

        // Assert
        expect(thrown).to.be.an.instanceOf(ErrInjectError);
        expect((thrown as ErrInjectError).code).to.equal(code);
        expect((thrown as ErrInjectError).message).to.match(/runTask/);
        expect(state.activeTasks).to.equal(active);
        expect(state.armedTasks).to.equal(armed);
      });
    }

    it('should not call fn when an option is bad', () => {
      // Arrange
      let called = false;

      // Act
      catchError(() =>
        runTask(
          () => {
            called = true;
          },
          { failNth: -1 },
        ),
      );

      // Assert
      expect(called).to.equal(false);
    });
  });

  describe('when a task has ended', () => {
    it('should run work it left behind in the root task', async () => {
      // Arrange
      const attr = declareFaultAttr(uniqueName('leftover'), { probability: 100, times: -1, verbose: 0 });
      const events: FaultEvent[] = [];
      const onFault = (message: unknown): void => {
        const event = message as FaultEvent;
        if (event.capability === attr.name) events.push(event);
      };
      diagnosticsChannel.subscribe(FAULT_CHANNEL, onFault);

      try {
        // Act
        const seen = await new Promise<string[]>((resolve) => {
          runTask(
            () => {
              setTimeout(() => {
                shouldFail(attr);
                resolve([readFailNth(), readMakeItFail()]);
              }, 5);
            },
            { failNth: 7, makeItFail: true },
          );
        });

        // Assert
        expect(seen).to.deep.equal(['0\n', '0\n']);
        expect(events).to.have.length(1);
        expect(events[0]?.taskId).to.equal(0);
      } finally {
        diagnosticsChannel.unsubscribe(FAULT_CHANNEL, onFault);
      }
    });

    it('should run work it left behind in the root task while other tasks still run', async () => {
      // Arrange
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const longTask = runTask(
        async () => {
          await gate;
          return [readMakeItFail(), readFailNth()];
        },
        { makeItFail: true, failNth: 9 },
      );

      // Act
      const seen = await new Promise<string[]>((resolve) => {
        runTask(
          () => {
            setTimeout(() => resolve([readFailNth(), readMakeItFail()]), 5);
          },
          { failNth: 7, makeItFail: true },
        );
      });
      release();
      const longTaskSaw = await longTask;

      // Assert
      expect(seen).to.deep.equal(['0\n', '0\n']);
      expect(longTaskSaw).to.deep.equal(['1\n', '9\n']);
    });

    it('should not leave state.armedTasks raised when it ends armed', async () => {
      // Arrange
      const armedBefore = state.armedTasks;

      // Act
      runTask(() => {}, { failNth: 5 });
      runTask(() => {
        procfs.write('self/fail-nth', '8');
      });
      await runTask(
        async () => {
          await sleep(1);
          procfs.write('self/fail-nth', '3');
        },
        { failNth: 4 },
      );
      try {
        runTask(
          () => {
            throw new Error('ends armed');
          },
          { failNth: 2 },
        );
      } catch {
        // expected
      }

      // Assert
      expect(state.armedTasks).to.equal(armedBefore);
    });

    it('should let a write to self/fail-nth from left-behind work arm the root task, not the ended one', async () => {
      // Arrange
      const armedBefore = state.armedTasks;

      // Act
      await new Promise<void>((resolve) => {
        runTask(() => {
          setTimeout(() => {
            procfs.write('self/fail-nth', '4');
            resolve();
          }, 2);
        });
      });

      // Assert
      expect(readFailNth()).to.equal('4\n');
      expect(state.armedTasks).to.equal(armedBefore + 1);
      procfs.write('self/fail-nth', '0');
      expect(state.armedTasks).to.equal(armedBefore);
    });
  });

  describe('when no task runs any more', () => {
    it('should disable the async-context storage', async () => {
      // Arrange
      let leftBehind: Promise<unknown> = Promise.resolve();

      // Act
      await runTask(async () => {
        await sleep(1);
        leftBehind = sleep(10).then(() => state.als?.getStore());
      });
      const storeSeenByLeftover = await leftBehind;

      // Assert
      expect(state.activeTasks).to.equal(0);
      expect(state.als).to.not.equal(undefined);
      expect(alsEnabled()).to.equal(false);
      expect(storeSeenByLeftover).to.equal(undefined);
    });

    it('should enable it again for the next task', async () => {
      // Act
      const inside = await runTask(
        async () => {
          await sleep(1);
          return [alsEnabled(), readFailNth()];
        },
        { failNth: 6 },
      );

      // Assert
      expect(inside).to.deep.equal([true, '6\n']);
      expect(alsEnabled()).to.equal(false);
    });

    it('should disable it after a synchronous task too', () => {
      // Act
      const inside = runTask(() => alsEnabled());

      // Assert
      expect(inside).to.equal(true);
      expect(alsEnabled()).to.equal(false);
      expect(state.activeTasks).to.equal(0);
    });
  });
});
