import { expect } from 'chai';
import diagnosticsChannel from 'node:diagnostics_channel';
import { allowErrorInjection, debugfs, declareFaultAttr, decideFault, EI_TYPE_NULL, type FaultAttr, setVerboseSink, shouldFail, shouldFailEx } from '../../src/index';
import { FAULT_NOTICE_CHANNEL, type FaultNotice, type SiteReceiver } from '../../src/report/faultNoticeChannel';
import { formatCallSite } from '../../src/report/formatCallSite';
import { pendingNotices } from '../../src/report/pendingNotices';
import { publishFaultNotice } from '../../src/report/publishFaultNotice';
import { uniqueNames } from '../support/names';
import { here } from './here';

const uniqueName = uniqueNames('report-settle');

/** The knobs of fail_function a test sets, and puts back. */
const FAIL_FUNCTION_KNOBS = ['probability', 'times', 'verbose'];

/** What a subscriber of the notice channel saw: each notice, and the site it was given, by then. */
interface Seen {
  readonly notice: FaultNotice;
  site: string | undefined | 'not given';
}

/** Subscribes to the notice channel while `fn` runs; `ask` decides which notices to ask a site of. */
function watch(fn: (seen: Seen[]) => void, ask: (notice: FaultNotice) => boolean = () => true): Seen[] {
  const seen: Seen[] = [];
  const onNotice = (message: unknown): void => {
    const notice = message as FaultNotice;
    const entry: Seen = { notice, site: 'not given' };
    seen.push(entry);
    if (ask(notice)) {
      notice.requestSite((site) => {
        entry.site = site === undefined ? undefined : formatCallSite(site);
      });
    }
  };
  diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onNotice);
  try {
    fn(seen);
  } finally {
    diagnosticsChannel.unsubscribe(FAULT_NOTICE_CHANNEL, onNotice);
  }
  return seen;
}

function failing(label: string): FaultAttr {
  return declareFaultAttr(uniqueName(label), { probability: 100, times: -1, verbose: 0 });
}

describe('settleFaultSites', () => {
  afterEach(() => {
    expect(pendingNotices).to.deep.equal([]);
  });

  describe('when a subscriber asks for the call site', () => {
    it("should give it the caller's call site before the faulted call returns, for every entry point", () => {
      // Arrange
      const attr = failing('entries');
      const name = uniqueName('fn');
      const fn = allowErrorInjection(EI_TYPE_NULL, (): number | null => 1, { name });
      debugfs.write('fail_function/inject', name);
      const knobs = FAIL_FUNCTION_KNOBS.map((knob) => [knob, debugfs.read(`fail_function/${knob}`)] as const);
      debugfs.write('fail_function/verbose', '0');
      debugfs.write('fail_function/times', '-1');
      debugfs.write('fail_function/probability', '100');
      const given: Array<string | undefined | 'not given'> = [];

      try {
        // Act
        let at = { file: '', line: 0 };
        const seen = watch((sites) => {
          at = here();
          shouldFail(attr);
          given.push(sites.at(-1)?.site ?? 'not given');
          shouldFailEx(attr, 1, 0);
          decideFault(attr);
          fn();
        });

        // Assert: V8 places a call through an import binding, `(0, index_1.shouldFail)(attr)` once
        // compiled, at its argument list.
        expect(given).to.deep.equal([`${at.file}:${at.line + 1}:21`]);
        expect(seen.map(({ notice, site }) => [notice.capability, notice.function, site])).to.deep.equal([
          [attr.name, undefined, `${at.file}:${at.line + 1}:21`],
          [attr.name, undefined, `${at.file}:${at.line + 3}:23`],
          [attr.name, undefined, `${at.file}:${at.line + 4}:22`],
          ['fail_function', name, `${at.file}:${at.line + 5}:11`],
        ]);
      } finally {
        for (const [knob, value] of knobs) debugfs.write(`fail_function/${knob}`, value);
        debugfs.write('fail_function/inject', '');
      }
    });

    it('should take the site once for every subscriber that asks, and give them the same one', () => {
      // Arrange
      const attr = failing('twice');
      const sites: Array<NodeJS.CallSite | undefined> = [];
      const onNotice = (message: unknown): void => {
        (message as FaultNotice).requestSite((site) => sites.push(site));
      };
      const captureStackTrace = Error.captureStackTrace;
      let captures = 0;
      Error.captureStackTrace = (...args: Parameters<typeof Error.captureStackTrace>) => {
        captures++;
        captureStackTrace(...args);
      };
      diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onNotice);

      try {
        // Act
        watch(() => shouldFail(attr));
      } finally {
        diagnosticsChannel.unsubscribe(FAULT_NOTICE_CHANNEL, onNotice);
        Error.captureStackTrace = captureStackTrace;
      }

      // Assert
      expect(captures).to.equal(1);
      expect(sites).to.have.length(1);
      expect(sites[0]).to.be.an('object');
    });

    it('should give a request made after the notice was settled the site taken then', () => {
      // Arrange
      const attr = failing('late');
      let notice: FaultNotice | undefined;
      let first: NodeJS.CallSite | undefined;
      const onNotice = (message: unknown): void => {
        notice = message as FaultNotice;
        notice.requestSite((site) => {
          first = site;
        });
      };
      diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onNotice);
      try {
        shouldFail(attr);
      } finally {
        diagnosticsChannel.unsubscribe(FAULT_NOTICE_CHANNEL, onNotice);
      }

      // Act
      let late: NodeJS.CallSite | undefined | 'not given' = 'not given';
      notice?.requestSite((site) => {
        late = site;
      });

      // Assert
      expect(first).to.be.an('object');
      expect(late).to.equal(first);
    });

    it('should report a receiver that throws as an uncaught exception on the next tick, and still fail the call', () => {
      // Arrange
      const attr = failing('throws');
      const broken = new Error('receiver broke');
      const ticks: Array<() => void> = [];
      const nextTick = process.nextTick;
      process.nextTick = ((callback: () => void) => {
        ticks.push(callback);
      }) as typeof process.nextTick;
      let failed: boolean;
      let after: string | undefined | 'not given';

      try {
        // Act
        const seen = watch(() => {
          failed = shouldFail(attr);
        }, (notice) => {
          notice.requestSite(() => {
            throw broken;
          });
          return true;
        });
        after = seen[0]?.site;
      } finally {
        process.nextTick = nextTick;
      }

      // Assert: the receiver asked after the one that threw got the site all the same.
      expect(failed!).to.equal(true);
      expect(after).to.match(/settleFaultSites\.test\.ts:\d+:\d+$/);
      expect(ticks).to.have.length(1);
      expect(() => (ticks[0] as () => void)()).to.throw(broken);
    });
  });

  describe('when nobody asks for the call site', () => {
    it('should not take it', () => {
      // Arrange
      const attr = failing('unasked');
      const captureStackTrace = Error.captureStackTrace;
      let captures = 0;
      Error.captureStackTrace = (...args: Parameters<typeof Error.captureStackTrace>) => {
        captures++;
        captureStackTrace(...args);
      };

      // Act
      let seen: Seen[];
      try {
        seen = watch(() => shouldFail(attr), () => false);
      } finally {
        Error.captureStackTrace = captureStackTrace;
      }

      // Assert
      expect(seen.map(({ site }) => site)).to.deep.equal(['not given']);
      expect(captures).to.equal(0);
    });

    it('should give a request made after the notice was settled undefined', () => {
      // Arrange
      const attr = failing('unasked-late');
      let notice: FaultNotice | undefined;
      watch(() => shouldFail(attr), (published) => {
        notice = published;
        return false;
      });

      // Act
      let late: NodeJS.CallSite | undefined | 'not given' = 'not given';
      notice?.requestSite((site) => {
        late = site;
      });

      // Assert
      expect(late).to.equal(undefined);
    });
  });

  describe('when a fault happens while another one is reported', () => {
    it("should give each its own caller's call site", () => {
      // Arrange
      const outer = declareFaultAttr(uniqueName('outer'), { probability: 100, times: 1, verbose: 1 });
      const inner = failing('inner');
      let at = { file: '', line: 0 };
      let innerAt = { file: '', line: 0 };
      const previous = setVerboseSink(() => {
        innerAt = here();
        shouldFail(inner);
      });

      try {
        // Act
        const seen = watch(() => {
          at = here();
          shouldFail(outer);
        });

        // Assert
        expect(seen.map(({ notice, site }) => [notice.capability, site])).to.deep.equal([
          [outer.name, `${at.file}:${at.line + 1}:21`],
          [inner.name, `${innerAt.file}:${innerAt.line + 1}:19`],
        ]);
      } finally {
        setVerboseSink(previous);
      }
    });

    it('should settle a notice left by an entry point that an exception skipped with undefined, and its own with the site', () => {
      // Arrange: a subscriber publishes a notice of its own that nothing settles, as a fault does
      // whose entry point an exception skipped.
      const attr = failing('skipped');
      const given: Array<string | undefined> = [];
      const record: SiteReceiver = (site) => given.push(site === undefined ? undefined : formatCallSite(site));
      const onNotice = (message: unknown): void => {
        const notice = message as FaultNotice;
        if (notice.capability !== attr.name) return;
        notice.requestSite(record);
        publishFaultNotice('skipped', undefined, false, 0, onNotice);
      };
      const onSkipped = (message: unknown): void => {
        const notice = message as FaultNotice;
        if (notice.capability === 'skipped') notice.requestSite(record);
      };
      diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onNotice);
      diagnosticsChannel.subscribe(FAULT_NOTICE_CHANNEL, onSkipped);

      try {
        // Act
        const at = here();
        shouldFail(attr);

        // Assert
        expect(given).to.deep.equal([`${at.file}:${at.line + 1}:19`, undefined]);
      } finally {
        diagnosticsChannel.unsubscribe(FAULT_NOTICE_CHANNEL, onNotice);
        diagnosticsChannel.unsubscribe(FAULT_NOTICE_CHANNEL, onSkipped);
      }
    });
  });
});
