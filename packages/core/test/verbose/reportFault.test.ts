import { expect } from 'chai';
import * as diagnosticsChannel from 'node:diagnostics_channel';
import {
  debugfs,
  declareFaultAttr,
  FAULT_CHANNEL,
  FAULT_NOWARN,
  type FaultAttr,
  type FaultAttrInit,
  type FaultEvent,
  type FaultRecord,
  procfs,
  runTask,
  setVerboseSink,
  shouldFail,
  shouldFailEx,
  type SuppressedRecord,
  type VerboseRecord,
  type VerboseSink,
} from '../../src/index';
import { uniqueNames } from '../support/names';
import { captureVerbose } from '../support/sink';
import { sleep } from '../support/timers';

const uniqueName = uniqueNames('attr-verbose');

function declare(label: string, init: FaultAttrInit): FaultAttr {
  return declareFaultAttr(uniqueName(label), init);
}

function header(attr: FaultAttr, fields: { interval: number; probability: number; space: number; times: number }): string {
  return (
    'FAULT_INJECTION: forcing a failure.\n' +
    `name ${attr.name}, interval ${fields.interval}, probability ${fields.probability}, space ${fields.space}, times ${fields.times}\n`
  );
}

/** A named caller, so that its frame can be found in the stack dump. */
function callerForVerboseStack(attr: FaultAttr): boolean {
  return shouldFail(attr);
}

/** Frames that belong to errinject itself: its sources, its build, and the test build of its sources. */
const CORE_FRAME = /packages[/\\]core[/\\](src|dist|dist-test[/\\]src)[/\\]/;

describe('verbose', () => {
  const verbose = captureVerbose('each');

  function recordsOf(attr: FaultAttr): VerboseRecord[] {
    return verbose.records.filter((record) => record.capability === attr.name);
  }

  describe('when verbose is 1', () => {
    it('should give one record per fault, times before the decrement, and no stack (E40)', () => {
      // Arrange
      const attr = declare('v1', { probability: 100, times: 3, verbose: 1 });

      // Act
      const calls = [shouldFail(attr), shouldFail(attr), shouldFail(attr), shouldFail(attr)];

      // Assert
      expect(calls).to.deep.equal([true, true, true, false]);
      const mine = recordsOf(attr) as FaultRecord[];
      expect(mine.map((record) => record.text)).to.deep.equal([
        header(attr, { interval: 1, probability: 100, space: 0, times: 3 }),
        header(attr, { interval: 1, probability: 100, space: 0, times: 2 }),
        header(attr, { interval: 1, probability: 100, space: 0, times: 1 }),
      ]);
      for (const [i, record] of mine.entries()) {
        expect(record).to.include({
          kind: 'fault',
          capability: attr.name,
          interval: 1,
          probability: 100,
          space: 0,
          times: 3 - i,
          stack: undefined,
        });
      }
    });

    it('should show the values of the moment, space and interval included', () => {
      // Arrange
      const attr = declare('v1-values', { probability: 150, interval: 2, times: -1, space: -4, verbose: 1 });

      // Act
      shouldFail(attr);
      shouldFail(attr);

      // Assert
      expect(recordsOf(attr).map((record) => record.text)).to.deep.equal([
        header(attr, { interval: 2, probability: 150, space: -4, times: -1 }),
      ]);
    });

    it('should give a record for a fault that fail-nth caused', () => {
      // Arrange
      const attr = declare('v1-nth', { probability: 0, times: 0, verbose: 1 });

      // Act
      const calls = runTask(() => [shouldFail(attr), shouldFail(attr)], { failNth: 2 });

      // Assert
      expect(calls).to.deep.equal([false, true]);
      expect(recordsOf(attr).map((record) => record.text)).to.deep.equal([
        header(attr, { interval: 1, probability: 0, space: 0, times: 0 }),
      ]);
    });
  });

  describe('when verbose is 2', () => {
    it('should add the caller stack, innermost first, with no frames of errinject (E41)', () => {
      // Arrange
      const attr = declare('v2', { probability: 100, times: -1, verbose: 2 });

      // Act
      const failed = callerForVerboseStack(attr);

      // Assert
      expect(failed).to.equal(true);
      const [record] = recordsOf(attr) as FaultRecord[];
      expect(record?.kind).to.equal('fault');
      const stack = record?.stack;
      expect(stack).to.be.a('string');
      const frames = (stack as string).split('\n').filter((line) => line.trim() !== '');
      expect(frames.length).to.be.at.least(2);
      expect(frames[0]).to.include('callerForVerboseStack');
      for (const frame of frames) {
        expect(frame).to.not.match(CORE_FRAME);
      }
      expect(record?.text.startsWith(header(attr, { interval: 1, probability: 100, space: 0, times: -1 }))).to.equal(true);
      expect(record?.text).to.include('callerForVerboseStack');
    });

    it('should treat verbose above 2 as 2 and read it back as written', () => {
      // Arrange
      const attr = declare('v3', { probability: 100, times: -1, verbose: 7 });

      // Act
      callerForVerboseStack(attr);

      // Assert
      expect(debugfs.read(`${attr.name}/verbose`)).to.equal('7\n');
      const [record] = recordsOf(attr) as FaultRecord[];
      expect(record?.stack).to.be.a('string').and.include('callerForVerboseStack');
    });
  });

  describe('when nothing should be printed', () => {
    it('should give no record with verbose 0, yet still fail', () => {
      // Arrange
      const attr = declare('v0', { probability: 100, times: -1, verbose: 0 });

      // Act
      const calls = [shouldFail(attr), shouldFail(attr)];

      // Assert
      expect(calls).to.deep.equal([true, true]);
      expect(recordsOf(attr)).to.deep.equal([]);
    });

    it('should give no record for a call with FAULT_NOWARN, yet still fail and count times', () => {
      // Arrange
      const attr = declare('nowarn', { probability: 100, times: 2, verbose: 2 });

      // Act
      const calls = [shouldFailEx(attr, 1, FAULT_NOWARN), shouldFailEx(attr, 1, FAULT_NOWARN), shouldFailEx(attr, 1, FAULT_NOWARN)];

      // Assert
      expect(calls).to.deep.equal([true, true, false]);
      expect(recordsOf(attr)).to.deep.equal([]);
      expect(debugfs.read(`${attr.name}/times`)).to.equal('0\n');
    });

    it('should still give a record for shouldFailEx without flags', () => {
      // Arrange
      const attr = declare('ex0', { probability: 100, times: -1, verbose: 1 });

      // Act
      shouldFailEx(attr, 1, 0);

      // Assert
      expect(recordsOf(attr)).to.have.length(1);
    });
  });

  describe('when the diagnostics channel has a subscriber', () => {
    let events: FaultEvent[];
    const onFault = (message: unknown): void => {
      events.push(message as FaultEvent);
    };

    beforeEach(() => {
      events = [];
      diagnosticsChannel.subscribe(FAULT_CHANNEL, onFault);
    });

    afterEach(() => {
      diagnosticsChannel.unsubscribe(FAULT_CHANNEL, onFault);
    });

    function eventsOf(attr: FaultAttr): FaultEvent[] {
      return events.filter((event) => event.capability === attr.name);
    }

    it('should be named errinject:fault', () => {
      expect(FAULT_CHANNEL).to.equal('errinject:fault');
    });

    it('should publish one message per injected fault with the fields of FaultEvent', () => {
      // Arrange
      const attr = declare('channel', { probability: 100, interval: 1, times: 2, space: 0, verbose: 1 });

      // Act
      const calls = [shouldFail(attr, 7), shouldFail(attr, 3), shouldFail(attr, 1)];

      // Assert
      expect(calls).to.deep.equal([true, true, false]);
      expect(eventsOf(attr)).to.deep.equal([
        { capability: attr.name, size: 7, failNth: false, taskId: 0, interval: 1, probability: 100, space: 0, times: 2, function: undefined },
        { capability: attr.name, size: 3, failNth: false, taskId: 0, interval: 1, probability: 100, space: 0, times: 1, function: undefined },
      ]);
    });

    it('should publish even with verbose 0 and FAULT_NOWARN', () => {
      // Arrange
      const quiet = declare('channel-quiet', { probability: 100, times: -1, verbose: 0 });
      const nowarn = declare('channel-nowarn', { probability: 100, times: -1, verbose: 2 });

      // Act
      shouldFail(quiet);
      shouldFail(quiet);
      shouldFailEx(nowarn, 1, FAULT_NOWARN);

      // Assert
      expect(eventsOf(quiet)).to.have.length(2);
      expect(eventsOf(nowarn)).to.have.length(1);
      expect(recordsOf(quiet)).to.deep.equal([]);
      expect(recordsOf(nowarn)).to.deep.equal([]);
    });

    it('should not publish for calls that do not fail', () => {
      // Arrange
      const attr = declare('channel-none', { probability: 0, times: -1, verbose: 1 });

      // Act
      shouldFail(attr);
      shouldFail(attr);

      // Assert
      expect(eventsOf(attr)).to.deep.equal([]);
    });

    it('should mark a fail-nth fault and give the id of the task it ran in', () => {
      // Arrange
      const attr = declare('channel-nth', { probability: 0, times: -1, verbose: 0 });

      // Act
      const failed = runTask(() => [shouldFail(attr), shouldFail(attr, 5)], { failNth: 2 });

      // Assert
      expect(failed).to.deep.equal([false, true]);
      const [event] = eventsOf(attr);
      expect(event).to.include({ capability: attr.name, size: 5, failNth: true, probability: 0, times: -1 });
      expect(event?.taskId).to.be.a('number').and.above(0);
      expect(procfs.read('self/fail-nth')).to.equal('0\n');
    });

    it('should publish rate-limited faults too', () => {
      // Arrange
      const attr = declare('channel-ratelimit', {
        probability: 100,
        times: -1,
        verbose: 1,
        verboseRatelimitIntervalMs: 60000,
        verboseRatelimitBurst: 0,
      });

      // Act
      for (let i = 0; i < 5; i++) shouldFail(attr);

      // Assert
      expect(eventsOf(attr)).to.have.length(5);
      expect(recordsOf(attr)).to.deep.equal([]);
    });
  });

  describe('when the rate limiter is on', () => {
    it('should allow burst records per window, then report the suppressed ones when the next window starts', async () => {
      // Arrange
      const attr = declare('ratelimit', {
        probability: 100,
        times: -1,
        verbose: 1,
        verboseRatelimitIntervalMs: 50,
        verboseRatelimitBurst: 2,
      });

      // Act
      const firstWindow = Array.from({ length: 5 }, () => shouldFail(attr));
      const afterFirst = recordsOf(attr).map((record) => record.kind);
      await sleep(80);
      const secondWindow = Array.from({ length: 3 }, () => shouldFail(attr));
      const afterSecond = recordsOf(attr).map((record) => record.kind);
      await sleep(80);
      shouldFail(attr);

      // Assert
      expect(firstWindow).to.deep.equal([true, true, true, true, true]);
      expect(secondWindow).to.deep.equal([true, true, true]);
      expect(afterFirst).to.deep.equal(['fault', 'fault']);
      expect(afterSecond).to.deep.equal(['fault', 'fault', 'suppressed', 'fault', 'fault']);
      const all = recordsOf(attr);
      expect(all.map((record) => record.kind)).to.deep.equal(['fault', 'fault', 'suppressed', 'fault', 'fault', 'suppressed', 'fault']);
      const suppressed = all.filter((record): record is SuppressedRecord => record.kind === 'suppressed');
      expect(suppressed.map((record) => record.missed)).to.deep.equal([3, 1]);
      expect(suppressed[0]).to.include({ capability: attr.name });
      expect(suppressed[0]?.text).to.match(/3 callbacks suppressed\n$/);
      expect(suppressed[1]?.text).to.match(/1 callbacks suppressed\n$/);
    });

    it('should suppress every record when burst is 0 and the window is not', async () => {
      // Arrange
      const attr = declare('burst0', {
        probability: 100,
        times: -1,
        verbose: 1,
        verboseRatelimitIntervalMs: 20,
        verboseRatelimitBurst: 0,
      });

      // Act
      const calls = Array.from({ length: 4 }, () => shouldFail(attr));
      await sleep(40);
      calls.push(shouldFail(attr));

      // Assert
      expect(calls).to.deep.equal([true, true, true, true, true]);
      expect(recordsOf(attr).filter((record) => record.kind === 'fault')).to.deep.equal([]);
    });

    it('should log everything when the window is 0, whatever the burst', () => {
      // Arrange
      const burst0 = declare('window0-burst0', {
        probability: 100,
        times: -1,
        verbose: 1,
        verboseRatelimitIntervalMs: 0,
        verboseRatelimitBurst: 0,
      });
      const burst1 = declare('window0-burst1', {
        probability: 100,
        times: -1,
        verbose: 1,
        verboseRatelimitIntervalMs: 0,
        verboseRatelimitBurst: 1,
      });

      // Act
      for (let i = 0; i < 20; i++) {
        shouldFail(burst0);
        shouldFail(burst1);
      }

      // Assert
      expect(recordsOf(burst0)).to.have.length(20);
      expect(recordsOf(burst1)).to.have.length(20);
      expect([...recordsOf(burst0), ...recordsOf(burst1)].every((record) => record.kind === 'fault')).to.equal(true);
    });

    it('should start with window 0 and burst 10, read back as written', () => {
      // Arrange
      const attr = declare('ratelimit-defaults', {});

      // Act
      const window = debugfs.read(`${attr.name}/verbose_ratelimit_interval_ms`);
      const burst = debugfs.read(`${attr.name}/verbose_ratelimit_burst`);
      debugfs.write(`${attr.name}/verbose_ratelimit_interval_ms`, '4294967295');

      // Assert
      expect([window, burst]).to.deep.equal(['0\n', '10\n']);
      expect(debugfs.read(`${attr.name}/verbose_ratelimit_interval_ms`)).to.equal('4294967295\n');
    });
  });

  describe('when the sink throws', () => {
    it('should not make shouldFail throw, and still inject the fault', () => {
      // Arrange
      const attr = declare('throwing-sink', { probability: 100, times: 2, verbose: 1 });
      setVerboseSink(() => {
        throw new Error('logger down');
      });
      const originalWrite = process.stderr.write;
      const written: string[] = [];
      process.stderr.write = ((chunk: string | Uint8Array): boolean => {
        written.push(String(chunk));
        return true;
      }) as typeof process.stderr.write;

      // Act
      let calls: boolean[];
      try {
        calls = [shouldFail(attr), shouldFail(attr)];
      } finally {
        process.stderr.write = originalWrite;
      }

      // Assert
      expect(calls).to.deep.equal([true, true]);
      expect(debugfs.read(`${attr.name}/times`)).to.equal('0\n');
    });
  });

  describe('when setVerboseSink is called', () => {
    it('should return the sink it replaces', () => {
      // Arrange
      const mine: VerboseSink = () => {};

      // Act
      const replaced = setVerboseSink(mine);
      const back = setVerboseSink(replaced);

      // Assert
      expect(back).to.equal(mine);
      expect(replaced).to.be.a('function');
    });
  });

  describe('when the sink calls shouldFail on the same capability (regression: a reentrant sink got past times)', () => {
    it('should see times already decremented, and let no second fault through', () => {
      // Arrange
      const attr = declare('reentrant-sink', { probability: 100, times: 1, verbose: 1 });
      const inSink: Array<{ recordTimes: number; knobTimes: string; inner: boolean }> = [];
      let entered = false;
      setVerboseSink((record) => {
        verbose.records.push(record);
        // Once only: were times not decremented yet, each inner fault would call the sink again.
        if (record.kind !== 'fault' || record.capability !== attr.name || entered) return;
        entered = true;
        inSink.push({ recordTimes: record.times, knobTimes: debugfs.read(`${attr.name}/times`), inner: shouldFail(attr) });
      });

      // Act
      const outer = [shouldFail(attr), shouldFail(attr)];

      // Assert
      expect(outer).to.deep.equal([true, false]);
      expect(inSink).to.deep.equal([{ recordTimes: 1, knobTimes: '0\n', inner: false }]);
      expect(recordsOf(attr).filter((record) => record.kind === 'fault')).to.have.length(1);
      expect(debugfs.read(`${attr.name}/times`)).to.equal('0\n');
    });
  });

  describe('when a diagnostics-channel subscriber calls shouldFail on the same capability (regression: it got past times)', () => {
    it('should see times already decremented, and let no second fault through', () => {
      // Arrange
      const attr = declare('reentrant-channel', { probability: 100, times: 1, verbose: 0 });
      const inSubscriber: Array<{ eventTimes: number; knobTimes: string; inner: boolean }> = [];
      let published = 0;
      let entered = false;
      const onFault = (message: unknown): void => {
        const event = message as FaultEvent;
        if (event.capability !== attr.name) return;
        published += 1;
        if (entered) return;
        entered = true;
        inSubscriber.push({ eventTimes: event.times, knobTimes: debugfs.read(`${attr.name}/times`), inner: shouldFail(attr) });
      };
      diagnosticsChannel.subscribe(FAULT_CHANNEL, onFault);

      // Act
      let outer: boolean[];
      try {
        outer = [shouldFail(attr), shouldFail(attr)];
      } finally {
        diagnosticsChannel.unsubscribe(FAULT_CHANNEL, onFault);
      }

      // Assert
      expect(outer).to.deep.equal([true, false]);
      expect(inSubscriber).to.deep.equal([{ eventTimes: 1, knobTimes: '0\n', inner: false }]);
      expect(published).to.equal(1);
      expect(debugfs.read(`${attr.name}/times`)).to.equal('0\n');
    });
  });

  describe('when the rate-limit knobs are negative as ints (regression: the limiter read them unsigned)', () => {
    function faultsWith(label: string, window: number, burst: number, calls = 5): { faults: number; suppressed: number; attr: FaultAttr } {
      const attr = declare(label, {
        probability: 100,
        times: -1,
        verbose: 1,
        verboseRatelimitIntervalMs: window,
        verboseRatelimitBurst: burst,
      });
      for (let i = 0; i < calls; i++) shouldFail(attr);
      const mine = recordsOf(attr);
      return {
        faults: mine.filter((record) => record.kind === 'fault').length,
        suppressed: mine.filter((record) => record.kind === 'suppressed').length,
        attr,
      };
    }

    it('should let every record through with a window of 4294967295 ms (-1) and burst 2, and read the window back as written', () => {
      // Act
      const { faults, attr } = faultsWith('window-u32-max', 4294967295, 2);

      // Assert
      expect(faults).to.equal(5);
      expect(debugfs.read(`${attr.name}/verbose_ratelimit_interval_ms`)).to.equal('4294967295\n');
    });

    it('should let every record through with a window of 2147483648 ms (INT_MIN) and burst 2', () => {
      // Act
      const { faults } = faultsWith('window-int-min', 2147483648, 2);

      // Assert
      expect(faults).to.equal(5);
    });

    it('should still limit to burst with a window of 2147483647 ms (INT_MAX)', () => {
      // Act
      const { faults, suppressed } = faultsWith('window-int-max', 2147483647, 2);

      // Assert
      expect([faults, suppressed]).to.deep.equal([2, 0]);
    });

    it('should suppress every record with burst 4294967295 (-1) and a window of 1000 ms, and read the burst back as written', () => {
      // Act
      const { faults, suppressed, attr } = faultsWith('burst-u32-max', 1000, 4294967295);

      // Assert
      expect([faults, suppressed]).to.deep.equal([0, 0]);
      expect(debugfs.read(`${attr.name}/verbose_ratelimit_burst`)).to.equal('4294967295\n');
    });

    it('should log everything with window 0 and burst 0', () => {
      // Act
      const { faults } = faultsWith('window0-burst0-regression', 0, 0);

      // Assert
      expect(faults).to.equal(5);
    });

    it('should log everything with window 0 and burst 4294967295 (-1)', () => {
      // Act
      const { faults } = faultsWith('window0-burst-u32-max', 0, 4294967295);

      // Assert
      expect(faults).to.equal(5);
    });
  });
});
