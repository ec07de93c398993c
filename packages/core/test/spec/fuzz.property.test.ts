import { expect } from 'chai';
import * as fc from 'fast-check';
import { debugfs, declareFaultAttr, procfs, runTask, type FaultAttr } from '../../src/index';
import { uniqueName } from '../support/names';
import { silenceVerbose } from '../support/sink';

/**
 * Fuzzing every writable file of the control tree: a capability's knobs, `fail_function`'s knobs
 * and procfs `self/fail-nth` and `self/make-it-fail`. Whatever is written, a write is either
 * accepted or refused with an error whose `.code` is an errno name, and a refused write changes
 * nothing that can be read (API.md: "a failed write changes nothing"). Then, for inputs the
 * specification covers completely (kernel-semantics.md §1 and §5, API.md's booleans), a reference
 * parser written from the specification says which writes are accepted and what reads back.
 */

/** The generic knobs of every capability (API.md, "Paths"), plus `seed`. */
const KNOBS = [
  'probability',
  'interval',
  'times',
  'space',
  'verbose',
  'verbose_ratelimit_interval_ms',
  'verbose_ratelimit_burst',
  'task-filter',
  'stacktrace-depth',
  'require-stack',
  'reject-stack',
  'seed',
] as const;

type Knob = (typeof KNOBS)[number];

const PROCFS_FILES = ['self/fail-nth', 'self/make-it-fail'] as const;

const U64_MAX = (1n << 64n) - 1n;
const U32_MAX = (1n << 32n) - 1n;

function capability(): FaultAttr {
  return declareFaultAttr(uniqueName('spec-fuzz'));
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** Pieces numbers, booleans and near-misses are made of. */
const TOKENS = [
  '0', '1', '2', '5', '7', '8', '9', '00', '10', '99', '100',
  '+', '-', '0x', '0X', 'x', 'a', 'f', 'F', 'g', 'e', 'E',
  ' ', '\t', '\n', '\r', '\v', '\f',
  'Y', 'y', 'N', 'n', 'on', 'off', 'On', 'OFF', 'true', 'false', 'TRUE', 'yes', 'no', 'maybe', 't',
  ',', '*', '.',
  '4294967295', '4294967296', '2147483648', '18446744073709551615', '18446744073709551616', '9223372036854775808',
];

const tokenString = fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }).map((parts) => parts.join(''));

/** Digit runs with an optional sign or base prefix and an optional tail, up to very long. */
const digitRun = fc
  .tuple(
    fc.constantFrom('', '', '+', '-', '0', '0x', '0X', '-0x', '+0x', '--', '+-'),
    fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 24 }),
      fc.string({ unit: fc.constantFrom(...'01234567'), minLength: 15, maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 200 }),
    ),
    fc.constantFrom('', '', '\n', '\n\n', ' ', '\r\n', '\t', ' \n', 'x'),
  )
  .map(([head, digits, tail]) => head + digits + tail);

/** Whitespace around numbers, for the files that strip it and those that must not. */
const padded = fc
  .tuple(fc.constantFrom('', ' ', '\t', '\n', '  ', ' \n'), fc.constantFrom('0', '1', '2', '0x1', '01', '-1', '5', '100'), fc.constantFrom('', ' ', '\n', ' \n', '\t\n', '\n\n'))
  .map(([a, b, c]) => a + b + c);

const edgeValues = fc.constantFrom(
  '',
  '\n',
  ' ',
  '\0',
  '1\0',
  '\u00a01',
  '１',
  '0'.repeat(30) + '1',
  '1'.repeat(23),
  '1'.repeat(22) + '\n',
  '18446744073709551615\n',
  '0xffffffffffffffff',
  '0x10000000000000000',
  '01777777777777777777777',
  '02000000000000000000000',
  '-9223372036854775808',
  '-9223372036854775809',
  '9223372036854775807',
  '-0',
  '+0',
  '0x',
  '0x\n',
  '08',
  'Y\n',
  'N\n',
);

/** Arbitrary Unicode, and arbitrary UTF-16 code units (lone surrogates and NUL included). */
const unicode = fc.string({ unit: 'binary', maxLength: 40 });
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));
const longText = fc.string({ unit: 'binary-ascii', minLength: 100, maxLength: 5000 });

const anyWrite: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: tokenString, weight: 4 },
  { arbitrary: digitRun, weight: 4 },
  { arbitrary: padded, weight: 2 },
  { arbitrary: edgeValues, weight: 2 },
  { arbitrary: unicode, weight: 2 },
  { arbitrary: codeUnits, weight: 2 },
  { arbitrary: longText, weight: 1 },
);

/** ASCII inputs only: the specification says what the kernel does with every one of them. */
const asciiWrite: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: tokenString, weight: 4 },
  { arbitrary: digitRun, weight: 4 },
  { arbitrary: padded, weight: 2 },
  {
    arbitrary: edgeValues.filter((value) => /^[\x01-\x7f]*$/.test(value)),
    weight: 1,
  },
);

// ---------------------------------------------------------------------------------------------
// Observing the tree

type Snapshot = Record<string, string>;

/** Every readable value of the given capabilities and of procfs self/. */
function snapshot(dirs: readonly string[]): Snapshot {
  const values: Snapshot = {};
  for (const dir of dirs) {
    for (const entry of debugfs.list(dir)) {
      if (debugfs.stat(`${dir}/${entry}`) === 'file') values[`debugfs:${dir}/${entry}`] = debugfs.read(`${dir}/${entry}`);
    }
  }
  for (const file of PROCFS_FILES) values[`procfs:${file}`] = procfs.read(file);
  return values;
}

type Outcome = { readonly accepted: true } | { readonly accepted: false; readonly error: unknown };

function attempt(action: () => void): Outcome {
  try {
    action();
    return { accepted: true };
  } catch (error) {
    return { accepted: false, error };
  }
}

function expectErrno(error: unknown, path: string, value: string): void {
  const shown = JSON.stringify(value);
  expect(error, `write of ${shown} to ${path}`).to.be.instanceOf(Error);
  const code = (error as { code?: unknown }).code;
  expect(code, `code of the refused write of ${shown} to ${path}`).to.be.a('string').and.match(/^E[A-Z0-9]+$/);
  // STYLE.md: the message names the path.
  expect((error as Error).message, `message of the refused write of ${shown} to ${path}`).to.include(path);
}

/** Writes each value in turn; a refusal must carry an errno and leave every readable value as it was. */
function fuzzWrites(tree: 'debugfs' | 'procfs', path: string, values: readonly string[], dirs: readonly string[]): void {
  const target = tree === 'debugfs' ? debugfs : procfs;
  for (const value of values) {
    const before = snapshot(dirs);
    const outcome = attempt(() => target.write(path, value));
    if (!outcome.accepted) {
      expectErrno(outcome.error, path, value);
      expect(snapshot(dirs), `after the refused write of ${JSON.stringify(value)} to ${path}`).to.deep.equal(before);
    } else {
      // An accepted write leaves the file readable.
      expect(target.read(path)).to.be.a('string').and.match(/\n$/);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The reference parsers (kernel-semantics.md §1, §5; lib/kstrtox.c as the specification states it)

type Parsed = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly code: 'EINVAL' | 'ERANGE' };

/** `_kstrtoull` with base 0: automatic base, no sign, one trailing newline; overflow is ERANGE. */
function specParseUnsigned(s: string): Parsed {
  let base = 10n;
  let i = 0;
  if (s[0] === '0') {
    if ((s[1] === 'x' || s[1] === 'X') && s[2] !== undefined && /[0-9a-fA-F]/.test(s[2])) {
      base = 16n;
      i = 2;
    } else {
      base = 8n;
    }
  }
  let value = 0n;
  let digits = 0;
  let overflow = false;
  for (; i < s.length; i++) {
    const ch = (s[i] as string).toLowerCase();
    const digit = /[0-9]/.test(ch) ? BigInt(ch.charCodeAt(0) - 48) : /[a-f]/.test(ch) ? BigInt(ch.charCodeAt(0) - 87) : 99n;
    if (digit >= base) break;
    value = value * base + digit;
    if (value > U64_MAX) overflow = true;
    digits++;
  }
  if (overflow) return { ok: false, code: 'ERANGE' };
  if (digits === 0) return { ok: false, code: 'EINVAL' };
  if (s[i] === '\n') i++;
  if (i !== s.length) return { ok: false, code: 'EINVAL' };
  return { ok: true, value };
}

/** `kstrtoull(s, 0)`: one optional `+`. */
function specKstrtoull(s: string): Parsed {
  return specParseUnsigned(s.startsWith('+') ? s.slice(1) : s);
}

/** `kstrtoll(s, 0)`: `-` then an unsigned number, within the signed 64-bit range. */
function specKstrtoll(s: string): Parsed {
  if (s.startsWith('-')) {
    const r = specParseUnsigned(s.slice(1));
    if (!r.ok) return r;
    return r.value > 1n << 63n ? { ok: false, code: 'ERANGE' } : { ok: true, value: -r.value };
  }
  const r = specKstrtoull(s);
  if (!r.ok) return r;
  return r.value > (1n << 63n) - 1n ? { ok: false, code: 'ERANGE' } : r;
}

/** C's isspace in the ASCII range, as strstrip uses it. */
function specStrstrip(s: string): string {
  return s.replace(/^[ \t\n\v\f\r]+/, '').replace(/[ \t\n\v\f\r]+$/, '');
}

/** What a write should do: refused with a code, accepted with what then reads back, or either. */
type Expected = { readonly code: 'EINVAL' | 'ERANGE' } | { readonly reads: string } | { readonly either: string };

function readsAs(parsed: Parsed, show: (value: bigint) => string): Expected {
  return parsed.ok ? { reads: `${show(parsed.value)}\n` } : { code: parsed.code };
}

/** The kernel's copy buffer of simple_attr_write: at most 23 bytes (ASCII input: 23 characters). */
function simpleAttrBuffer(s: string): string {
  return s.slice(0, 23);
}

const BOOLEAN_WORDS: Record<string, boolean> = { Y: true, y: true, '1': true, on: true, true: true, N: false, n: false, '0': false, off: false, false: false };

/** API.md: Y/N, y/n, 1/0, on/off, true/false; anything else is EINVAL. echo's one trailing newline is allowed. */
function specBoolean(s: string): Expected {
  const word = s.endsWith('\n') ? s.slice(0, -1) : s;
  const value = BOOLEAN_WORDS[word];
  if (value !== undefined) return { reads: value ? 'Y\n' : 'N\n' };
  // API.md spells on/off and true/false in lower case only; another case is not decided by it.
  const lower = word.toLowerCase();
  if (lower === 'on' || lower === 'true') return { either: 'Y\n' };
  if (lower === 'off' || lower === 'false') return { either: 'N\n' };
  return { code: 'EINVAL' };
}

/** The specification of each knob whose write format the specification fixes completely. */
const SPEC_KNOBS: Partial<Record<Knob, (s: string) => Expected>> = {
  probability: (s) => readsAs(specKstrtoull(simpleAttrBuffer(s)), String),
  interval: (s) => readsAs(specKstrtoull(simpleAttrBuffer(s)), String),
  verbose: (s) => readsAs(specKstrtoull(simpleAttrBuffer(s)), String),
  times: (s) => readsAs(specKstrtoll(simpleAttrBuffer(s)), (v) => String(BigInt.asIntN(32, v))),
  space: (s) => readsAs(specKstrtoll(simpleAttrBuffer(s)), (v) => String(BigInt.asIntN(32, v))),
  verbose_ratelimit_interval_ms: (s) => readsAs(specKstrtoull(simpleAttrBuffer(s)), (v) => String(BigInt.asUintN(32, v))),
  verbose_ratelimit_burst: (s) => readsAs(specKstrtoull(simpleAttrBuffer(s)), (v) => String(BigInt.asUintN(32, v))),
  'stacktrace-depth': (s) => readsAs(specKstrtoull(simpleAttrBuffer(s)), (v) => String(v > 32n ? 32n : v)),
  'task-filter': specBoolean,
};

/** fail-nth: 34 bytes, kstrtouint. make-it-fail: 12 bytes, strstrip, kstrtoint, then 0 or 1. */
const SPEC_PROCFS: Record<(typeof PROCFS_FILES)[number], (s: string) => Expected> = {
  'self/fail-nth': (s) => {
    const parsed = specKstrtoull(s.slice(0, 34));
    if (parsed.ok && parsed.value > U32_MAX) return { code: 'ERANGE' };
    return readsAs(parsed, String);
  },
  'self/make-it-fail': (s) => {
    const parsed = specKstrtoll(specStrstrip(s.slice(0, 12)));
    if (!parsed.ok) return { code: parsed.code };
    if (parsed.value < -(1n << 31n) || parsed.value > (1n << 31n) - 1n) return { code: 'ERANGE' };
    if (parsed.value !== 0n && parsed.value !== 1n) return { code: 'EINVAL' };
    return { reads: `${parsed.value}\n` };
  },
};

function checkAgainstSpec(tree: 'debugfs' | 'procfs', path: string, value: string, expected: Expected, before: string): void {
  const target = tree === 'debugfs' ? debugfs : procfs;
  const shown = JSON.stringify(value);
  const outcome = attempt(() => target.write(path, value));
  if ('code' in expected) {
    expect(outcome.accepted, `write of ${shown} to ${path} should be refused with ${expected.code}`).to.equal(false);
    if (!outcome.accepted) expect((outcome.error as { code?: unknown }).code, `code for ${shown} to ${path}`).to.equal(expected.code);
    expect(target.read(path), `${path} after the refused ${shown}`).to.equal(before);
  } else if ('reads' in expected) {
    expect(outcome.accepted, `write of ${shown} to ${path} should be accepted${outcome.accepted ? '' : ` (got ${String((outcome.error as { code?: unknown }).code)})`}`).to.equal(true);
    expect(target.read(path), `${path} after ${shown}`).to.equal(expected.reads);
  } else if (outcome.accepted) {
    expect(target.read(path), `${path} after ${shown}`).to.equal(expected.either);
  } else {
    expect((outcome.error as { code?: unknown }).code, `code for ${shown} to ${path}`).to.equal('EINVAL');
    expect(target.read(path), `${path} after the refused ${shown}`).to.equal(before);
  }
}

// ---------------------------------------------------------------------------------------------

describe('control tree writes (fuzzed)', () => {
  const fuzzCap = () => capability().name;

  silenceVerbose('all');

  describe('when any string is written to a capability knob', () => {
    let cap: string;

    before(() => {
      cap = fuzzCap();
    });

    it('should list every generic knob', () => {
      expect(debugfs.list(cap)).to.include.members([...KNOBS]);
    });

    for (const knob of KNOBS) {
      it(`should accept ${knob} writes or refuse them with an errno and change nothing`, () => {
        fc.assert(
          fc.property(fc.array(anyWrite, { minLength: 1, maxLength: 4 }), (values) => {
            runTask(() => fuzzWrites('debugfs', `${cap}/${knob}`, values, [cap, 'fail_function']), { makeItFail: false });
          }),
          { numRuns: 200 },
        );
      });
    }
  });

  describe('when any string is written to a fail_function knob', () => {
    let saved: Array<[Knob, string]> = [];

    before(() => {
      saved = KNOBS.map((knob) => [knob, debugfs.read(`fail_function/${knob}`)]);
    });

    /** Puts every knob back as it read before (the seed restarts its generator). */
    function restore(): void {
      for (const [knob, value] of saved) debugfs.write(`fail_function/${knob}`, value.endsWith('\n') ? value.slice(0, -1) : value);
    }

    afterEach(() => {
      restore();
    });

    after(() => {
      for (const [knob, value] of saved) expect(debugfs.read(`fail_function/${knob}`), `fail_function/${knob} restored`).to.equal(value);
    });

    for (const knob of KNOBS) {
      it(`should accept fail_function/${knob} writes or refuse them with an errno and change nothing`, () => {
        fc.assert(
          fc.property(fc.array(anyWrite, { minLength: 1, maxLength: 4 }), (values) => {
            try {
              runTask(() => fuzzWrites('debugfs', `fail_function/${knob}`, values, ['fail_function']), { makeItFail: false });
            } finally {
              restore();
            }
          }),
          { numRuns: 200 },
        );
      });
    }
  });

  describe('when any string is written to procfs self/', () => {
    let cap: string;

    before(() => {
      cap = fuzzCap();
    });

    for (const file of PROCFS_FILES) {
      it(`should accept ${file} writes or refuse them with an errno and change nothing`, () => {
        fc.assert(
          fc.property(fc.array(anyWrite, { minLength: 1, maxLength: 4 }), fc.boolean(), (values, makeItFail) => {
            runTask(() => fuzzWrites('procfs', file, values, [cap, 'fail_function']), { makeItFail });
          }),
          { numRuns: 300 },
        );
      });
    }
  });

  describe('when an ASCII string is written to a file whose format the specification fixes', () => {
    let cap: string;

    before(() => {
      cap = fuzzCap();
    });

    for (const [knob, spec] of Object.entries(SPEC_KNOBS) as Array<[Knob, (s: string) => Expected]>) {
      it(`should accept or refuse ${knob} writes as the kernel parser does`, () => {
        fc.assert(
          fc.property(asciiWrite, (value) => {
            const path = `${cap}/${knob}`;
            checkAgainstSpec('debugfs', path, value, spec(value), debugfs.read(path));
          }),
          { numRuns: 300 },
        );
      });
    }

    for (const file of PROCFS_FILES) {
      it(`should accept or refuse ${file} writes as the kernel parser does`, () => {
        fc.assert(
          fc.property(asciiWrite, fc.constantFrom('0', '1'), (value, start) => {
            runTask(() => {
              procfs.write(file, start);
              checkAgainstSpec('procfs', file, value, SPEC_PROCFS[file](value), procfs.read(file));
            }, { makeItFail: false });
          }),
          { numRuns: 300 },
        );
      });
    }
  });

  describe('when a value is written in a canonical form', () => {
    let cap: string;

    before(() => {
      cap = fuzzCap();
    });

    const newline = fc.constantFrom('', '\n');
    const u64 = fc.oneof(fc.bigInt({ min: 0n, max: U64_MAX }), fc.bigInt({ min: 0n, max: 200n }), fc.constantFrom(0n, 1n, 99n, 100n, U64_MAX));
    const s64 = fc.oneof(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), fc.bigInt({ min: -100n, max: 100n }), fc.constantFrom(-(1n << 63n), (1n << 63n) - 1n, -1n, 1n << 31n, (1n << 32n) - 1n));
    const u64Forms = (n: bigint) => [String(n), `0x${n.toString(16)}`, `0X${n.toString(16).toUpperCase()}`, n === 0n ? '0' : `0${n.toString(8)}`, `+${n}`];

    for (const knob of ['probability', 'interval', 'verbose'] as const) {
      it(`should read ${knob} back exactly for every value 0..2^64-1 in decimal, hex and octal`, () => {
        fc.assert(
          fc.property(u64, fc.nat({ max: 4 }), newline, (n, form, tail) => {
            const path = `${cap}/${knob}`;
            debugfs.write(path, (u64Forms(n)[form] as string) + tail);
            expect(debugfs.read(path)).to.equal(`${n}\n`);
          }),
          { numRuns: 300 },
        );
      });

      it(`should refuse ${knob} values from 2^64 up with ERANGE and keep the value`, () => {
        fc.assert(
          fc.property(fc.bigInt({ min: U64_MAX + 1n, max: (1n << 66n) }), newline, (n, tail) => {
            const path = `${cap}/${knob}`;
            const before = debugfs.read(path);
            const outcome = attempt(() => debugfs.write(path, String(n) + tail));
            expect(outcome.accepted).to.equal(false);
            if (!outcome.accepted) expect((outcome.error as { code?: unknown }).code).to.equal('ERANGE');
            expect(debugfs.read(path)).to.equal(before);
          }),
          { numRuns: 200 },
        );
      });
    }

    for (const knob of ['times', 'space'] as const) {
      it(`should store ${knob} writes of any signed 64-bit value in 32 bits and read them back signed`, () => {
        fc.assert(
          fc.property(s64, newline, (n, tail) => {
            const path = `${cap}/${knob}`;
            debugfs.write(path, String(n) + tail);
            expect(debugfs.read(path)).to.equal(`${BigInt.asIntN(32, n)}\n`);
          }),
          { numRuns: 300 },
        );
      });
    }

    for (const knob of ['verbose_ratelimit_interval_ms', 'verbose_ratelimit_burst'] as const) {
      it(`should store ${knob} writes in 32 bits and read them back unsigned`, () => {
        fc.assert(
          fc.property(u64, newline, (n, tail) => {
            const path = `${cap}/${knob}`;
            debugfs.write(path, String(n) + tail);
            expect(debugfs.read(path)).to.equal(`${BigInt.asUintN(32, n)}\n`);
          }),
          { numRuns: 200 },
        );
      });
    }

    it('should read stacktrace-depth back clamped to 32', () => {
      fc.assert(
        fc.property(u64, newline, (n, tail) => {
          const path = `${cap}/stacktrace-depth`;
          debugfs.write(path, String(n) + tail);
          expect(debugfs.read(path)).to.equal(`${n > 32n ? 32n : n}\n`);
        }),
        { numRuns: 200 },
      );
    });

    it('should read task-filter back as Y or N for every accepted spelling', () => {
      fc.assert(
        fc.property(fc.constantFrom(...Object.keys(BOOLEAN_WORDS)), newline, (word, tail) => {
          const path = `${cap}/task-filter`;
          debugfs.write(path, word + tail);
          expect(debugfs.read(path)).to.equal(BOOLEAN_WORDS[word] === true ? 'Y\n' : 'N\n');
        }),
        { numRuns: 100 },
      );
    });

    it('should read fail-nth back exactly for every value 0..2^32-1', () => {
      fc.assert(
        fc.property(fc.oneof(fc.bigInt({ min: 0n, max: U32_MAX }), fc.constantFrom(0n, 1n, U32_MAX)), fc.nat({ max: 4 }), newline, (n, form, tail) => {
          const read = runTask(() => {
            procfs.write('self/fail-nth', (u64Forms(n)[form] as string) + tail);
            return procfs.read('self/fail-nth');
          });
          expect(read).to.equal(`${n}\n`);
        }),
        { numRuns: 300 },
      );
    });

    it('should read make-it-fail back as written', () => {
      fc.assert(
        fc.property(fc.constantFrom('0', '1', '0x0', '0x1', '00', '01', '+1'), newline, (value, tail) => {
          const read = runTask(() => {
            procfs.write('self/make-it-fail', value + tail);
            return procfs.read('self/make-it-fail');
          });
          expect(read).to.equal(value.endsWith('1') ? '1\n' : '0\n');
        }),
        { numRuns: 100 },
      );
    });

    it('should take back what it reads: writing a knob as read leaves it reading the same', () => {
      fc.assert(
        fc.property(fc.constantFrom(...KNOBS), anyWrite, (knob, value) => {
          const path = `${cap}/${knob}`;
          attempt(() => debugfs.write(path, value));
          const read = debugfs.read(path);
          debugfs.write(path, read);
          expect(debugfs.read(path), `${path} after writing back ${JSON.stringify(read)}`).to.equal(read);
        }),
        { numRuns: 300 },
      );
    });
  });
});
