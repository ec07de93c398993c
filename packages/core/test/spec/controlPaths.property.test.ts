import { expect } from 'chai';
import * as fc from 'fast-check';
import {
  allowErrorInjection,
  debugfs,
  declareFaultAttr,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  GENERIC_KNOBS,
  procfs,
  runTask,
  type ControlTree,
  type ErrorInjectionType,
} from '../../src/index';
import { attempt, expectControlRefusal, MESSAGE_LIMIT, show } from '../support/controlRefusal';
import { controlTreeChanges, countFiles, expectWholeTreeKept, observeControlTree, type ControlTreeState } from '../support/controlTreeState';
import { hostileValue, MANGLE_COUNT, mangledPath, nonStringValue } from '../support/hostileInputs';
import { uniqueNames } from '../support/names';
import { compactReport } from '../support/compactReport';
import { silenceVerbose } from '../support/sink';

/**
 * Every control path, fuzzed (issue 9, "Keep it fixed"): every knob of a capability and of
 * `fail_function`, `fail_function/inject`, `injectable`, each type's `retval`, procfs `self/fail-nth`
 * and `self/make-it-fail`, their directories and paths that name nothing; written, read, listed and
 * stat'ed with random and adversarial values, through paths mangled every way a user could mangle
 * them, and with arguments that are not strings.
 *
 * The contract (API.md): a write is accepted, or refused with an ErrInjectError whose `code` is an
 * errno name (ERR_INVALID_ARG_TYPE for a path or value that is not a string), and a refused write
 * changes nothing: every file `list()` reaches under the directories the writes aim at (this file's
 * capability, all of `fail_function`, procfs) and the state the tree does not show read the same
 * after it; and the whole tree, every file of every capability of the process, reads the same after
 * all the properties as before them, this file's capability aside (support/controlTreeState says why
 * not around each write). No call throws anything else. Reads change nothing at all.
 *
 * Figures: 6 properties of 400, 400, 200, 150, 300 and 300 runs, one call per run; values and
 * paths up to 400 KB.
 */

const uniqueName = uniqueNames('spec-paths');

/** fail_function's knobs and files, restored after every run that could have changed them. */
const FAIL_FUNCTION_KNOBS = GENERIC_KNOBS;

interface Target {
  readonly tree: 'debugfs' | 'procfs';
  readonly path: string;
}

/** A marked function of each type, armed for the whole file so that its retval exists. */
interface ArmedFunction {
  readonly name: string;
  readonly type: ErrorInjectionType;
}

const TYPES: readonly ErrorInjectionType[] = [EI_TYPE_NULL, EI_TYPE_ERRNO, EI_TYPE_ERRNO_NULL, EI_TYPE_TRUE];

function treeOf(tree: 'debugfs' | 'procfs'): ControlTree {
  return tree === 'debugfs' ? debugfs : procfs;
}

describe('control paths (fuzzed over the whole tree)', function () {
  this.timeout(60000);
  silenceVerbose('all');

  let cap = '';
  let functions: ArmedFunction[] = [];
  let targets: Target[] = [];
  let saved: Array<readonly [string, string]> = [];
  let whole: ControlTreeState | undefined;

  /** What a write may change: this file's capability, fail_function, procfs, and the hidden state. */
  function observe(): ControlTreeState {
    return observeControlTree({ debugfsDirs: [cap, 'fail_function'] });
  }

  /** Puts fail_function back: its knobs as they read before the file, and exactly this file's functions armed, at their default retval. */
  function restoreFailFunction(): void {
    debugfs.write('fail_function/inject', '');
    for (const [knob, value] of saved) debugfs.write(`fail_function/${knob}`, value);
    for (const { name } of functions) debugfs.write('fail_function/inject', name);
  }

  before(() => {
    cap = uniqueName('cap');
    declareFaultAttr(cap, { verbose: 0 });
    saved = FAIL_FUNCTION_KNOBS.map((knob) => [knob, debugfs.read(`fail_function/${knob}`)] as const);
    functions = TYPES.map((type) => {
      const name = uniqueName(`fn${type}`);
      allowErrorInjection(type, () => null, { name });
      return { name, type };
    });
    restoreFailFunction();
    targets = [
      ...GENERIC_KNOBS.map((knob) => ({ tree: 'debugfs' as const, path: `${cap}/${knob}` })),
      ...FAIL_FUNCTION_KNOBS.map((knob) => ({ tree: 'debugfs' as const, path: `fail_function/${knob}` })),
      { tree: 'debugfs', path: 'fail_function/inject' },
      { tree: 'debugfs', path: 'fail_function/injectable' },
      ...functions.map(({ name }) => ({ tree: 'debugfs' as const, path: `fail_function/${name}/retval` })),
      { tree: 'procfs', path: 'self/fail-nth' },
      { tree: 'procfs', path: 'self/make-it-fail' },
      // Directories, and paths that name nothing.
      { tree: 'debugfs', path: '' },
      { tree: 'debugfs', path: cap },
      { tree: 'debugfs', path: 'fail_function' },
      { tree: 'debugfs', path: `fail_function/${(functions[0] as ArmedFunction).name}` },
      { tree: 'debugfs', path: `${cap}/nope` },
      { tree: 'debugfs', path: `${cap}/probability/more` },
      { tree: 'debugfs', path: 'no-such-capability/probability' },
      { tree: 'procfs', path: 'self' },
      { tree: 'procfs', path: 'self/nope' },
      { tree: 'procfs', path: 'fail_function/probability' },
    ];
    whole = observeControlTree();
  });

  after(() => {
    // This file's capabilities may keep what was written to them; nothing else may change.
    expectWholeTreeKept(whole as ControlTreeState, (key) => key.startsWith('debugfs:spec-paths-'));
    debugfs.write('fail_function/inject', '');
    for (const [knob, value] of saved) debugfs.write(`fail_function/${knob}`, value);
    for (const [knob, value] of saved) expect(debugfs.read(`fail_function/${knob}`), `fail_function/${knob} restored`).to.equal(value);
  });

  const targetIndex = fc.nat({ max: 1000 });
  const pick = (i: number): Target => targets[i % targets.length] as Target;

  /**
   * Writes `value` to `path` in a task of its own; a refusal must carry an errno (or
   * ERR_INVALID_ARG_TYPE for a non-string) and leave the whole observation as it was.
   */
  function writeOnce(tree: 'debugfs' | 'procfs', path: unknown, value: unknown, makeItFail: boolean): void {
    const what = `${tree}.write(${show(path)}, ${show(value)})`;
    try {
      runTask(
        () => {
          const before = observe();
          const outcome = attempt(() => treeOf(tree).write(path as string, value as string));
          if (outcome.ok) {
            // An accepted write leaves the file readable through the same path.
            const read = attempt(() => treeOf(tree).read(path as string));
            expect(read.ok, `${what} was accepted, then reading it back threw ${read.ok ? '' : show((read.error as Error).message)}`).to.equal(true);
            return;
          }
          expectControlRefusal(outcome.error, what, typeof path !== 'string' || typeof value !== 'string');
          expect(controlTreeChanges(before, observe()), `what changed after the refused ${what}`).to.deep.equal([]);
        },
        { makeItFail },
      );
    } finally {
      restoreFailFunction();
    }
  }

  describe('when any value is written to any control path', () => {
    it('should accept it or refuse it with an errno, and change nothing when it refuses', () => {
      fc.assert(
        fc.property(targetIndex, hostileValue, fc.boolean(), (i, value, makeItFail) => {
          const { tree, path } = pick(i);
          writeOnce(tree, path, value, makeItFail);
        }),
        { numRuns: 400, reporter: compactReport },
      );
    });
  });

  describe('when the path is mangled: . and .., mount points, repeated and trailing slashes, NUL, 400 KB', () => {
    it('should accept the write or refuse it with an errno, and change nothing when it refuses', () => {
      fc.assert(
        fc.property(targetIndex, fc.nat({ max: MANGLE_COUNT - 1 }), fc.oneof(hostileValue, fc.constantFrom('0', '1', '5', '-1', '')), (i, how, value) => {
          const { tree, path } = pick(i);
          writeOnce(tree, mangledPath(path, tree, how), value, false);
        }),
        { numRuns: 400, reporter: compactReport },
      );
    });
  });

  describe('when a path or a value is not a string', () => {
    it('should refuse it with ERR_INVALID_ARG_TYPE or an errno, and change nothing', () => {
      fc.assert(
        fc.property(targetIndex, fc.boolean(), nonStringValue, hostileValue, (i, pathIsBad, bad, value) => {
          const { tree, path } = pick(i);
          const what = pathIsBad ? `${tree}.write(${show(bad)}, ${show(value)})` : `${tree}.write(${show(path)}, ${show(bad)})`;
          try {
            runTask(() => {
              const before = observe();
              const outcome = attempt(() => (pathIsBad ? treeOf(tree).write(bad as string, value) : treeOf(tree).write(path, bad as string)));
              expect(outcome.ok, `${what} was accepted`).to.equal(false);
              if (!outcome.ok) expectControlRefusal(outcome.error, what, true);
              expect(controlTreeChanges(before, observe()), `what changed after the refused ${what}`).to.deep.equal([]);
            });
          } finally {
            restoreFailFunction();
          }
        }),
        { numRuns: 200, reporter: compactReport },
      );
    });
  });

  describe('when fail_function/injectable is written, by any path that names it', () => {
    it('should refuse every value with EACCES and change nothing', () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue, fc.constantFrom('', '*', (functions[0] as ArmedFunction | undefined)?.name ?? 'x')), fc.constantFrom(0, 1, 2, 3, 4, 5), (value, how) => {
          const path = mangledPath('fail_function/injectable', 'debugfs', how);
          const before = observe();
          const outcome = attempt(() => debugfs.write(path, value));
          expect(outcome.ok, `debugfs.write(${show(path)}, ${show(value)}) was accepted`).to.equal(false);
          if (!outcome.ok) expect((outcome.error as { code?: unknown }).code).to.equal('EACCES');
          expect(controlTreeChanges(before, observe())).to.deep.equal([]);
        }),
        { numRuns: 150, reporter: compactReport },
      );
    });
  });

  describe('when any path is read, listed or stat-ed', () => {
    it('should answer or refuse with an errno, and change nothing', () => {
      const anyPath = fc.oneof(
        fc.tuple(targetIndex, fc.nat({ max: MANGLE_COUNT - 1 })).map(([i, how]) => {
          const { tree, path } = pick(i);
          return { tree, path: mangledPath(path, tree, how) as unknown };
        }),
        fc.tuple(fc.constantFrom<'debugfs' | 'procfs'>('debugfs', 'procfs'), fc.oneof(hostileValue, nonStringValue)).map(([tree, path]) => ({ tree, path })),
      );
      fc.assert(
        fc.property(anyPath, fc.constantFrom('read', 'list', 'stat'), ({ tree, path }, op) => {
          const what = `${tree}.${op}(${show(path)})`;
          runTask(() => {
            const before = observe();
            const outcome = attempt(() => treeOf(tree)[op as 'read'](path as string));
            if (outcome.ok) {
              if (op === 'read') expect(outcome.value, what).to.be.a('string');
              if (op === 'list') expect(outcome.value, what).to.be.an('array');
              if (op === 'stat') expect([undefined, 'file', 'dir'], what).to.include(outcome.value);
            } else {
              expectControlRefusal(outcome.error, what, typeof path !== 'string');
            }
            expect(controlTreeChanges(before, observe()), `what changed after ${what}`).to.deep.equal([]);
          });
        }),
        { numRuns: 300, reporter: compactReport },
      );
    });
  });

  describe('when a refusal names a path or a value of any length (issue 9, item 8)', () => {
    it(`should keep its message within ${MESSAGE_LIMIT} characters`, () => {
      const anyCall = fc.tuple(targetIndex, fc.nat({ max: MANGLE_COUNT - 1 }), hostileValue, fc.constantFrom('write', 'read'));
      fc.assert(
        fc.property(anyCall, ([i, how, value, op]) => {
          const { tree, path } = pick(i);
          const mangled = mangledPath(path, tree, how);
          try {
            runTask(() => {
              const outcome = attempt(() => (op === 'write' ? treeOf(tree).write(mangled, value) : treeOf(tree).read(mangled)));
              if (outcome.ok) return;
              const message = String((outcome.error as Error).message);
              expect(message.length, `the message of ${tree}.${op}(${show(mangled)}${op === 'write' ? `, ${show(value)}` : ''}): ${show(message)}`).to.be.at.most(MESSAGE_LIMIT);
            });
          } finally {
            restoreFailFunction();
          }
        }),
        { numRuns: 300, reporter: compactReport },
      );
    });
  });

  describe('when the whole tree is observed', () => {
    it('should read every file of every capability, fail_function and procfs self/', () => {
      const fresh = uniqueName('observed');
      declareFaultAttr(fresh, { probability: 7 });
      const observation = observeControlTree();
      expect(observation.get(`debugfs:${fresh}/probability`)).to.equal('7\n');
      expect(observation.get(`debugfs:fail_function/${(functions[1] as ArmedFunction).name}/retval`)).to.equal('-22\n');
      expect(observation.get('procfs:self/fail-nth')).to.equal('0\n');
      expect(countFiles(observation)).to.be.at.least(GENERIC_KNOBS.length * 2 + functions.length + 4);
    });
  });
});
