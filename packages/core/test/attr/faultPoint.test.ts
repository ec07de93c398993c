import { expect } from 'chai';
import * as diagnosticsChannel from 'node:diagnostics_channel';
import { EventEmitter } from 'node:events';
import {
  debugfs,
  declareFaultAttr,
  FAULT_CHANNEL,
  faultArmed,
  type FaultAttr,
  type FaultEvent,
  faultPoint,
  type FaultPoint,
  procfs,
  shouldFailAt,
} from '../../src/index';
import { FAULT_NOTICE_CHANNEL, type FaultNotice } from '../../src/report/faultNoticeChannel';
import { requestSite } from '../../src/report/requestSite';
import { captureVerbose } from '../support/sink';
import { uniqueNames } from '../support/names';

const uniqueName = uniqueNames('attr-point');

/** An interceptor of a function the program calls: it decides at its point, as fail_fs's do. */
function interceptor(attr: FaultAttr, skipNodeFrames: boolean): { readonly call: () => boolean; readonly point: FaultPoint } {
  const call = (): boolean => shouldFailAt(attr, point, 7);
  const point = faultPoint('fs.open', call, { skipNodeFrames });
  return { call, point };
}

/** Calls `fn` from Node's own code (node:events), as a stream calls `fs.read`. */
function callThroughNode(fn: () => boolean): boolean {
  const emitter = new EventEmitter();
  let result = false;
  emitter.on('call', () => {
    result = fn();
  });
  emitter.emit('call');
  return result;
}

/** Calls `fn` directly from Node's own code: the interceptor is the listener. */
function callDirectlyFromNode(fn: () => boolean): void {
  const emitter = new EventEmitter();
  emitter.on('call', fn);
  emitter.emit('call');
}

/** Counts the faults of a capability on the `errinject:fault` channel until stopped. */
function countFaults(attr: FaultAttr): { count: number; stop: () => void } {
  const counter = {
    count: 0,
    stop: () => diagnosticsChannel.unsubscribe(FAULT_CHANNEL, onFault),
  };
  const onFault = (message: unknown): void => {
    if ((message as FaultEvent).capability === attr.name) counter.count++;
  };
  diagnosticsChannel.subscribe(FAULT_CHANNEL, onFault);
  return counter;
}

describe('faultPoint and shouldFailAt', () => {
  const verbose = captureVerbose('each');

  it('refuses a bad name, entry or options, naming the value', () => {
    const entry = (): boolean => false;
    expect(() => faultPoint('', entry)).to.throw(/the name "" is not accepted; a name is 1 to 255 characters/).with.property('code', 'ERR_INVALID_ARG_VALUE');
    expect(() => faultPoint('a\nb', entry)).to.throw(/not accepted/).with.property('code', 'ERR_INVALID_ARG_VALUE');
    expect(() => faultPoint('x'.repeat(256), entry)).to.throw(/not accepted/).with.property('code', 'ERR_INVALID_ARG_VALUE');
    expect(() => faultPoint(3 as unknown as string, entry)).to.throw(/must be a string, got number 3/).with.property('code', 'ERR_INVALID_ARG_TYPE');
    expect(() => faultPoint('fs.open', 'open' as unknown as () => boolean)).to.throw(/the entry must be the function the program calls, got "open"/).with.property('code', 'ERR_INVALID_ARG_TYPE');
    expect(() => faultPoint('fs.open', entry, null as unknown as object)).to.throw(/options must be an object/).with.property('code', 'ERR_INVALID_ARG_TYPE');
    expect(() => faultPoint('fs.open', entry, { skipNodeFrames: 'yes' as unknown as boolean })).to.throw(/skipNodeFrames must be a boolean, got "yes"/);
  });

  it('makes a frozen point that says what it is', () => {
    const entry = (): boolean => false;
    const point = faultPoint('net.connect', entry, { skipNodeFrames: true });
    expect(point).to.deep.equal({ name: 'net.connect', entry, skipNodeFrames: true });
    expect(Object.isFrozen(point)).to.equal(true);
    expect(faultPoint('x', entry).skipNodeFrames).to.equal(false);
  });

  it('decides as shouldFail does, with size for space, and names the point in the fault event', () => {
    const attr = declareFaultAttr(uniqueName('decide'), { probability: 100, times: 2, space: 10, verbose: 0 });
    const { call } = interceptor(attr, false);
    const events: FaultEvent[] = [];
    const onFault = (message: unknown): void => {
      events.push(message as FaultEvent);
    };
    diagnosticsChannel.subscribe(FAULT_CHANNEL, onFault);
    try {
      // space 10 > 7: used; then 3 is not > 7: fails; then fails; then times is 0.
      expect([call(), call(), call(), call()]).to.deep.equal([false, true, true, false]);
    } finally {
      diagnosticsChannel.unsubscribe(FAULT_CHANNEL, onFault);
    }
    expect(events.map((event) => [event.capability, event.function, event.size, event.times])).to.deep.equal([
      [attr.name, 'fs.open', 7, 2],
      [attr.name, 'fs.open', 7, 1],
    ]);
    expect(debugfs.read(`${attr.name}/space`)).to.equal('3\n');
  });

  it('counts towards the task\'s fail-nth like any call', () => {
    const attr = declareFaultAttr(uniqueName('nth'), { verbose: 0 });
    const { call } = interceptor(attr, false);
    expect(faultArmed(attr)).to.equal(false);
    procfs.write('self/fail-nth', '3');
    try {
      expect(faultArmed(attr)).to.equal(true);
      expect([call(), call(), call(), call()]).to.deep.equal([false, false, true, false]);
    } finally {
      procfs.write('self/fail-nth', '0');
    }
    expect(faultArmed(attr)).to.equal(false);
  });

  it('says whether a call can fail at all: probability, fail-nth, and the production switch', () => {
    const attr = declareFaultAttr(uniqueName('armed'), { verbose: 0 });
    expect(faultArmed(attr)).to.equal(false);
    debugfs.write(`${attr.name}/probability`, '1');
    expect(faultArmed(attr)).to.equal(true);
    debugfs.write(`${attr.name}/probability`, '0');
    expect(faultArmed(attr)).to.equal(false);
  });

  describe('the stack filter sees the program\'s frames', () => {
    it('skips the frames of Node\'s own modules below a point that asks', () => {
      const attr = declareFaultAttr(uniqueName('skip'), { probability: 100, times: -1, verbose: 0, stacktraceDepth: 2, requireStack: 'callDirectlyFromNode' });
      const faults = countFaults(attr);
      try {
        // Without skipping, node:events's emit is the first frame and callDirectlyFromNode the second.
        callDirectlyFromNode(interceptor(attr, false).call);
        expect(faults.count).to.equal(1);
        debugfs.write(`${attr.name}/stacktrace-depth`, '1');
        callDirectlyFromNode(interceptor(attr, false).call);
        expect(faults.count).to.equal(1);
        debugfs.write(`${attr.name}/reject-stack`, 'emit');
        debugfs.write(`${attr.name}/stacktrace-depth`, '2');
        callDirectlyFromNode(interceptor(attr, false).call);
        expect(faults.count).to.equal(1);
        // Skipping, the reject-stack pattern for emit sees no node:events frame.
        callDirectlyFromNode(interceptor(attr, true).call);
        expect(faults.count).to.equal(2);
      } finally {
        faults.stop();
      }
    });

    it('a point the program calls directly is unchanged by skipping', () => {
      const attr = declareFaultAttr(uniqueName('same'), { probability: 100, times: -1, verbose: 0, stacktraceDepth: 1, requireStack: 'callThroughNode' });
      // The listener is anonymous: the first frame is the program's either way, and does not match.
      expect(callThroughNode(interceptor(attr, true).call)).to.equal(false);
      expect(callThroughNode(interceptor(attr, false).call)).to.equal(false);
      debugfs.write(`${attr.name}/require-stack`, 'faultPoint.test.js');
      expect(callThroughNode(interceptor(attr, true).call)).to.equal(true);
      expect(callThroughNode(interceptor(attr, false).call)).to.equal(true);
    });

    it('a point called by Node\'s code directly starts at the program\'s first frame below it', () => {
      const attr = declareFaultAttr(uniqueName('direct'), { probability: 100, times: -1, verbose: 0, stacktraceDepth: 1, requireStack: 'callDirectlyFromNode' });
      const faults = countFaults(attr);
      try {
        // The interceptor is the listener: below it lies node:events's emit, then callDirectlyFromNode.
        callDirectlyFromNode(interceptor(attr, true).call);
        expect(faults.count).to.equal(1);
        callDirectlyFromNode(interceptor(attr, false).call);
        expect(faults.count).to.equal(1);
      } finally {
        faults.stop();
      }
    });
  });

  it('the verbose stack starts at the program\'s first frame', () => {
    const attr = declareFaultAttr(uniqueName('verbose'), { probability: 100, times: -1, verbose: 2 });
    callDirectlyFromNode(interceptor(attr, true).call);
    const record = verbose.records.at(-1);
    expect(record?.kind).to.equal('fault');
    const stack = record?.kind === 'fault' ? (record.stack ?? '') : '';
    const first = stack.split('\n')[0] ?? '';
    expect(first).to.match(/^ {4}at callDirectlyFromNode \(.*faultPoint\.test\.js:\d+:\d+\)$/);
    expect(first).to.not.contain('node:');
    expect(stack).to.not.contain('interceptor');
  });

  it('the verbose record says so when no frame is the program\'s: Node\'s own code made the call', async () => {
    const attr = declareFaultAttr(uniqueName('nothing'), { probability: 100, times: -1, verbose: 2 });
    const { call } = interceptor(attr, true);
    // setImmediate calls the interceptor from node:internal/timers alone.
    await new Promise<void>((resolve) => {
      setImmediate(call);
      setImmediate(resolve);
    });
    const record = verbose.records.at(-1);
    expect(record?.kind).to.equal('fault');
    expect(record?.text).to.equal(
      `FAULT_INJECTION: forcing a failure.\nname ${attr.name}, interval 1, probability 100, space 0, times -1\nCall Trace:\n    (no frame of the program: Node.js made the call on its own)\n`,
    );
    expect(record?.kind === 'fault' ? record.stack : undefined).to.equal('');
  });

  it('the fault report\'s call site is the program\'s line, not node:events\'s', () => {
    const attr = declareFaultAttr(uniqueName('site'), { probability: 100, times: -1, verbose: 0 });
    const sites: Array<string | undefined> = [];
    const onNotice = (message: unknown): void => {
      const notice = message as FaultNotice;
      if (notice.capability === attr.name) requestSite(notice, (site) => sites.push(site === undefined ? undefined : `${site.getFileName() ?? ''}:${String(site.getFunctionName())}`));
    };
    diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onNotice);
    try {
      callDirectlyFromNode(interceptor(attr, true).call);
      callDirectlyFromNode(interceptor(attr, false).call);
      callThroughNode(interceptor(attr, true).call);
    } finally {
      diagnosticsChannel.unsubscribe(FAULT_NOTICE_CHANNEL, onNotice);
    }
    expect(sites).to.have.length(3);
    expect(sites[0]).to.match(/faultPoint\.test\.js:callDirectlyFromNode$/);
    expect(sites[1]).to.equal('node:events:emit');
    // Called by the program's listener (an arrow function): that is the site, skipping or not.
    expect(sites[2]).to.match(/faultPoint\.test\.js:null$/);
  });
});
