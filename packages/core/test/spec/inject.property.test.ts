import { expect } from 'chai';
import * as fc from 'fast-check';
import {
  AllowErrorInjection,
  allowErrorInjection,
  debugfs,
  EI_TYPE_ERRNO,
  EI_TYPE_ERRNO_NULL,
  EI_TYPE_NULL,
  EI_TYPE_TRUE,
  isErrnoName,
  type ErrorInjectionType,
} from '../../src/index';
import { state } from '../../src/state/sharedState';
import { attempt, expectControlRefusal, show } from '../support/controlRefusal';
import { controlTreeChanges, expectWholeTreeKept, observeControlTree, type ControlTreeState, type WatchedMethod } from '../support/controlTreeState';
import { hostileValue, KSYM_NAME_LEN } from '../support/hostileInputs';
import { uniqueName } from '../support/names';
import { compactReport } from '../support/compactReport';
import { silenceVerbose } from '../support/sink';

/**
 * `fail_function/inject` and `fail_function/<name>/retval` against a model written from the
 * specification (kernel-semantics.md §3.1, §3.4; API.md "Paths"; issue 9 items 4 and 5), over random
 * sequences of writes: names of marked functions (plain functions, methods marked as
 * `experimentalDecorators` output marks them, methods under standard decorators, static and
 * instance, ASCII and not: `café`, `Überprüfe`, `数据.打开`, 512 characters), `!name`, `*`, `!*`, the
 * empty write, whitespace, NUL, 513-character and huge names, random junk, retval writes, and a class
 * that stops taking changes after its method was armed (a frozen class, simulated by a Proxy that can
 * be thawed again, since a function that cannot be armed would make every later `*` of the test
 * process fail).
 *
 * After every write: the outcome is one the model allows (accepted with the model's new state, or
 * refused with the model's code and nothing changed: every file under `fail_function/` and procfs,
 * the functions on the classes and the hidden state read the same), and the invariants hold whatever
 * happened: a name is listed by `inject` exactly when its directory and retval exist, and a method's
 * class holds the function as written exactly when it is not armed. The whole tree reads the same
 * after all the runs as before them.
 *
 * Figures: 150 runs of up to 12 writes (a failure shrinks to the shortest sequence); each non-ASCII
 * name under 25 (5 for the longest) combinations of whitespace; 20 runs with a class frozen after arming.
 */

/** The kernel's `isspace`, which `strstrip` removes around the name. */
const C_SPACE = [' ', '\t', '\n', '\v', '\f', '\r'];

function strstrip(s: string): string {
  return s.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
}

/** The default retval of each type (kernel-semantics.md §3.4), as retval reads it (signed decimal). */
const DEFAULT_RETVAL: Record<ErrorInjectionType, number> = { 1: 0, 2: -22, 3: 0, 4: 1 };

/** Whether a retval read back is one its type accepts (adjust_error_retval(type, v) === v). */
function fitsType(type: ErrorInjectionType, value: number): boolean {
  const errno = Number.isInteger(value) && value >= -4095 && value <= -1;
  switch (type) {
    case EI_TYPE_NULL:
      return value === 0;
    case EI_TYPE_ERRNO:
      return errno;
    case EI_TYPE_ERRNO_NULL:
      return value === 0 || errno;
    default:
      return value === 1;
  }
}

/** The longest start of `text` within `bytes` bytes of UTF-8, without a broken character. */
function utf8Start(text: string, bytes: number): string {
  let end = 0;
  let used = 0;
  for (const ch of text) {
    used += Buffer.byteLength(ch);
    if (used > bytes) break;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** A function of the pool: how it was marked, and for a method where its class holds it. */
interface Marked {
  readonly name: string;
  readonly type: ErrorInjectionType;
  readonly how: string;
  readonly method?: WatchedMethod & { readonly original: unknown };
}

/** What the model keeps: the armed names in order (every function of the process), the retvals of the pool's, and `*`. */
interface ModelState {
  readonly armed: readonly string[];
  readonly retval: ReadonlyMap<string, number>;
  readonly armAll: boolean;
}

/** An outcome the specification allows: accepted, or refused with a code (`'errno'`: any errno name). */
interface Allowed {
  readonly code: string | undefined;
  readonly state: ModelState;
  readonly why: string;
}

type Op =
  | { readonly kind: 'inject'; readonly value: string }
  | { readonly kind: 'retval'; readonly target: number; readonly value: string }
  | { readonly kind: 'freeze'; readonly frozen: boolean };

describe('fail_function/inject (model-based, fuzzed)', function () {
  this.timeout(60000);
  silenceVerbose('all');

  const pool: Marked[] = [];
  let frozen = false;
  let freezable: Marked;
  /** Whether the registry counts the 512 of a name in UTF-8 bytes (it refuses a 512-character name of 1,500 bytes); in characters otherwise. */
  let limitInBytes = false;
  /** Whether every function of the process outside the pool can be armed (`*` succeeds). */
  let othersArmable = true;
  let whole: ControlTreeState | undefined;

  /** A method on a real class, marked the way experimentalDecorators output marks it. */
  function legacyMethod(name: string, type: ErrorInjectionType, isStatic: boolean): Marked {
    class Store {
      open(): string {
        return 'ran';
      }
      static create(): string {
        return 'ran';
      }
    }
    const holder: object = isStatic ? Store : Store.prototype;
    const key = isStatic ? 'create' : 'open';
    const descriptor = Object.getOwnPropertyDescriptor(holder, key) as PropertyDescriptor;
    AllowErrorInjection(type, { name })(holder, key, descriptor);
    return { name, type, how: isStatic ? 'legacy static method' : 'legacy method', method: { label: name, holder, key, original: descriptor.value } };
  }

  /** Methods under standard decorators (this file is compiled with them), the class known at once. */
  function standardMethods(instanceName: string, staticName: string, type: ErrorInjectionType): Marked[] {
    class Client {
      @AllowErrorInjection(type, { name: instanceName })
      get(): string {
        return 'ran';
      }
      @AllowErrorInjection(type, { name: staticName })
      static connect(): string {
        return 'ran';
      }
    }
    const original = Object.getOwnPropertyDescriptor(Client.prototype, 'get')?.value as unknown;
    const staticOriginal = Object.getOwnPropertyDescriptor(Client, 'connect')?.value as unknown;
    new Client(); // the instance method's class becomes known at the first instance
    return [
      { name: instanceName, type, how: 'standard method', method: { label: instanceName, holder: Client.prototype, key: 'get', original } },
      { name: staticName, type, how: 'standard static method', method: { label: staticName, holder: Client, key: 'connect', original: staticOriginal } },
    ];
  }

  /** A method whose class refuses every change while `frozen` is set, as a frozen class does, and takes them again once it is not. */
  function freezableMethod(name: string, type: ErrorInjectionType): Marked {
    class Frozen {
      open(): string {
        return 'ran';
      }
    }
    const prototype = Frozen.prototype;
    const holder = new Proxy(prototype, {
      defineProperty: (target, key, descriptor) => !frozen && Reflect.defineProperty(target, key, descriptor),
      deleteProperty: (target, key) => !frozen && Reflect.deleteProperty(target, key),
      set: (target, key, value, receiver) => !frozen && Reflect.set(target, key, value, receiver),
    });
    const descriptor = Object.getOwnPropertyDescriptor(prototype, 'open') as PropertyDescriptor;
    AllowErrorInjection(type, { name })(holder, 'open', descriptor);
    return { name, type, how: 'method of a class frozen at will', method: { label: name, holder: prototype, key: 'open', original: descriptor.value } };
  }

  function plain(name: string, type: ErrorInjectionType, how: string): Marked {
    allowErrorInjection(type, () => 'ran', { name });
    return { name, type, how };
  }

  /** A name of exactly `length` characters: a unique prefix padded with `unit`. */
  function padded(prefix: string, unit: string, length: number): string {
    const base = uniqueName(prefix);
    return base + unit.repeat(length - base.length);
  }

  /** A function under the longest non-ASCII name the registry takes: 512 characters, or 512 bytes of UTF-8 if it counts those. */
  function longestNonAscii(): Marked {
    const how = 'function, the longest non-ASCII name';
    const name = padded('数据-long', '数', KSYM_NAME_LEN);
    if (attempt(() => allowErrorInjection(EI_TYPE_ERRNO, () => 'ran', { name })).ok) return { name, type: EI_TYPE_ERRNO, how };
    limitInBytes = true;
    return plain(utf8Start(padded('数据-long', '数', KSYM_NAME_LEN), KSYM_NAME_LEN), EI_TYPE_ERRNO, how);
  }

  before(() => {
    pool.push(
      plain(uniqueName('spec-inject-fn'), EI_TYPE_ERRNO, 'function'),
      plain(uniqueName('café'), EI_TYPE_NULL, 'function, non-ASCII name'),
      plain(uniqueName('Überprüfe'), EI_TYPE_ERRNO_NULL, 'function, non-ASCII name'),
      plain(uniqueName('数据.打开'), EI_TYPE_TRUE, 'function, non-ASCII name'),
      plain(padded('spec-inject-long', 'x', KSYM_NAME_LEN), EI_TYPE_ERRNO, 'function, 512-character name'),
      longestNonAscii(),
      legacyMethod(`${uniqueName('Store')}.open`, EI_TYPE_ERRNO, false),
      legacyMethod(`${uniqueName('Überprüfe')}.öffnen`, EI_TYPE_NULL, true),
      ...standardMethods(`${uniqueName('Client')}.get`, `${uniqueName('数据')}.打开`, EI_TYPE_ERRNO_NULL),
    );
    freezable = freezableMethod(`${uniqueName('Frozen')}.open`, EI_TYPE_ERRNO);
    pool.push(freezable);
    for (const { name } of pool) expect(name.length, name).to.be.at.most(KSYM_NAME_LEN);
    // Functions other test files marked are armed by `*` too: whether they all can be decides what `*` does.
    debugfs.write('fail_function/inject', '');
    othersArmable = attempt(() => debugfs.write('fail_function/inject', '*')).ok;
    debugfs.write('fail_function/inject', '');
    whole = observeControlTree();
  });

  after(() => {
    frozen = false;
    debugfs.write('fail_function/inject', '');
    expectWholeTreeKept(whole as ControlTreeState);
  });

  // -------------------------------------------------------------------------------------------
  // The model

  function registryNames(): string[] {
    return [...state.injectables.keys()];
  }

  function byName(name: string): Marked | undefined {
    return pool.find((marked) => marked.name === name);
  }

  function withArmed(model: ModelState, armed: readonly string[], armAll = model.armAll): ModelState {
    const retval = new Map<string, number>();
    for (const name of armed) {
      const marked = byName(name);
      if (marked !== undefined) retval.set(name, model.retval.get(name) ?? DEFAULT_RETVAL[marked.type]);
    }
    return { armed, retval, armAll };
  }

  /** What writing one name (already cut) to inject may do, by kernel-semantics.md §3.1 and API.md. */
  function injectOutcomes(model: ModelState, written: string): Allowed[] {
    const refuse = (code: string, why: string): Allowed[] => [{ code, state: model, why }];
    const text = strstrip(written);
    const stuck = frozen && model.armed.includes(freezable.name);
    if (text === '') {
      // Disarm all: everything it can; a method whose class refuses the change stays armed, and the write reports it with a code (item 4).
      const all = { code: undefined, state: withArmed(model, [], false), why: 'the empty write disarms every function' };
      if (!stuck) return [all];
      const left = withArmed(model, [freezable.name], false);
      return [
        { code: 'errno', state: left, why: 'disarm-all disarms what it can and reports the frozen class with a code' },
        { code: 'errno', state: { ...left, armAll: model.armAll }, why: 'disarm-all disarms what it can and reports the frozen class with a code' },
      ];
    }
    if (text === '*') {
      if (model.armAll) return refuse('EBUSY', '* is on already');
      const toArm = registryNames().filter((name) => !model.armed.includes(name));
      if (!othersArmable) return refuse('errno', 'a function of another test file cannot be armed, so * arms nothing');
      if (frozen && toArm.includes(freezable.name)) return refuse('errno', '* cannot arm the frozen class, so it arms nothing');
      return [{ code: undefined, state: withArmed(model, [...model.armed, ...toArm], true), why: '* arms every marked function' }];
    }
    if (text === '!*') {
      if (!model.armAll) return refuse('ENOENT', '* is off');
      return [{ code: undefined, state: { ...model, armAll: false }, why: '!* turns * off' }];
    }
    if (text.startsWith('!')) {
      const name = text.slice(1);
      if (model.armed.includes(name)) {
        if (frozen && name === freezable.name) return refuse('errno', 'the class of an armed method refuses the change: nothing changes (item 4)');
        return [{ code: undefined, state: withArmed(model, model.armed.filter((armed) => armed !== name)), why: '!name disarms it' }];
      }
      if (model.armAll && !registryNames().includes(name)) return [{ code: undefined, state: model, why: '!name under * leaves out a function not marked yet' }];
      return refuse('ENOENT', `${show(name)} is not armed`);
    }
    if (!registryNames().includes(text)) return refuse('EINVAL', `no function is named ${show(text)}`);
    if (model.armed.includes(text)) return refuse('EBUSY', `${show(text)} is armed already`);
    if (frozen && text === freezable.name) return refuse('errno', 'the frozen class cannot take the wrapper');
    return [{ code: undefined, state: withArmed(model, [...model.armed, text]), why: `arms ${show(text)} (names compare as written: item 5)` }];
  }

  /**
   * Every outcome a write may have: as the kernel cuts it (a C string ends at NUL; the write is cut
   * to 512, then stripped), counting 512 as the registry counts a name's length (item 5), or refused
   * whole.
   */
  function allowedForWrite(model: ModelState, value: string): Allowed[] {
    const nul = value.indexOf('\0');
    const cut = nul === -1 ? value : value.slice(0, nul);
    const taken = limitInBytes ? utf8Start(cut, KSYM_NAME_LEN) : cut.slice(0, KSYM_NAME_LEN);
    if (taken !== cut) {
      return [...injectOutcomes(model, taken), { code: 'errno', state: model, why: 'a name longer than inject takes refused whole' }];
    }
    if (nul !== -1) return [...injectOutcomes(model, cut), { code: 'errno', state: model, why: 'a NUL refused' }];
    return injectOutcomes(model, value);
  }

  // -------------------------------------------------------------------------------------------
  // Observing

  function observedModel(): ModelState {
    const armed = debugfs
      .read('fail_function/inject')
      .split('\n')
      .filter((line) => line !== '');
    const retval = new Map<string, number>();
    for (const name of armed) {
      if (byName(name) === undefined) continue;
      const read = attempt(() => debugfs.read(`fail_function/${name}/retval`));
      retval.set(name, read.ok ? Number(read.value) : Number.NaN);
    }
    return { armed, retval, armAll: state.armAll !== undefined };
  }

  function sameModel(a: ModelState, b: ModelState): boolean {
    return (
      a.armAll === b.armAll &&
      a.armed.length === b.armed.length &&
      a.armed.every((name, i) => b.armed[i] === name) &&
      [...a.retval].every(([name, value]) => Object.is(b.retval.get(name), value)) &&
      a.retval.size === b.retval.size
    );
  }

  function describeModel(model: ModelState): string {
    const pooled = model.armed.filter((name) => byName(name) !== undefined);
    return `armed ${pooled.map((name) => `${show(name)}=${String(model.retval.get(name))}`).join(', ') || 'none of the pool'} (${model.armed.length} in all), * ${model.armAll ? 'on' : 'off'}`;
  }

  /** The invariants that hold whatever was written: inject, the directories and the classes agree. */
  function checkInvariants(after: string): void {
    const armed = new Set(debugfs.read('fail_function/inject').split('\n').filter((line) => line !== ''));
    for (const marked of pool) {
      const listed = armed.has(marked.name);
      const dir = debugfs.stat(`fail_function/${marked.name}`);
      expect(dir, `after ${after}: ${show(marked.name)} is ${listed ? '' : 'not '}listed by inject, and its directory`).to.equal(listed ? 'dir' : undefined);
      if (listed) {
        const retval = Number(debugfs.read(`fail_function/${marked.name}/retval`));
        expect(fitsType(marked.type, retval), `after ${after}: retval ${retval} of ${show(marked.name)}`).to.equal(true);
      }
      if (marked.method !== undefined) {
        const { holder, key, original } = marked.method;
        const current = Object.getOwnPropertyDescriptor(holder, key)?.value as unknown;
        expect(current === original, `after ${after}: the class of ${show(marked.name)} (${marked.how}) holds ${current === original ? 'the method as written' : 'another function'} while it is ${listed ? '' : 'not '}armed`).to.equal(!listed);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // The writes

  function watched(): WatchedMethod[] {
    return pool.flatMap((marked) => (marked.method === undefined ? [] : [marked.method]));
  }

  /** What an inject or retval write may change: fail_function, procfs, the classes of the pool's methods, and the hidden state. */
  function observe(): ControlTreeState {
    return observeControlTree({ methods: watched(), debugfsDirs: ['fail_function'] });
  }

  /** A write to the retval of an armed function of the pool: refused with an errno and nothing changed, or only that retval changed. */
  function retvalOutcome(model: ModelState, name: string, code: string | undefined, observed: ModelState, what: string): void {
    if (code !== undefined) {
      expect(sameModel(observed, model), `${what}: refused with ${code}, yet it left ${describeModel(observed)}, not ${describeModel(model)}`).to.equal(true);
      return;
    }
    const expected: ModelState = { ...model, retval: new Map([...model.retval, [name, observed.retval.get(name) as number]]) };
    expect(sameModel(observed, expected), `${what}: accepted, and it left ${describeModel(observed)}, not ${describeModel(expected)}`).to.equal(true);
  }

  function applyOp(op: Op, model: ModelState, before: ControlTreeState, step: string): { model: ModelState; observation: ControlTreeState } {
    if (op.kind === 'freeze') {
      frozen = op.frozen;
      return { model, observation: observe() };
    }
    let allowed: Allowed[] = [];
    let path: string;
    let retvalOf: string | undefined;
    if (op.kind === 'inject') {
      path = 'fail_function/inject';
      allowed = allowedForWrite(model, op.value);
    } else {
      const armedPool = model.armed.filter((name) => byName(name) !== undefined);
      if (armedPool.length === 0) {
        // Nothing of the pool is armed: an unarmed function has no retval.
        const name = (pool[op.target % pool.length] as Marked).name;
        path = `fail_function/${name}/retval`;
        allowed = [{ code: 'ENOENT', state: model, why: `${show(name)} is not armed, so it has no retval` }];
      } else {
        retvalOf = armedPool[op.target % armedPool.length] as string;
        path = `fail_function/${retvalOf}/retval`;
      }
    }
    const what = `${step}: debugfs.write(${show(path)}, ${show(op.value)})`;
    const outcome = attempt(() => debugfs.write(path, op.value));
    const code = outcome.ok ? undefined : expectControlRefusal(outcome.error, what, false);
    const observation = observe();
    checkInvariants(what);
    const observed = observedModel();
    if (retvalOf !== undefined) {
      retvalOutcome(model, retvalOf, code, observed, what);
    } else {
      const matches = allowed.filter(
        (a) => (a.code === undefined ? code === undefined : code !== undefined && (a.code === 'errno' ? isErrnoName(code) : a.code === code)) && sameModel(a.state, observed),
      );
      if (matches.length === 0) {
        const expected = allowed.map((a) => `${a.code === undefined ? 'accepted' : `refused with ${a.code}`} (${a.why}), leaving ${describeModel(a.state)}`).join('; or ');
        const got = `${code === undefined ? 'accepted' : `refused with ${code} (${(outcome as { error: Error }).error.message.slice(0, 200)})`}, leaving ${describeModel(observed)}`;
        expect.fail(`${what}: expected ${expected}; got ${got}`);
      }
    }
    if (code !== undefined && sameModel(observed, model)) {
      // Refused, and the model says nothing changed: nothing at all did.
      expect(controlTreeChanges(before, observation), `what changed after the refused ${what}`).to.deep.equal([]);
    }
    return { model: observed, observation };
  }

  function run(ops: readonly Op[]): void {
    frozen = false;
    debugfs.write('fail_function/inject', '');
    let model: ModelState = { armed: [], retval: new Map(), armAll: false };
    let observation = observe();
    try {
      ops.forEach((op, i) => {
        ({ model, observation } = applyOp(op, model, observation, `write ${i + 1} of ${ops.length}`));
      });
    } finally {
      frozen = false;
      debugfs.write('fail_function/inject', '');
    }
  }

  // -------------------------------------------------------------------------------------------
  // The inputs

  function ops(maxLength: number): fc.Arbitrary<Op[]> {
    const poolIndex = fc.nat({ max: pool.length - 1 });
    const nameOf = (i: number): string => (pool[i] as Marked).name;
    const space = fc.array(fc.constantFrom(...C_SPACE), { maxLength: 3 }).map((s) => s.join(''));
    const longNames = pool.filter((marked) => marked.name.length === KSYM_NAME_LEN).map((marked) => marked.name);
    const injectValue: fc.Arbitrary<string> = fc.oneof(
      { arbitrary: fc.tuple(space, poolIndex, space).map(([a, i, b]) => a + nameOf(i) + b), weight: 8 },
      { arbitrary: fc.tuple(space, poolIndex, space).map(([a, i, b]) => `${a}!${nameOf(i)}${b}`), weight: 5 },
      { arbitrary: fc.constantFrom('', ' ', '\n', ' \t\n', '*', '!*', ' *\n', '!*\n', '!', '! ', '**', '*x', '!!*'), weight: 4 },
      { arbitrary: poolIndex.map((i) => `! ${nameOf(i)}`), weight: 1 },
      { arbitrary: fc.tuple(poolIndex, fc.constantFrom('\0', '\0junk', '\0\0', '\n\0')).map(([i, tail]) => nameOf(i) + tail), weight: 1 },
      { arbitrary: fc.tuple(fc.constantFrom(...longNames), fc.constantFrom('y', '数', 'yy', ' ', 'x'.repeat(100_000))).map(([name, tail]) => name + tail), weight: 1 },
      { arbitrary: poolIndex.map((i) => nameOf(i).normalize('NFD')), weight: 1 },
      { arbitrary: poolIndex.map((i) => nameOf(i).toUpperCase()), weight: 1 },
      { arbitrary: poolIndex.map((i) => nameOf(i).slice(0, -1)), weight: 1 },
      { arbitrary: fc.constantFrom('café', 'Überprüfe', '数据.打开', 'Store.open', '__proto__', 'constructor', 'inject', 'probability'), weight: 1 },
      { arbitrary: hostileValue, weight: 3 },
    );
    const retvalValue: fc.Arbitrary<string> = fc.oneof(
      fc.constantFrom('0', '1', '-1', '-12', '-22', '-4095', '-4096', '-ENOMEM', '-ENOMEM\n', '-EFOO', '0xfffffffffffffff4', '0xfffffffffffff001', '0xfffffffffffff000', '0xfffffff4', '2', ''),
      fc.integer({ min: -5000, max: 5 }).map(String),
      hostileValue,
    );
    const op: fc.Arbitrary<Op> = fc.oneof(
      { arbitrary: injectValue.map((value) => ({ kind: 'inject' as const, value })), weight: 10 },
      { arbitrary: fc.tuple(fc.nat({ max: 50 }), retvalValue).map(([target, value]) => ({ kind: 'retval' as const, target, value })), weight: 3 },
      { arbitrary: fc.boolean().map((isFrozen) => ({ kind: 'freeze' as const, frozen: isFrozen })), weight: 1 },
    );
    return fc.array(op, { minLength: 1, maxLength });
  }

  // -------------------------------------------------------------------------------------------

  describe('when any sequence of names, !names, *, !*, empty writes, junk and retvals is written', () => {
    it('should do what the model allows after every write, and change nothing when it refuses', () => {
      fc.assert(
        fc.property(ops(12), (sequence) => {
          run(sequence);
        }),
        { numRuns: 150, reporter: compactReport },
      );
    });
  });

  describe('when the name of a marked function is written as the user wrote it (issue 9, item 5)', () => {
    const SPACES = ['', ' ', '\n', '\t ', ' \n'];
    for (const label of ['café', 'Überprüfe', '数据.打开', 'longest non-ASCII (512 characters)']) {
      it(`should arm and disarm the ${label} function, whatever whitespace surrounds it`, () => {
        const long = label.startsWith('longest');
        const marked = pool.find((m) => (long ? m.how === 'function, the longest non-ASCII name' : m.name.startsWith(`${label}-`)));
        expect(marked, label).to.not.equal(undefined);
        // Space before the longest name pushes its end past what inject takes (the write is cut, then stripped).
        for (const before of long ? [''] : SPACES) {
          for (const after of SPACES) {
            run([
              { kind: 'inject', value: before + (marked as Marked).name + after },
              { kind: 'inject', value: `!${(marked as Marked).name}${after}` },
            ]);
          }
        }
      });
    }
  });

  describe('when a method is armed and its class then refuses changes (issue 9, item 4)', () => {
    it('should refuse !name with an errno and change nothing, and disarm all but it on the empty write', () => {
      // Functions and methods of every kind with ASCII names, so that item 5 plays no part here.
      const others = pool.filter((marked) => marked !== freezable && /^[\x21-\x7e]+$/.test(marked.name)).map((marked) => marked.name);
      fc.assert(
        fc.property(fc.subarray(others), fc.constantFrom<readonly string[]>([`!`], [''], ['', '*'], ['!', '']), (armed, ends) => {
          run([
            { kind: 'inject', value: freezable.name },
            ...armed.map((name): Op => ({ kind: 'inject', value: name })),
            { kind: 'freeze', frozen: true },
            ...ends.map((end): Op => ({ kind: 'inject', value: end === '!' ? `!${freezable.name}` : end })),
            { kind: 'freeze', frozen: false },
            { kind: 'inject', value: `!${freezable.name}` },
          ]);
        }),
        { numRuns: 20, reporter: compactReport },
      );
    });
  });
});
