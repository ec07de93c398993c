import { expect } from 'chai';
import {
  applyBootConfig,
  debugfs,
  declareFaultAttr,
  pendingBootEntries,
  procfs,
  runTask,
  shouldFail,
} from '../../src/index';
import { applyCollecting, isPendingEntry } from '../support/boot';
import { catchErrInject } from '../support/errors';
import { uniqueNames } from '../support/names';
import { captureVerbose } from '../support/sink';

const uniqueName = uniqueNames('boot-apply');

/** The knobs a boot option may or may not touch, as read back. */
function knobs(cap: string): Record<string, string> {
  const read = (knob: string): string => debugfs.read(`${cap}/${knob}`).trimEnd();
  return {
    interval: read('interval'),
    probability: read('probability'),
    space: read('space'),
    times: read('times'),
    verbose: read('verbose'),
    'task-filter': read('task-filter'),
    'stacktrace-depth': read('stacktrace-depth'),
  };
}

const DEFAULTS = {
  interval: '1',
  probability: '0',
  space: '0',
  times: '1',
  verbose: '2',
  'task-filter': 'N',
  'stacktrace-depth': '32',
};

/** How many times a code appears as a word in a line. */
function occurrences(line: string | undefined, code: string): number {
  return (line ?? '').match(new RegExp(`\\b${code}\\b`, 'g'))?.length ?? 0;
}

/** Asserts that a report names the entry by its text, its number and its column. */
function expectReportOf(line: string | undefined, entry: { index: number; column: number; text: string }): void {
  expect(line, 'a report line').to.be.a('string');
  const text = line as string;
  expect(text).to.include(entry.text);
  // The numbers are looked for outside the quoted entry, whose name may hold digits.
  const rest = text.split(entry.text).join('');
  expect(rest).to.match(new RegExp(`\\b${entry.index}\\b`));
  expect(rest).to.match(new RegExp(`\\b${entry.column}\\b`));
}

describe('applyBootConfig', () => {
  const verbose = captureVerbose('each');

  describe('when a boot option names a declared capability', () => {
    it('should set interval, probability, space and times only (G64)', () => {
      // Arrange
      const cap = uniqueName('g64');
      declareFaultAttr(cap);

      // Act
      const reports = applyCollecting(`${cap}=10,100,0,-1`);

      // Assert
      expect(reports).to.deep.equal([]);
      expect(knobs(cap)).to.deep.equal({ ...DEFAULTS, interval: '10', probability: '100', space: '0', times: '-1' });
    });

    it('should report three fields and leave the capability at its defaults (G65)', () => {
      // Arrange
      const cap = uniqueName('g65');
      declareFaultAttr(cap);
      const text = `${cap}=1,100,0`;

      // Act
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(1);
      expectReportOf(reports[0], { index: 1, column: 1, text });
      expect(knobs(cap)).to.deep.equal(DEFAULTS);
    });

    it('should report a minus in probability and leave the capability unchanged (G66)', () => {
      // Arrange
      const cap = uniqueName('g66');
      declareFaultAttr(cap, { probability: 7, times: 3 });
      const text = `${cap}=1,-5,0,1`;

      // Act
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(1);
      expectReportOf(reports[0], { index: 1, column: 1, text });
      expect(knobs(cap)).to.deep.equal({ ...DEFAULTS, probability: '7', times: '3' });
    });

    it('should take interval 0, a negative space and times 5, and fail five times (G67)', () => {
      // Arrange
      const cap = uniqueName('g67');
      const attr = declareFaultAttr(cap, { verbose: 0 });

      // Act
      const reports = applyCollecting(`${cap}=0,100,-1,5`);
      const calls = Array.from({ length: 7 }, () => shouldFail(attr));

      // Assert
      expect(reports).to.deep.equal([]);
      expect(calls).to.deep.equal([true, true, true, true, true, false, false]);
      expect(knobs(cap)).to.deep.equal({ ...DEFAULTS, verbose: '0', interval: '0', probability: '100', space: '-1', times: '0' });
    });

    it('should apply entries for the same capability in order', () => {
      // Arrange
      const cap = uniqueName('order');
      declareFaultAttr(cap);

      // Act
      applyCollecting(`${cap}=2,20,0,2;${cap}=3,30,0,3`);

      // Assert
      expect(knobs(cap)).to.include({ interval: '3', probability: '30', times: '3' });
    });
  });

  describe('when a boot option names a capability declared later', () => {
    it('should wait, then apply at declareFaultAttr time over the init values', () => {
      // Arrange
      const cap = uniqueName('later');
      const reports = applyCollecting(`${cap}=4,100,3,9`);
      const waiting = pendingBootEntries().some((entry) => entry.text === `${cap}=4,100,3,9`);

      // Act
      declareFaultAttr(cap, { probability: 5, interval: 2, times: 1, space: 0, verbose: 1, taskFilter: true });

      // Assert
      expect(reports).to.deep.equal([]);
      expect(waiting).to.equal(true);
      expect(pendingBootEntries().some((entry) => entry.text.startsWith(`${cap}=`))).to.equal(false);
      expect(knobs(cap)).to.deep.equal({
        ...DEFAULTS,
        interval: '4',
        probability: '100',
        space: '3',
        times: '9',
        verbose: '1',
        'task-filter': 'Y',
      });
    });

    it('should apply a path entry for one of its knobs over the init value', () => {
      // Arrange
      const cap = uniqueName('later-path');
      const reports = applyCollecting(`${cap}/verbose=1 ${cap}/require-stack=Store.open`);

      // Act
      declareFaultAttr(cap, { verbose: 0, requireStack: 'other' });

      // Assert
      expect(reports).to.deep.equal([]);
      expect(debugfs.read(`${cap}/verbose`)).to.equal('1\n');
      expect(debugfs.read(`${cap}/require-stack`)).to.equal('Store.open\n');
    });

    it('should report, at declare time, a path value the knob refuses', () => {
      // Arrange
      const cap = uniqueName('later-refused');
      const text = `${cap}/times=abc`;
      const reports = applyCollecting(text);
      const before = [...reports];

      // Act
      declareFaultAttr(cap, { times: 4 });

      // Assert
      expect(before).to.deep.equal([]);
      expect(reports).to.have.length(1);
      expectReportOf(reports[0], { index: 1, column: 1, text });
      expect(reports[0]).to.include('EINVAL');
      expect(debugfs.read(`${cap}/times`)).to.equal('4\n');
    });
  });

  describe('when a path entry is given', () => {
    it('should write it to debugfs', () => {
      // Arrange
      const cap = uniqueName('path');
      declareFaultAttr(cap);

      // Act
      const reports = applyCollecting(`${cap}/probability=0x64 ${cap}/times=-1;/sys/kernel/debug/${cap}/task-filter=Y ${cap}/space=4294967295`);

      // Assert
      expect(reports).to.deep.equal([]);
      expect(knobs(cap)).to.deep.equal({ ...DEFAULTS, probability: '100', times: '-1', 'task-filter': 'Y', space: '-1' });
    });

    it('should write self/... and /proc/self/... to the current task in procfs', () => {
      // Act
      const result = runTask(() => {
        const reports = applyCollecting('self/make-it-fail=1 /proc/self/fail-nth=3');
        return { reports, nth: procfs.read('self/fail-nth'), mif: procfs.read('self/make-it-fail') };
      });

      // Assert
      expect(result).to.deep.equal({ reports: [], nth: '3\n', mif: '1\n' });
      expect(procfs.read('self/fail-nth')).to.equal('0\n');
    });

    it('should report a refused value with its errno name and position, apply nothing of it, and apply the others', () => {
      // Arrange
      const cap = uniqueName('refused');
      declareFaultAttr(cap, { probability: 3 });
      const text = `${cap}/times=-1 ${cap}/probability=abc ${cap}/interval=18446744073709551616 ${cap}/space=7`;

      // Act
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(2);
      expectReportOf(reports[0], { index: 2, column: text.indexOf(`${cap}/probability`) + 1, text: `${cap}/probability=abc` });
      expect(reports[0]).to.include('EINVAL');
      expectReportOf(reports[1], { index: 3, column: text.indexOf(`${cap}/interval`) + 1, text: `${cap}/interval=18446744073709551616` });
      expect(reports[1]).to.include('ERANGE');
      expect(knobs(cap)).to.deep.equal({ ...DEFAULTS, probability: '3', times: '-1', space: '7' });
    });

    it('should report a refused procfs value with its errno name', () => {
      // Act
      const result = runTask(() => {
        const reports = applyCollecting('self/fail-nth=-1 self/make-it-fail=2');
        return { reports, nth: procfs.read('self/fail-nth'), mif: procfs.read('self/make-it-fail') };
      });

      // Assert
      expect(result.reports).to.have.length(2);
      expect(result.reports[0]).to.include('EINVAL');
      expect(result.reports[0]).to.include('self/fail-nth=-1');
      expect(result.reports[1]).to.include('EINVAL');
      expect(result.nth).to.equal('0\n');
      expect(result.mif).to.equal('0\n');
    });
  });

  describe('when entries are malformed', () => {
    it('should report each with its position and still apply the well-formed ones', () => {
      // Arrange
      const cap = uniqueName('mixed');
      declareFaultAttr(cap);
      const text = `bogus ${cap}=1,2 ;${cap}/times=5 ${cap}=0x10,1,1,1 ${cap}/space=3`;

      // Act
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(3);
      expectReportOf(reports[0], { index: 1, column: 1, text: 'bogus' });
      expectReportOf(reports[1], { index: 2, column: text.indexOf(`${cap}=1,2`) + 1, text: `${cap}=1,2` });
      expectReportOf(reports[2], { index: 4, column: text.indexOf(`${cap}=0x10`) + 1, text: `${cap}=0x10,1,1,1` });
      expect(knobs(cap)).to.deep.equal({ ...DEFAULTS, times: '5', space: '3' });
    });

    it('should not touch the capability of a malformed boot option declared later', () => {
      // Arrange
      const cap = uniqueName('malformed-later');
      const reports = applyCollecting(`${cap}=1,100,0`);

      // Act
      declareFaultAttr(cap);

      // Assert
      expect(reports).to.have.length(1);
      expect(knobs(cap)).to.deep.equal(DEFAULTS);
      expect(pendingBootEntries().some((entry) => entry.text.startsWith(`${cap}=`))).to.equal(false);
    });
  });

  describe('when a path names a file missing from a directory that exists', () => {
    it('should report it at once instead of waiting for it (a typo of a knob)', () => {
      // Arrange
      const cap = uniqueName('typo');
      declareFaultAttr(cap);

      // Act
      const text = `${cap}/probabilty=5 self/fail_nth=1 ${cap}/times=3`;
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(2);
      expectReportOf(reports[0], { index: 1, column: 1, text: `${cap}/probabilty=5` });
      expect(reports[0]).to.include('ENOENT').and.to.include('probability');
      expectReportOf(reports[1], { index: 2, column: text.indexOf('self/') + 1, text: 'self/fail_nth=1' });
      expect(pendingBootEntries().some((entry) => entry.text.includes(cap) || entry.text.startsWith('self/'))).to.equal(false);
      expect(knobs(cap)).to.deep.equal({ ...DEFAULTS, times: '3' });
    });

    it('should still wait for a path whose directory does not exist yet', () => {
      // Arrange
      const cap = uniqueName('later-dir');

      // Act
      const reports = applyCollecting(`${cap}/verbose=1`);
      const waiting = pendingBootEntries().some((entry) => entry.text === `${cap}/verbose=1`);
      declareFaultAttr(cap);

      // Assert
      expect(reports).to.deep.equal([]);
      expect(waiting).to.equal(true);
      expect(debugfs.read(`${cap}/verbose`)).to.equal('1\n');
    });
  });

  describe('when a capability configured at boot fails', () => {
    it('should inject faults with the boot values', () => {
      // Arrange
      const cap = uniqueName('effect');
      applyCollecting(`${cap}=2,100,0,2`);
      const attr = declareFaultAttr(cap, { verbose: 1 });

      // Act
      const calls = Array.from({ length: 6 }, () => shouldFail(attr));

      // Assert
      expect(calls).to.deep.equal([false, true, false, true, false, false]);
      expect(verbose.records.filter((record) => record.kind === 'fault')).to.have.length(2);
    });
  });

  describe('when a path under the /sys/kernel/debug prefix names a file missing from a declared capability (regression: it waited forever)', () => {
    it('should report ENOENT at once, naming the directory and what it holds, and leave nothing pending', () => {
      // Arrange
      const cap = uniqueName('prefix-typo');
      declareFaultAttr(cap);
      const text = `/sys/kernel/debug/${cap}/probabilty=5`;

      // Act
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(1);
      expectReportOf(reports[0], { index: 1, column: 1, text });
      expect(reports[0]).to.include('ENOENT');
      expect(reports[0]).to.include(`${cap}/`);
      for (const knob of ['probability', 'interval', 'times', 'space', 'verbose', 'task-filter']) expect(reports[0], knob).to.include(knob);
      expect(isPendingEntry(text)).to.equal(false);
      expect(knobs(cap)).to.deep.equal(DEFAULTS);
    });
  });

  describe('when a path goes through a file (regression: it waited forever)', () => {
    it('should report ENOTDIR at once and leave nothing pending', () => {
      // Arrange
      const cap = uniqueName('through-file');
      declareFaultAttr(cap);
      const text = `${cap}/probability/x=1`;

      // Act
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(1);
      expectReportOf(reports[0], { index: 1, column: 1, text });
      expect(occurrences(reports[0], 'ENOTDIR')).to.equal(1);
      expect(reports[0]).to.include(`${cap}/probability`);
      expect(isPendingEntry(text)).to.equal(false);
      expect(knobs(cap)).to.deep.equal(DEFAULTS);
    });
  });

  describe('when a path names a capability not declared yet', () => {
    it('should wait, listed by pendingBootEntries, and apply when the capability is declared', () => {
      // Arrange
      const cap = uniqueName('undeclared');
      const text = `${cap}/probability=1`;

      // Act
      const reports = applyCollecting(text);
      const waiting = isPendingEntry(text);
      declareFaultAttr(cap);

      // Assert
      expect(reports).to.deep.equal([]);
      expect(waiting).to.equal(true);
      expect(isPendingEntry(text)).to.equal(false);
      expect(debugfs.read(`${cap}/probability`)).to.equal('1\n');
    });

    it('should wait with the /sys/kernel/debug prefix too', () => {
      // Arrange
      const cap = uniqueName('undeclared-prefix');
      const text = `/sys/kernel/debug/${cap}/times=7`;

      // Act
      const reports = applyCollecting(text);
      const waiting = isPendingEntry(text);
      declareFaultAttr(cap);

      // Assert
      expect(reports).to.deep.equal([]);
      expect(waiting).to.equal(true);
      expect(isPendingEntry(text)).to.equal(false);
      expect(debugfs.read(`${cap}/times`)).to.equal('7\n');
    });
  });

  describe('when a value is refused for a path (regression: the report named the errno code twice)', () => {
    it('should name the code exactly once in each report line', () => {
      // Arrange
      const cap = uniqueName('code-once');
      declareFaultAttr(cap);
      const text = `${cap}/probability=abc ${cap}/interval=18446744073709551616 ${cap}/=1 ${cap}/task-filter=maybe ${cap}/nope=1`;

      // Act
      const reports = applyCollecting(text);

      // Assert
      expect(reports).to.have.length(5);
      expect(occurrences(reports[0], 'EINVAL')).to.equal(1);
      expect(occurrences(reports[1], 'ERANGE')).to.equal(1);
      expect(occurrences(reports[2], 'EISDIR')).to.equal(1);
      expect(occurrences(reports[3], 'EINVAL')).to.equal(1);
      expect(occurrences(reports[4], 'ENOENT')).to.equal(1);
      expect(knobs(cap)).to.deep.equal(DEFAULTS);
    });

    it('should name the code exactly once for a procfs value', () => {
      // Act
      const reports = runTask(() => applyCollecting('self/fail-nth=-1 /proc/self/make-it-fail=2'));

      // Assert
      expect(reports).to.have.length(2);
      expect(occurrences(reports[0], 'EINVAL')).to.equal(1);
      expect(occurrences(reports[1], 'EINVAL')).to.equal(1);
    });
  });

  describe('when the arguments have the wrong type', () => {
    for (const text of [undefined, null, 42, ['a=1']]) {
      it(`should throw ERR_INVALID_ARG_TYPE for the configuration ${JSON.stringify(text) ?? 'undefined'}`, () => {
        // Act
        const error = catchErrInject(() => applyBootConfig(text as never, () => {}));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
      });
    }

    for (const reporter of [5, 'stderr', null, {}]) {
      it(`should throw ERR_INVALID_ARG_TYPE for the reporter ${JSON.stringify(reporter)} and apply nothing`, () => {
        // Arrange
        const cap = uniqueName('bad-reporter');
        declareFaultAttr(cap);

        // Act
        const error = catchErrInject(() => applyBootConfig(`${cap}/times=5`, reporter as never));

        // Assert
        expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
        expect(knobs(cap)).to.deep.equal(DEFAULTS);
      });
    }

    it('should throw ERR_INVALID_ARG_TYPE for applyBootConfig(undefined as never)', () => {
      // Act
      const error = catchErrInject(() => applyBootConfig(undefined as never));

      // Assert
      expect(error.code).to.equal('ERR_INVALID_ARG_TYPE');
    });
  });

  describe('when the configuration holds thousands of malformed entries (regression: 14,000 printed 3 MB)', () => {
    it('should report the first 50, then one line saying how many more there were', () => {
      // Arrange
      const text = Array.from({ length: 14_000 }, (_, i) => `bad${i}`).join(' ');

      // Act
      const lines = applyCollecting(text);

      // Assert
      expect(lines).to.have.length(51);
      expect(lines[0]).to.include('ERRINJECT entry 1 at column 1 ("bad0")');
      expect(lines[49]).to.include('ERRINJECT entry 50 ');
      expect(lines[50]).to.include('13950 more malformed entries').and.to.include('at most 50 lines');
      expect(lines.join('\n').length).to.be.below(64 * 1024);
    });

    it('should count the entries refused later, as their targets appear, against the same bound', () => {
      // Arrange
      const cap = uniqueName('late-refusals');
      const text = Array.from({ length: 60 }, () => `${cap}/probability=x`).join(' ');

      // Act
      const lines = applyCollecting(text);
      declareFaultAttr(cap);

      // Assert
      expect(lines).to.have.length(51);
      expect(lines[49]).to.include('refused');
      expect(lines[50]).to.include('more entries not applied are not reported one by one');
    });
  });

  describe('when an entry is 100 KB long', () => {
    it('should quote it cut to a readable length in a line of at most 1,000 characters, saying how long it was', () => {
      // Arrange
      const cap = uniqueName('huge-value');
      declareFaultAttr(cap);
      const text = `${cap}/probability=${'9'.repeat(100_000)}`;

      // Act
      const lines = applyCollecting(text);

      // Assert
      expect(lines).to.have.length(1);
      expect(lines[0]?.length).to.be.at.most(1000);
      expect(lines[0]).to.include(`${text.length} characters`);
      expect(debugfs.read(`${cap}/probability`)).to.equal('0\n');
    });
  });

  describe('when an entry names a path with . or ..', () => {
    it('should report it and apply the others', () => {
      // Arrange
      const cap = uniqueName('dots');
      declareFaultAttr(cap);

      // Act
      const lines = applyCollecting(`${cap}/./probability=7 ${cap}/probability=5 ${cap}/../${cap}/times=3`);

      // Assert
      expect(lines).to.have.length(2);
      expect(debugfs.read(`${cap}/probability`)).to.equal('5\n');
      expect(debugfs.read(`${cap}/times`)).to.equal('1\n');
    });
  });
});
