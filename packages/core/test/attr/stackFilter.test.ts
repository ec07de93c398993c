import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import {
  debugfs,
  declareFaultAttr,
  type FaultAttr,
  type FaultAttrInit,
  procfs,
  runTask,
  shouldFail,
} from '../../src/index';
import type { FaultAttrImpl } from '../../src/attr/FaultAttr';
import { compileStackPattern } from '../../src/attr/stackFilter';
import { uniqueNames } from '../support/names';
import { silenceVerbose } from '../support/sink';
import { callFromFixture } from './fixtures/stackCallers';

const uniqueName = uniqueNames('attr-stack');

/** A capability that fails every call its stack filter lets through. */
function declare(label: string, init: FaultAttrInit = {}): FaultAttr {
  return declareFaultAttr(uniqueName(label), { probability: 100, times: -1, verbose: 0, ...init });
}

function setKnob(attr: FaultAttr, knob: string, value: string): void {
  debugfs.write(`${attr.name}/${knob}`, value);
}

// Named callers: the filter sees their frames.
function matchingCaller(attr: FaultAttr): boolean {
  return shouldFail(attr);
}
function otherCaller(attr: FaultAttr): boolean {
  return shouldFail(attr);
}
function StoreXopen(attr: FaultAttr): boolean {
  return shouldFail(attr);
}
function deepCaller(attr: FaultAttr): boolean {
  return level1(attr);
}
function level1(attr: FaultAttr): boolean {
  return level2(attr);
}
function level2(attr: FaultAttr): boolean {
  return shouldFail(attr);
}
function sizedCaller(attr: FaultAttr, size: number): boolean {
  return shouldFail(attr, size);
}

class Store {
  open(attr: FaultAttr): boolean {
    return shouldFail(attr);
  }

  static create(attr: FaultAttr): boolean {
    return shouldFail(attr);
  }
}

async function readLater(attr: FaultAttr): Promise<boolean> {
  await null;
  return shouldFail(attr);
}

class AsyncStore {
  async load(attr: FaultAttr): Promise<boolean> {
    return await readLater(attr);
  }
}

const FIXTURE_FILE = require.resolve('./fixtures/stackCallers');

describe('stackFilter', () => {
  silenceVerbose('each');

  describe('when the pattern knobs are read back', () => {
    for (const knob of ['require-stack', 'reject-stack']) {
      it(`should read ${knob} as an empty line by default`, () => {
        // Arrange
        const attr = declare('readback-default');

        // Act
        const read = debugfs.read(`${attr.name}/${knob}`);

        // Assert
        expect(read).to.equal('\n');
      });

      it(`should read ${knob} back as the patterns joined by commas`, () => {
        // Arrange
        const attr = declare('readback');

        // Act
        setKnob(attr, knob, ' open, Store.*\n*/lib/*.js,,\n');
        const read = debugfs.read(`${attr.name}/${knob}`);

        // Assert
        expect(read).to.equal('open,Store.*,*/lib/*.js\n');
      });

      it(`should clear ${knob} with an empty write`, () => {
        // Arrange
        const attr = declare('readback-clear');
        setKnob(attr, knob, 'open');

        // Act
        setKnob(attr, knob, '');

        // Assert
        expect(debugfs.read(`${attr.name}/${knob}`)).to.equal('\n');
      });
    }

    it('should clamp stacktrace-depth to 32 and read back what it keeps (E47)', () => {
      // Arrange
      const attr = declare('depth-clamp');

      // Act
      const initial = debugfs.read(`${attr.name}/stacktrace-depth`);
      setKnob(attr, 'stacktrace-depth', '100');
      const clamped = debugfs.read(`${attr.name}/stacktrace-depth`);
      setKnob(attr, 'stacktrace-depth', '5');

      // Assert
      expect([initial, clamped, debugfs.read(`${attr.name}/stacktrace-depth`)]).to.deep.equal(['32\n', '32\n', '5\n']);
    });
  });

  describe('when require-stack is set', () => {
    it('should fail only calls from a caller whose function name matches', () => {
      // Arrange
      const attr = declare('require-name', { requireStack: 'matchingCaller' });

      // Act
      const results = [matchingCaller(attr), otherCaller(attr), matchingCaller(attr)];

      // Assert
      expect(results).to.deep.equal([true, false, true]);
    });

    const globs: Array<[string, boolean, boolean]> = [
      ['matching*', true, false],
      ['matchingCalle?', true, false],
      ['?atchingCaller', true, false],
      ['*Caller', true, true],
      ['*', true, true],
      ['matching', false, false],
      ['Caller', false, false],
      ['matchingCaller?', false, false],
      ['matchingcaller', false, false],
    ];
    for (const [pattern, matching, other] of globs) {
      it(`should match whole names with ${JSON.stringify(pattern)}`, () => {
        // Arrange
        const attr = declare('require-glob', { requireStack: pattern });

        // Act
        const results = [matchingCaller(attr), otherCaller(attr)];

        // Assert
        expect(results).to.deep.equal([matching, other]);
      });
    }

    it('should take patterns separated by commas', () => {
      // Arrange
      const attr = declare('require-comma', { requireStack: 'noSuchFunction,matchingCaller' });

      // Act
      const results = [matchingCaller(attr), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal([true, false]);
    });

    it('should take patterns separated by newlines', () => {
      // Arrange
      const attr = declare('require-newline');
      setKnob(attr, 'require-stack', 'noSuchFunction\nmatchingCaller\n');

      // Act
      const results = [matchingCaller(attr), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal([true, false]);
    });

    it('should take an array of patterns at declaration', () => {
      // Arrange
      const attr = declare('require-array', { requireStack: ['noSuchFunction', 'otherCaller'] });

      // Act
      const results = [matchingCaller(attr), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal([false, true]);
      expect(debugfs.read(`${attr.name}/require-stack`)).to.equal('noSuchFunction,otherCaller\n');
    });

    it('should treat . in a pattern literally', () => {
      // Arrange
      const attr = declare('require-dot', { requireStack: 'Store.open' });

      // Act
      const results = [StoreXopen(attr), new Store().open(attr)];

      // Assert
      expect(results).to.deep.equal([false, true]);
    });

    const qualified: Array<[string, boolean, boolean]> = [
      ['Store.open', true, false],
      ['Store.create', false, true],
      ['Store.*', true, true],
      ['open', true, false],
      ['create', false, true],
      ['*.open', true, false],
      ['Other.open', false, false],
    ];
    for (const [pattern, instance, statik] of qualified) {
      it(`should match methods by qualified name with ${JSON.stringify(pattern)}, static methods included`, () => {
        // Arrange
        const attr = declare('require-qualified', { requireStack: pattern });

        // Act
        const results = [new Store().open(attr), Store.create(attr)];

        // Assert
        expect(results).to.deep.equal([instance, statik]);
      });
    }

    it('should match the qualified name of an async method awaiting further down', async () => {
      // Arrange
      const attr = declare('require-async', { requireStack: 'AsyncStore.load' });
      const unrelated = declare('require-async-miss', { requireStack: 'AsyncStore.save' });

      // Act
      const results = [await new AsyncStore().load(attr), await new AsyncStore().load(unrelated)];

      // Assert
      expect(results).to.deep.equal([true, false]);
    });

    const files: Array<[string, string]> = [
      ['the file name', basename(FIXTURE_FILE)],
      ['a path suffix after /', `${basename(dirname(FIXTURE_FILE))}/${basename(FIXTURE_FILE)}`],
      ['the full path', FIXTURE_FILE],
      ['a glob over the path', '*/fixtures/stack*.js'],
    ];
    for (const [what, pattern] of files) {
      it(`should match a frame by ${what}`, () => {
        // Arrange
        const attr = declare('require-file', { requireStack: pattern });

        // Act
        const results = [callFromFixture(() => shouldFail(attr)), otherCaller(attr)];

        // Assert
        expect(results).to.deep.equal([true, false]);
      });
    }

    it('should not match a path suffix that does not start after a /', () => {
      // Arrange
      const attr = declare('require-file-partial', { requireStack: basename(FIXTURE_FILE).slice(1) });

      // Act
      const result = callFromFixture(() => shouldFail(attr));

      // Assert
      expect(result).to.equal(false);
    });
  });

  describe('when reject-stack is set', () => {
    it('should never fail calls from a matching caller', () => {
      // Arrange
      const attr = declare('reject-name', { rejectStack: 'matchingCaller' });

      // Act
      const results = [matchingCaller(attr), otherCaller(attr), matchingCaller(attr), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal([false, true, false, true]);
    });

    it('should reject by file path', () => {
      // Arrange
      const attr = declare('reject-file', { rejectStack: basename(FIXTURE_FILE) });

      // Act
      const results = [callFromFixture(() => shouldFail(attr)), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal([false, true]);
    });

    it('should reject by qualified method name', () => {
      // Arrange
      const attr = declare('reject-qualified', { rejectStack: 'Store.create' });

      // Act
      const results = [new Store().open(attr), Store.create(attr)];

      // Assert
      expect(results).to.deep.equal([true, false]);
    });

    it('should win over require-stack', () => {
      // Arrange
      const attr = declare('reject-and-require', { requireStack: '*Caller', rejectStack: 'otherCaller' });

      // Act
      const results = [matchingCaller(attr), otherCaller(attr), level2(attr)];

      // Assert
      expect(results).to.deep.equal([true, false, false]);
    });

    it('should not use space or count interval for a rejected call', () => {
      // Arrange
      const attr = declare('reject-space', { rejectStack: 'matchingCaller', space: 5 });

      // Act
      const rejected = [matchingCaller(attr), matchingCaller(attr), matchingCaller(attr)];
      const spaceAfterRejected = debugfs.read(`${attr.name}/space`);
      const accepted = [sizedCaller(attr, 4), sizedCaller(attr, 4)];

      // Assert
      expect(rejected).to.deep.equal([false, false, false]);
      expect(spaceAfterRejected).to.equal('5\n');
      expect(accepted).to.deep.equal([false, true]);
      expect(debugfs.read(`${attr.name}/space`)).to.equal('1\n');
    });
  });

  describe('when stacktrace-depth limits the frames', () => {
    const requireCases: Array<[number, string, boolean]> = [
      [1, 'level2', true],
      [1, 'level1', false],
      [2, 'level1', true],
      [2, 'deepCaller', false],
      [3, 'deepCaller', true],
      [32, 'deepCaller', true],
    ];
    for (const [depth, pattern, expected] of requireCases) {
      it(`should ${expected ? '' : 'not '}find require-stack ${pattern} within depth ${depth}`, () => {
        // Arrange
        const attr = declare('depth-require', { requireStack: pattern, stacktraceDepth: depth });

        // Act
        const result = deepCaller(attr);

        // Assert
        expect(result).to.equal(expected);
      });
    }

    const rejectCases: Array<[number, string, boolean]> = [
      [2, 'deepCaller', true],
      [3, 'deepCaller', false],
      [1, 'level1', true],
      [1, 'level2', false],
    ];
    for (const [depth, pattern, fails] of rejectCases) {
      it(`should ${fails ? 'not ' : ''}see reject-stack ${pattern} within depth ${depth}`, () => {
        // Arrange
        const attr = declare('depth-reject', { rejectStack: pattern, stacktraceDepth: depth });

        // Act
        const result = deepCaller(attr);

        // Assert
        expect(result).to.equal(fails);
      });
    }

    it('should never fail with depth 0 and a require-stack, not even through fail-nth, and not count the calls', () => {
      // Arrange
      const attr = declare('depth0-require', { requireStack: '*', stacktraceDepth: 0 });

      // Act
      const results = runTask(
        () => {
          const calls = [matchingCaller(attr), matchingCaller(attr), matchingCaller(attr)];
          return { calls, nth: procfs.read('self/fail-nth') };
        },
        { failNth: 1 },
      );
      const plain = [matchingCaller(attr), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal({ calls: [false, false, false], nth: '1\n' });
      expect(plain).to.deep.equal([false, false]);
    });

    it('should let every call through with depth 0 and only a reject-stack', () => {
      // Arrange
      const attr = declare('depth0-reject', { rejectStack: 'matchingCaller', stacktraceDepth: 0 });

      // Act
      const results = [matchingCaller(attr), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal([true, true]);
    });
  });

  describe('when fail-nth is armed', () => {
    it('should not count a rejected call towards fail-nth', () => {
      // Arrange
      const attr = declare('nth-reject', { probability: 0, rejectStack: 'matchingCaller' });

      // Act
      const steps = runTask(
        () => {
          const seen: Array<[boolean, string]> = [];
          const step = (result: boolean): void => {
            seen.push([result, procfs.read('self/fail-nth')]);
          };
          step(matchingCaller(attr));
          step(otherCaller(attr));
          step(matchingCaller(attr));
          step(matchingCaller(attr));
          step(otherCaller(attr));
          return seen;
        },
        { failNth: 2 },
      );

      // Assert
      expect(steps).to.deep.equal([
        [false, '2\n'],
        [false, '1\n'],
        [false, '1\n'],
        [false, '1\n'],
        [true, '0\n'],
      ]);
    });

    it('should not count a call that misses require-stack towards fail-nth', () => {
      // Arrange
      const attr = declare('nth-require', { probability: 0, requireStack: 'matchingCaller' });

      // Act
      const steps = runTask(
        () => [otherCaller(attr), otherCaller(attr), procfs.read('self/fail-nth'), matchingCaller(attr), procfs.read('self/fail-nth')],
        { failNth: 1 },
      );

      // Assert
      expect(steps).to.deep.equal([false, false, '1\n', true, '0\n']);
    });
  });

  describe('when no filter is set', () => {
    function countStackCaptures(fn: () => void): number {
      const original = Error.captureStackTrace;
      let count = 0;
      Error.captureStackTrace = function countingCaptureStackTrace(target: object, constructorOpt?: Function): void {
        count += 1;
        original.call(Error, target, constructorOpt);
      };
      try {
        fn();
      } finally {
        Error.captureStackTrace = original;
      }
      return count;
    }

    it('should capture no stack, for probability and for fail-nth calls', () => {
      // Arrange
      const attr = declare('no-filter');

      // Act
      const captures = countStackCaptures(() => {
        for (let i = 0; i < 20; i++) matchingCaller(attr);
        runTask(
          () => {
            for (let i = 0; i < 5; i++) matchingCaller(attr);
          },
          { failNth: 3 },
        );
      });

      // Assert
      expect(captures).to.equal(0);
    });

    it('should capture no stack with depth 0', () => {
      // Arrange
      const attr = declare('no-walk', { requireStack: 'matchingCaller', rejectStack: 'otherCaller', stacktraceDepth: 0 });

      // Act
      const captures = countStackCaptures(() => {
        for (let i = 0; i < 5; i++) matchingCaller(attr);
      });

      // Assert
      expect(captures).to.equal(0);
    });

    it('should capture stacks once a pattern is set (the counting works)', () => {
      // Arrange
      const attr = declare('filter-set', { rejectStack: 'noSuchFunction' });

      // Act
      const captures = countStackCaptures(() => {
        for (let i = 0; i < 5; i++) matchingCaller(attr);
      });

      // Assert
      expect(captures).to.be.at.least(5);
    });

    it('should capture no stack once the patterns are cleared', () => {
      // Arrange
      const attr = declare('filter-cleared', { requireStack: 'matchingCaller' });
      setKnob(attr, 'require-stack', '');

      // Act
      const captures = countStackCaptures(() => {
        for (let i = 0; i < 5; i++) otherCaller(attr);
      });

      // Assert
      expect(captures).to.equal(0);
      expect(otherCaller(attr)).to.equal(true);
    });
  });

  describe('when another copy of the core compiled the patterns, or reads them', () => {
    it('should decide by the patterns of a list compiled as RegExps (errinject 0.1.0)', () => {
      // Arrange: the fields as an older copy leaves them.
      const attr = declare('other-copy-wrote');
      const impl = attr as unknown as FaultAttrImpl;
      impl.requireStack = ['matching*'];
      impl.requireMatchers = [{ pattern: 'matching*', name: /^(?:matching.*)$/, file: /(?:^|\/)(?:matching.*)$/ }];

      // Act
      const results = [matchingCaller(attr), otherCaller(attr)];

      // Assert
      expect(results).to.deep.equal([true, false]);
    });

    it('should leave matchers an older copy can test names and paths with', () => {
      // Arrange
      const attr = declare('other-copy-reads', { requireStack: 'Store.*,*/lib/*.js' });
      const [name, file] = (attr as unknown as FaultAttrImpl).requireMatchers;

      // Act
      const results = [name?.name.test('Store.open'), name?.name.test('Cache.open'), file?.file.test('/app/lib/x.js'), file?.file.test('/app/src/x.js')];

      // Assert
      expect(results).to.deep.equal([true, false, true, false]);
      expect(compileStackPattern('a?c').name.test('abc')).to.equal(true);
    });
  });

  describe('when a frame name holds a line terminator', () => {
    const named = { ['line\nbreak'](attr: FaultAttr): boolean {
      return shouldFail(attr);
    } };

    it('should let * and ? match it, as any other character', () => {
      // Arrange
      const star = declare('line-terminator-star', { requireStack: 'line*break' });
      const question = declare('line-terminator-question', { requireStack: 'line?break' });

      // Act
      const results = [named['line\nbreak'](star), named['line\nbreak'](question), otherCaller(star)];

      // Assert
      expect(results).to.deep.equal([true, true, false]);
    });
  });

  describe('when the core is bundled next to the caller (regression: frames were told apart by directory)', () => {
    /** The built package (packages/core), whose dist is copied to play the bundle. */
    const packageDir = dirname(require.resolve('@errinject/core/package.json'));
    let temp: string;
    let bundle: string;

    before(() => {
      // T/app/core/ holds the core's files, and the caller lives in that very folder.
      temp = realpathSync(mkdtempSync(join(tmpdir(), 'errinject-bundled-')));
      bundle = join(temp, 'app', 'core');
      mkdirSync(dirname(bundle), { recursive: true });
      cpSync(join(packageDir, 'dist'), bundle, { recursive: true });
      // The core reads its version from '@errinject/core/package.json', which a bundler inlines; this
      // copy finds it where the installed package would be.
      const installed = join(temp, 'app', 'node_modules', '@errinject', 'core');
      mkdirSync(installed, { recursive: true });
      cpSync(join(packageDir, 'package.json'), join(installed, 'package.json'));
    });

    after(() => {
      rmSync(temp, { recursive: true, force: true });
    });

    /** Runs a caller file written into the bundle's folder, and returns what it printed as JSON. */
    function runCaller(source: string): Record<string, unknown> {
      const file = join(bundle, 'caller.js');
      writeFileSync(file, source);
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env['ERRINJECT'];
      delete env['ERRINJECT_SEED'];
      delete env['NODE_OPTIONS'];
      const child = spawnSync(process.execPath, [file], { cwd: temp, env, encoding: 'utf8', timeout: 15000 });
      if (child.status !== 0) {
        throw new Error(`the caller exited with ${String(child.status)} (${String(child.signal)}):\n${child.stderr}\n${child.stdout}`);
      }
      expect(child.stderr).to.equal('');
      return JSON.parse(child.stdout) as Record<string, unknown>;
    }

    const CALLER = `'use strict';
const core = require('./index.js');
const attr = core.declareFaultAttr('bundled_cap', { probability: 100, times: -1, verbose: 0, requireStack: 'callerFn' });
function call(entry) {
  if (entry === 'shouldFailEx') return core.shouldFailEx(attr, 1, 0);
  if (entry === 'decideFault') return core.decideFault(attr);
  return core.shouldFail(attr);
}
function callerFn(entry) { return entry === undefined ? core.shouldFail(attr) : call(entry); }
function otherFn(entry) { return entry === undefined ? core.shouldFail(attr) : call(entry); }
const records = [];
core.setVerboseSink((record) => { records.push(record); });
const out = {};
out.shouldFail = [callerFn(), otherFn(), callerFn()];
out.shouldFailEx = [callerFn('shouldFailEx'), otherFn('shouldFailEx')];
out.decideFault = [callerFn('decideFault'), otherFn('decideFault')];
out.quiet = records.length;
core.debugfs.write('bundled_cap/verbose', '2');
out.verbose = [callerFn(), otherFn()];
out.stacks = records.map((record) => record.stack);
process.stdout.write(JSON.stringify(out));
`;

    it('should find the caller by the entry point it called, for shouldFail, shouldFailEx and decideFault', () => {
      // Act
      const out = runCaller(CALLER);

      // Assert
      expect(out['shouldFail']).to.deep.equal([true, false, true]);
      expect(out['shouldFailEx']).to.deep.equal([true, false]);
      expect(out['decideFault']).to.deep.equal(['fail', 'stack-filter']);
      expect(out['quiet']).to.equal(0);
    });

    it('should start the verbose stack at the caller, with no frame of the core', () => {
      // Act
      const out = runCaller(CALLER);

      // Assert
      expect(out['verbose']).to.deep.equal([true, false]);
      const stacks = out['stacks'] as Array<string | undefined>;
      expect(stacks).to.have.length(1);
      const lines = (stacks[0] ?? '').split('\n');
      expect(lines[0]).to.include('callerFn').and.include(join(bundle, 'caller.js'));
      for (const line of lines) {
        expect(line).to.not.include(join(bundle, 'attr'));
        expect(line).to.not.include(join(bundle, 'verbose'));
        expect(line).to.not.include(join(bundle, 'index.js'));
      }
    });
  });
});
