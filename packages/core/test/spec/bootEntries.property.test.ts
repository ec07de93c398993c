import { expect } from 'chai';
import * as fc from 'fast-check';
import { applyBootConfig, debugfs, declareFaultAttr, GENERIC_KNOBS, parseBootConfig, procfs, runTask } from '../../src/index';
import { state } from '../../src/state/sharedState';
import { attempt, show } from '../support/controlRefusal';
import { loadCoreInChild, type BootChildResult } from '../support/bootChild';
import { expectWholeTreeKept, observeControlTree, type ControlTreeState } from '../support/controlTreeState';
import { hostileValue } from '../support/hostileInputs';
import { uniqueNames } from '../support/names';
import { compactReport } from '../support/compactReport';
import { silenceVerbose } from '../support/sink';

/**
 * Boot entries from a fuzzer (issue 9, "Keep it fixed"; items 2 and 8): whatever `ERRINJECT` holds,
 * loading the core never throws, each malformed entry is reported with its position and applies
 * nothing, the well-formed ones apply, and what is reported stays bounded: each line at most 1,000
 * characters, the whole report at most 64 KiB, whatever the size or the number of the entries.
 *
 * In the test process, through `applyBootConfig` with a collecting reporter, on capabilities of this
 * file only (never `off`, never `fail_function`, which other tests share; entries left waiting are
 * dropped after each run so that they do not slow every later declaration); the whole control tree
 * reads the same after all the runs, this file's capabilities aside. In child processes, the
 * real load path: `require('@errinject/core')` with `ERRINJECT` set, exit status 0, every bad entry on
 * stderr, never an uncaught exception.
 *
 * Figures: in process, 3 properties of 300, 150 and 12 runs (up to 30 entries; up to 14,000 bad
 * entries or 100 KB ones for the bounds); 7 child processes (5 fixed cases, 2 fuzzed).
 */

const uniqueName = uniqueNames('spec-boot');

/** The longest report line, and the most a whole report may print (issue 9, item 8). */
const LINE_LIMIT = 1000;
const REPORT_LIMIT = 64 * 1024;

/** An entry as generated: `bad` when the specification says it must be reported, `good` when it must apply silently. */
interface Entry {
  readonly text: string;
  readonly kind: 'bad' | 'good' | 'any';
}

const SEPARATORS = [' ', ';', '\t', '\n', ' ; ', ';;', '\r\n', '  '];

/** A text with no separator in it (the tokenizer splits on whitespace and `;`), never empty. */
function oneEntry(text: string): string {
  const cleaned = text.replace(/[\s;]/g, '_');
  return cleaned === '' ? '_' : cleaned;
}

/** Entries joined by random separators, with where each one starts (1-based column). */
function joinEntries(entries: readonly Entry[], separators: readonly number[]): { text: string; columns: number[] } {
  let text = '';
  const columns: number[] = [];
  entries.forEach((entry, i) => {
    if (i > 0 || (separators[i] ?? 0) % 3 === 0) text += SEPARATORS[(separators[i] ?? 0) % SEPARATORS.length] as string;
    columns.push(text.length + 1);
    text += entry.text;
  });
  return { text, columns };
}

/** Checks the bounds on what a report prints. */
function expectBounded(lines: readonly string[], what: string): void {
  const longest = lines.reduce((max, line) => Math.max(max, line.length), 0);
  const total = lines.reduce((sum, line) => sum + line.length + 1, 0);
  expect(longest, `the longest report line of ${what} (${show(lines.find((line) => line.length === longest))})`).to.be.at.most(LINE_LIMIT);
  expect(total, `the whole report of ${what} (${lines.length} lines)`).to.be.at.most(REPORT_LIMIT);
}

describe('boot entries (fuzzed)', function () {
  this.timeout(60000);
  silenceVerbose('all');

  /** Capabilities the in-process entries name (declared), and one they name but that is never declared. */
  let caps: string[] = [];
  let marker = '';
  let undeclared = '';
  let whole: ControlTreeState | undefined;

  before(() => {
    caps = [uniqueName('a'), uniqueName('b')];
    marker = uniqueName('marker');
    undeclared = uniqueName('never');
    for (const cap of [...caps, marker]) declareFaultAttr(cap, { verbose: 0 });
    whole = observeControlTree();
  });

  after(() => {
    // The entries named this file's capabilities only: nothing else of the tree may have changed.
    expectWholeTreeKept(whole as ControlTreeState, (key) => key.startsWith('debugfs:spec-boot-'));
  });

  // -------------------------------------------------------------------------------------------
  // In-process entries

  function entries(): fc.Arbitrary<Entry> {
    const cap = fc.constantFrom(...caps);
    const knob = fc.constantFrom(...GENERIC_KNOBS);
    const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.bigInt({ min: 0n, max: 200n })).map(String);
    const s32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map(String);
    const good: fc.Arbitrary<string> = fc.oneof(
      fc.tuple(cap, u64, u64, s32, s32).map(([c, i, p, s, t]) => `${c}=${i},${p},${s},${t}`),
      fc.tuple(cap, fc.constantFrom('times=-1', 'times=5', 'probability=100', 'probability=0x10', 'verbose=0', 'task-filter=Y', 'interval=3', 'space=-1', 'require-stack=Store.open', 'reject-stack=*.test.*', 'stacktrace-depth=100', 'seed=7')).map(([c, w]) => `${c}/${w}`),
      fc.tuple(cap, fc.constantFrom('', '/', '//')).map(([c, slash]) => `/sys/kernel/debug/${slash}${c}/times=3`),
      fc.constantFrom('self/make-it-fail=1', 'self/make-it-fail=0', '/proc/self/fail-nth=0', 'self/fail-nth=0x0'),
    );
    const bad: fc.Arbitrary<string> = fc.oneof(
      // Not an assignment.
      fc.constantFrom('bogus', 'café', '数据.打开', 'Überprüfe', 'OFF', 'offf', 'x'.repeat(2000), '\0', '/', '.', '..'),
      fc.constantFrom('=', '==', '=1', '=a=b', '=off'),
      // A boot option that is not four numbers.
      fc.tuple(cap, fc.constantFrom('1,100,0', '1,-5,0,1', '', 'a,b,c,d', '=1,1,1,1', '1,,1,1', ',1,1,1', '1.5,1,1,1', '-1,1,1,1', '0x1,1,1,1', '1;1')).map(([c, v]) => `${c}=${v}`),
      // `.` and `..` (item 2).
      fc.tuple(cap, fc.constantFrom(...caps), knob).chain(([c, other, k]) =>
        fc.constantFrom(`${c}/./${k}=1`, `${c}/../${other}/${k}=1`, `./${c}/${k}=1`, `../${c}/${k}=1`, `${c}/${k}/.=1`, `${c}/${k}/..=1`, `/sys/kernel/debug/${c}/../${c}/${k}=1`, `${c}/.=1`, 'self/../self/fail-nth=1', '/proc/self/./make-it-fail=1', `${c}//./${k}=0`),
      ),
      // A value the knob refuses, a file that does not exist, a file used as a directory.
      fc.tuple(cap, fc.constantFrom('times=abc', 'probability=-1', 'task-filter=maybe', 'times==1', 'times=1=2', 'interval=', 'seed=4294967296', `require-stack=${'a'.repeat(5000)}`, `require-stack=${'a'.repeat(100_000)}`, 'nope=1', 'tïmes=1', 'times/x=1', 'probability/../times=1')).map(([c, w]) => `${c}/${w}`),
      fc.constantFrom('self/make-it-fail=2', 'self/nope=1', 'self=1', '/proc/self/fail-nth=-1', `self/fail-nth=${'9'.repeat(100_000)}`),
    );
    const any: fc.Arbitrary<string> = fc.oneof(
      fc.tuple(fc.oneof(cap, fc.constant(undeclared), hostileValue), fc.constantFrom('=', '/', '/times=', '=1,1,1,', ''), hostileValue).map(([a, b, c]) => a + b + c),
      hostileValue,
    );
    return fc.oneof(
      { arbitrary: good.map((text): Entry => ({ text: oneEntry(text), kind: 'good' })), weight: 3 },
      { arbitrary: bad.map((text): Entry => ({ text: oneEntry(text), kind: 'bad' })), weight: 3 },
      // Whatever it is, as long as it is not `off`, which cannot be undone in this process.
      { arbitrary: any.map((text): Entry => ({ text: oneEntry(text) === 'off' ? 'of' : oneEntry(text), kind: 'any' })), weight: 2 },
    );
  }

  /** Applies a configuration in a task of its own, collecting the report; drops what is left waiting. */
  function applyInProcess(text: string): { lines: string[]; threw: unknown } {
    const lines: string[] = [];
    const report = (line: string): void => {
      lines.push(line);
    };
    const waiting = new Set(state.pendingBoot);
    const outcome = runTask(() => attempt(() => applyBootConfig(text, report)), { makeItFail: false });
    for (let i = state.pendingBoot.length - 1; i >= 0; i--) if (!waiting.has(state.pendingBoot[i] as (typeof state.pendingBoot)[number])) state.pendingBoot.splice(i, 1);
    return { lines, threw: outcome.ok ? undefined : outcome.error };
  }

  describe('when the configuration is any string', () => {
    it('should parse it without throwing, into entries and problems that keep their order', () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue, fc.array(fc.oneof(hostileValue, fc.constantFrom('off', '=', 'a=b', ';', ' ')), { maxLength: 20 }).map((parts) => parts.join(''))), (text) => {
          const parsed = attempt(() => parseBootConfig(text));
          expect(parsed.ok, `parseBootConfig(${show(text)}) threw ${parsed.ok ? '' : show((parsed.error as Error).message)}`).to.equal(true);
          if (!parsed.ok) return;
          const indices = [...parsed.value.entries, ...parsed.value.problems].map((entry) => entry.index).sort((a, b) => a - b);
          expect(indices, 'every entry is an entry or a problem, once').to.deep.equal(indices.map((_, i) => i + 1));
        }),
        { numRuns: 300, reporter: compactReport },
      );
    });
  });

  describe('when entries are good, malformed, refused or anything at all', () => {
    it('should never throw, report every malformed entry with its position, and apply the rest', () => {
      fc.assert(
        fc.property(fc.array(entries(), { maxLength: 30 }), fc.array(fc.nat({ max: 50 }), { minLength: 31, maxLength: 31 }), fc.nat({ max: 1_000_000 }), (list, separators, verbose) => {
          const all = [...list, { text: `${marker}/verbose=${verbose}`, kind: 'good' as const }];
          const { text, columns } = joinEntries(all, separators);
          const { lines, threw } = applyInProcess(text);
          expect(threw, `applyBootConfig(${show(text)}) threw ${threw instanceof Error ? `${threw.name}: ${threw.message.slice(0, 200)}` : show(threw)}`).to.equal(undefined);
          all.forEach((entry, i) => {
            if (entry.kind !== 'bad') return;
            const needle = JSON.stringify(entry.text.slice(0, 40)).slice(1, -1);
            const reported = lines.some(
              (line) => line.includes(needle) && new RegExp(`\\b${i + 1}\\b`).test(line) && new RegExp(`\\b${columns[i] as number}\\b`).test(line),
            );
            expect(reported, `entry ${i + 1} at column ${columns[i] as number}, ${show(entry.text)}, is reported; the report was ${show(lines.join('\n'))}`).to.equal(true);
          });
          expect(debugfs.read(`${marker}/verbose`), `the last entry, ${marker}/verbose=${verbose}, applied`).to.equal(`${verbose}\n`);
          // Whatever applied, the tree still reads.
          for (const cap of caps) for (const knob of GENERIC_KNOBS) debugfs.read(`${cap}/${knob}`);
          procfs.read('self/fail-nth');
        }),
        { numRuns: 150, reporter: compactReport },
      );
    });
  });

  describe('when entries are huge or bad by the thousand (issue 9, item 8)', () => {
    it(`should keep each report line within ${LINE_LIMIT} characters and the whole report within 64 KiB`, () => {
      const huge = fc
        .tuple(fc.constantFrom(...['x', 'é', '=', '/', '.']), fc.constantFrom(100_000, 400_000), fc.constantFrom('', '=1', '/times=1', '=1,1,1'))
        .map(([unit, length, tail]) => unit.repeat(length) + tail);
      const many = fc
        .tuple(fc.integer({ min: 1, max: 14_000 }), fc.constantFrom('x', '=', 'a/./b=1', '=1', 'café', `${caps[0] as string}=1`, `${caps[0] as string}/./times=1`))
        .map(([count, entry]) => Array.from({ length: count }, (_, i) => (i % 7 === 0 ? `${entry}${i}` : entry)).join(' '));
      fc.assert(
        fc.property(fc.oneof(huge, many, fc.array(entries(), { maxLength: 30 }).map((list) => list.map((entry) => entry.text).join(' '))), (text) => {
          const { lines } = applyInProcess(text);
          expectBounded(lines, `applyBootConfig(${show(text)})`);
        }),
        { numRuns: 12, reporter: compactReport },
      );
    });
  });

  // -------------------------------------------------------------------------------------------
  // The real load path

  describe('when the core loads with ERRINJECT set (child processes)', () => {
    /** What the children read after load; marking and declaring after load must not throw either. */
    const BODY = `
      out.declare = codeOf(() => core.declareFaultAttr('later_cap', { verbose: 0 }));
      out.mark = codeOf(() => core.allowErrorInjection(core.EI_TYPE_ERRNO, function café() { return 0; }));
      out.markStore = codeOf(() => { class Store { open() { return 0; } }
        core.AllowErrorInjection(core.EI_TYPE_NULL, { name: 'Store.open' })(Store.prototype, 'open', Object.getOwnPropertyDescriptor(Store.prototype, 'open')); });
      out.ff = ['probability', 'times', 'verbose', 'interval'].map((k) => core.debugfs.read('fail_function/' + k));
      out.later = core.debugfs.read('later_cap/times');
      out.nth = core.procfs.read('self/fail-nth');`;

    /** The child loaded, ran the body, and printed nothing but report lines and process warnings, within the bounds. */
    function expectLoaded(result: BootChildResult, errinject: string): string[] {
      const what = `ERRINJECT=${show(errinject)}`;
      const crash = result.stderr
        .split('\n')
        .filter((line) => !line.startsWith('errinject: '))
        .slice(0, 8)
        .map((line) => line.slice(0, 200))
        .join('\n');
      expect({ status: result.status, signal: result.signal }, `${what}: the child's exit; stderr besides the report lines:\n${crash}\n`).to.deep.equal({ status: 0, signal: null });
      expect(result.out, `${what}: the child ran to the end`).to.not.equal(undefined);
      const out = result.out as Record<string, unknown>;
      expect([out['declare'], out['mark'], out['markStore']], `${what}: declaring and marking after load`).to.deep.equal(['ok', 'ok', 'ok']);
      const lines = result.stderr.split('\n').filter((line) => line !== '');
      const stray = lines.filter((line) => !line.startsWith('errinject: ') && !/^\(node:\d+\) /.test(line) && !line.startsWith('(Use `node --trace-warnings'));
      expect(stray.map((line) => line.slice(0, 200)), `${what}: stderr lines that are neither reports nor warnings`).to.deep.equal([]);
      expectBounded(lines, what);
      return lines;
    }

    it('should load, report and skip every entry with . or .. (fail_function/./probability=1 killed the process: item 2), and apply the others', function () {
      this.timeout(30000);
      const good = ['fail_function/probability=3', '/sys/kernel/debug//fail_function//times=-1', 'later_cap/times=4'];
      // After the good entries, so that one applied by mistake would show.
      const bad = [
        'fail_function/./probability=1',
        'fail_function/../fail_function/times=5',
        '/sys/kernel/debug/fail_function/./verbose=0',
        './fail_function/interval=3',
        'fail_function/probability/..=7',
        'self/../self/fail-nth=2',
        '/proc/self/./fail-nth=3',
        'later_cap/./times=9',
        'later_cap/../later_cap/times=9',
      ];
      const errinject = [...good, ...bad].join(' ');
      const result = loadCoreInChild(errinject, BODY);
      const lines = expectLoaded(result, errinject);
      for (const entry of bad) {
        expect(lines.filter((line) => line.includes(JSON.stringify(entry).slice(1, -1))), `the report of ${entry}`).to.have.length(1);
      }
      const out = result.out as Record<string, unknown>;
      expect(out['ff']).to.deep.equal(['3\n', '-1\n', '2\n', '1\n']);
      expect([out['later'], out['nth']]).to.deep.equal(['4\n', '0\n']);
    });

    it('should report a 100 KB entry on one line of at most 1,000 characters (item 8)', function () {
      this.timeout(30000);
      // (A 100 KB entry that is not an assignment, and 400 KB ones, are in the in-process property above.)
      const errinject = `fail_function/require-stack=${'a'.repeat(100_000)}`;
      const result = loadCoreInChild(errinject, BODY);
      const lines = expectLoaded(result, errinject);
      expect(lines, `the report of ${show(errinject)}`).to.have.length(1);
    });

    it('should report 14,000 bad entries within 64 KiB, and still apply the good entry after them (item 8)', function () {
      this.timeout(30000);
      // No `.` among them: that is item 2, above; this is about what the report prints.
      const kinds = ['x', '=', 'a=b', '=1', 'café', 'fail_function/nope=1', 'later=1,2', 'x/y'];
      const errinject = [...Array.from({ length: 14_000 }, (_, i) => kinds[i % kinds.length] as string), 'fail_function/verbose=1'].join(' ');
      expect(Buffer.byteLength(errinject), 'within the 128 KiB of one environment string').to.be.below(128 * 1024 - 16);
      const result = loadCoreInChild(errinject, BODY);
      expectLoaded(result, `${errinject.slice(0, 40)}... (14,001 entries)`);
      expect((result.out as Record<string, unknown>)['ff']).to.deep.equal(['0\n', '1\n', '1\n', '1\n']);
    });

    it('should load with off among bad entries, apply off, and refuse the rest', function () {
      this.timeout(30000);
      const errinject = 'fail_function/probability=1 off fail_function/./probability=1;; off == =x off=1 OFF fail_function/inject=* fail_function/times=-1';
      const result = loadCoreInChild(errinject, `${BODY}
        out.write = codeOf(() => core.debugfs.write('fail_function/probability', '100'));`);
      expectLoaded(result, errinject);
      const out = result.out as Record<string, unknown>;
      expect(out['ff']).to.deep.equal(['0\n', '1\n', '2\n', '1\n']);
      expect(out['write']).to.equal('EPERM');
    });

    it('should load with non-ASCII names and = in every place, and arm café when it is marked', function () {
      this.timeout(30000);
      const errinject = 'café=1,1,1,1 数据/打开=1 ==== =1 a==b fail_function/times==1 fail_function/times=1=2 fail_function/inject=café fail_function/verbose= later_cap/=1 later_cap==1,1,1,1';
      const result = loadCoreInChild(errinject, `${BODY}
        out.inject = core.debugfs.read('fail_function/inject');`);
      expectLoaded(result, errinject);
      expect((result.out as Record<string, unknown>)['inject'], 'café was armed when it was marked (item 5)').to.equal('café\n');
    });

    it('should load whatever a fuzzer puts in ERRINJECT', function () {
      this.timeout(60000);
      const entry = fc.oneof(
        fc.constantFrom(
          'off', 'fail_function/inject=*', 'fail_function/inject=!*', 'fail_function/inject=', 'fail_function/inject=!café', 'fail_function/inject=Store.open',
          'fail_function/inject=!', 'fail_function/Store.open/retval=-12', 'fail_function/café/retval=0', 'fail_function/probability=100', 'fail_function/times=-1',
          'self/fail-nth=1', 'self/make-it-fail=1', 'later_cap=1,100,0,-1', 'later_cap/task-filter=Y', 'fail_function=1,1,1,1', 'fail_function/./inject=*',
        ),
        fc.tuple(fc.constantFrom('fail_function', 'later_cap', 'self', '/proc/self', '/sys/kernel/debug/fail_function', 'nope', '.', '..', ''), fc.constantFrom('/', '/./', '/../', '//', ''), fc.constantFrom(...GENERIC_KNOBS, 'inject', 'fail-nth', 'x'), fc.constantFrom('=', '==', ''), hostileValue).map(
          ([a, b, c, d, e]) => oneEntry(a + b + c + d + e),
        ),
        hostileValue.map(oneEntry),
      );
      const errinject = fc.tuple(fc.array(entry, { minLength: 1, maxLength: 40 }), fc.array(fc.nat({ max: 50 }), { minLength: 41, maxLength: 41 })).map(([list, separators]) => {
        // An environment string holds no NUL, and at most 128 KiB.
        let text = joinEntries(list.map((text) => ({ text, kind: 'any' as const })), separators).text.replace(/\0/g, '0');
        while (Buffer.byteLength(text) > 100_000) text = text.slice(0, Math.floor(text.length / 2));
        return text;
      });
      fc.assert(
        fc.property(errinject, (value) => {
          expectLoaded(loadCoreInChild(value, BODY), value);
        }),
        // Each run is a process: the counterexample is not shrunk (the in-process properties above shrink theirs).
        { numRuns: 2, endOnFailure: true, reporter: compactReport },
      );
    });
  });
});
