import * as fc from 'fast-check';

/**
 * Inputs a hostile or careless user gives the control tree (issue 9): values of every shape the
 * files parse and many they do not, paths in every form a path can be mangled into, and arguments
 * that are not strings at all. Arbitraries for fast-check, shared by the property tests of
 * test/spec.
 */

/** The longest name `fail_function/inject` takes (KSYM_NAME_LEN). */
export const KSYM_NAME_LEN = 512;

/** Pieces numbers, booleans, names and near-misses are made of. */
const TOKENS = [
  '0', '1', '2', '7', '8', '00', '10', '100', '-1', '-12', '-4095', '-4096',
  '+', '-', '0x', '0X', 'x', 'f', 'e',
  ' ', '\t', '\n', '\r', '\v', '\f', '\0',
  'Y', 'N', 'on', 'off', 'true', 'false', 'maybe',
  '!', '*', '?', ',', '.', '/', '=', ';', '\\', '"',
  'café', 'Überprüfe', '数据.打开', 'ＡＢＣ', '\u00a0', '\u200b', '\u2028', '\ud800', '\udc00', '😀',
  '-ENOMEM', '-EINVAL', '-ENOSUCHERR', '0xfffffffffffffff4', '0xfffffffffffff000',
  '4294967295', '4294967296', '18446744073709551615', '18446744073709551616',
];

/** Values made of the pieces above, up to 8 of them. */
export const tokenValue: fc.Arbitrary<string> = fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 }).map((parts) => parts.join(''));

/** Digit runs with an optional sign or base prefix and an optional tail. */
export const digitValue: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '+', '-', '0', '0x', '-0x', '--'),
    fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: 1, maxLength: 30 }),
    fc.constantFrom('', '', '\n', '\n\n', ' ', '\r\n', 'x', '\0'),
  )
  .map(([head, digits, tail]) => head + digits + tail);

/** Values at the edges the specification names, and a few famous troublemakers. */
export const edgeValue: fc.Arbitrary<string> = fc.constantFrom(
  '',
  '\n',
  ' ',
  '   \n',
  '\0',
  '\0\0',
  '1\0',
  '\x001',
  '!',
  '!!',
  '*',
  '!*',
  '* ',
  '**',
  '!\n',
  '! ',
  '\u00a0',
  '１',
  'café',
  'Überprüfe',
  '数据.打开',
  '-ENOMEM',
  '-ENOMEM\n',
  '-enomem',
  '-EFOO',
  '0xfffffffffffffff4',
  '0xfffffffffffff001',
  '18446744073709551615',
  '-9223372036854775808',
  '-9223372036854775809',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '.',
  '..',
  'Y\n',
  'N\n',
);

/** Arbitrary Unicode, and arbitrary UTF-16 code units (lone surrogates and NUL included). */
const unicodeValue = fc.string({ unit: 'binary', maxLength: 40 });
const codeUnitValue = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));

/** Names at and around the length `inject` takes, ASCII and not. */
export const lengthEdgeValue: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('a', 'é', '数', '😀'), fc.constantFrom(KSYM_NAME_LEN - 1, KSYM_NAME_LEN, KSYM_NAME_LEN + 1, 4096, 4097))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

/** Huge values: 100 KB and 400 KB, of digits, of spaces, of junk. */
export const hugeValue: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('1', ' ', 'x', '\n', 'é', '*?'), fc.constantFrom(100_000, 400_000), fc.constantFrom('', '1', '\n'))
  .map(([unit, length, tail]) => unit.repeat(length / unit.length) + tail);

/** Any string a user might write. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: tokenValue, weight: 5 },
  { arbitrary: digitValue, weight: 4 },
  { arbitrary: edgeValue, weight: 3 },
  { arbitrary: unicodeValue, weight: 2 },
  { arbitrary: codeUnitValue, weight: 2 },
  { arbitrary: lengthEdgeValue, weight: 1 },
  { arbitrary: hugeValue, weight: 1 },
);

/** A value that is not a string, as JavaScript callers (and `as any`) can pass. */
export const nonStringValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, true, false, 0, 1, -1, 100, Number.NaN, Infinity, 1n, 18446744073709551615n, Symbol('x'), [], ['1'], {}),
  fc.constantFrom<() => unknown>(
    () => ({ toString: () => '1' }),
    () => new String('1'),
    () => Buffer.from('1'),
    () => () => '1',
    () => new Date(0),
    () => Object.create(null) as object,
  ).map((make) => make()),
);

/** The kernel's mount point of each tree. */
const MOUNT = { debugfs: '/sys/kernel/debug', procfs: '/proc' } as const;
const OTHER_MOUNT = { debugfs: '/proc', procfs: '/sys/kernel/debug' } as const;

/** How a path can be mangled: each takes the path's names and gives a path. */
const MANGLES: ReadonlyArray<(names: readonly string[], tree: 'debugfs' | 'procfs') => string> = [
  (n) => n.join('/'),
  (n) => `/${n.join('/')}`,
  (n) => `//${n.join('//')}`,
  (n) => `${n.join('///')}`,
  (n, t) => `${MOUNT[t]}/${n.join('/')}`,
  (n, t) => `${MOUNT[t]}//${n.join('/')}`,
  (n, t) => `${MOUNT[t]}${n.join('/')}`,
  (n, t) => `${MOUNT[t]}/${MOUNT[t]}/${n.join('/')}`,
  (n, t) => `${OTHER_MOUNT[t]}/${n.join('/')}`,
  (n) => `${n.join('/')}/`,
  (n) => `${n.join('/')}//`,
  (n) => `${n.join('/')}/.`,
  (n) => `${n.join('/')}/..`,
  (n) => `./${n.join('/')}`,
  (n) => `../${n.join('/')}`,
  (n) => n.join('/./'),
  (n) => [n[0] as string, '..', ...n].join('/'),
  (n) => [n[0] as string, '.', '..', ...n].join('/'),
  (n, t) => `${MOUNT[t]}/../${MOUNT[t].slice(1)}/${n.join('/')}`,
  (n) => `${n.join('/')}\0`,
  (n) => `\0${n.join('/')}`,
  (n) => n.join('\0/'),
  (n) => n.join('\\'),
  (n) => n.join('/').toUpperCase(),
  (n) => `${n.join('/')} `,
  (n) => ` ${n.join('/')}`,
  (n) => `${n.join('/')}\n`,
  (n) => n.join('/').normalize('NFKC').replace(/a/g, 'ａ'),
  (n) => `${'/'.repeat(100_000)}${n.join('/')}`,
  (n) => `${n.join('/')}/${'x'.repeat(400_000)}`,
  (n) => `${'x'.repeat(400_000)}/${n.join('/')}`,
  (n) => `${n.join('/')}${'x'.repeat(400_000)}`,
  (n) => `${'./'.repeat(50_000)}${n.join('/')}`,
  (n) => `${n.join('/')}${'/..'.repeat(10)}`,
];

/** How many ways {@link mangledPath} has. */
export const MANGLE_COUNT = MANGLES.length;

/**
 * A path mangled in one of the ways a user could write it.
 *
 * @param path - a path in its plain form, `fail_function/probability`
 * @param tree - which tree it is in (for the mount points)
 * @param how - which mangling, 0 to {@link MANGLE_COUNT} - 1
 */
export function mangledPath(path: string, tree: 'debugfs' | 'procfs', how: number): string {
  const names = path.split('/').filter((name) => name !== '');
  return (MANGLES[how] as (names: readonly string[], tree: 'debugfs' | 'procfs') => string)(names.length === 0 ? [''] : names, tree);
}
