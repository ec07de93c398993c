/**
 * The kernel's string-to-integer parsers (`lib/kstrtox.c`), which every numeric file of the control
 * tree uses: automatic base (`0x` hex, leading `0` octal, decimal otherwise), an optional `+`, at most
 * one trailing newline, nothing else; ERANGE on overflow, EINVAL for anything that is not a number.
 *
 * Values are bigints so that 64-bit results are exact. A parse returns its result or the errno name
 * of the refusal; the caller turns that into an error that names the path and the value.
 */

/** The errno names a parse can refuse with. */
export type ParseError = 'EINVAL' | 'ERANGE';

/** A parsed value, or the errno name of the refusal. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ParseError };

const U64_MAX = (1n << 64n) - 1n;
const S64_MAX = (1n << 63n) - 1n;
const U32_MAX = (1n << 32n) - 1n;
const S32_MIN = -(1n << 31n);
const S32_MAX = (1n << 31n) - 1n;

function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}
function fail<T>(code: ParseError): ParseResult<T> {
  return { ok: false, code };
}

/**
 * What a `write()` hands the kernel's parser: at most `limit` bytes of the UTF-8 input (the size of
 * the kernel's copy buffer), ending at the first NUL as a C string would.
 *
 * @param input - the written value
 * @param limit - how many bytes the kernel copies for this file
 * @returns the bytes as a one-char-per-byte string
 */
export function kernelBuffer(input: string, limit: number): string {
  let text = input;
  // Fast path: plain ASCII within the limit, which is nearly every write.
  if (text.length > limit || /[^\x01-\x7f]/.test(text)) {
    text = Buffer.from(text, 'utf8').subarray(0, limit).toString('latin1');
  }
  const nul = text.indexOf('\0');
  return nul === -1 ? text : text.slice(0, nul);
}

/**
 * What a write to a file of names hands on: at most `limit` characters of the input as written,
 * ending at the first NUL as a C string would. Names are compared as the user wrote them (`café`,
 * `数据.打开`), so the text is never turned into bytes, and the limit counts what the registry of
 * injectable names counts: UTF-16 code units, a JavaScript string's `length`.
 *
 * @param input - the written value
 * @param limit - how many characters the file takes
 * @returns the text, cut
 */
export function kernelText(input: string, limit: number): string {
  const text = input.length > limit ? input.slice(0, limit) : input;
  const nul = text.indexOf('\0');
  return nul === -1 ? text : text.slice(0, nul);
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return 99;
}

function isXDigit(ch: string | undefined): boolean {
  return ch !== undefined && digitValue(ch.charCodeAt(0)) < 16;
}

/**
 * `_kstrtoull`: no sign handling, automatic base, one trailing newline.
 */
function parseUnsigned(s: string): ParseResult<bigint> {
  let base = 10;
  let i = 0;
  if (s[0] === '0') {
    if ((s[1] === 'x' || s[1] === 'X') && isXDigit(s[2])) {
      base = 16;
      i = 2;
    } else {
      base = 8;
    }
  }
  const big = BigInt(base);
  let value = 0n;
  let digits = 0;
  let overflow = false;
  for (; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= base) break;
    value = value * big + BigInt(d);
    if (value > U64_MAX) overflow = true;
    digits++;
  }
  // The kernel reports overflow before it looks at what follows the digits.
  if (overflow) return fail('ERANGE');
  if (digits === 0) return fail('EINVAL');
  if (s[i] === '\n') i++;
  if (i !== s.length) return fail('EINVAL');
  return ok(value);
}

/**
 * `kstrtoull(s, 0)`: an unsigned 64-bit integer.
 *
 * @param s - the input, already cut to the kernel's buffer size
 * @returns the value, or EINVAL / ERANGE
 */
export function kstrtoull(s: string): ParseResult<bigint> {
  return parseUnsigned(s[0] === '+' ? s.slice(1) : s);
}

/**
 * `kstrtoll(s, 0)`: a signed 64-bit integer; `-` is allowed, `-0x10` is -16.
 *
 * @param s - the input, already cut to the kernel's buffer size
 * @returns the value, or EINVAL / ERANGE
 */
export function kstrtoll(s: string): ParseResult<bigint> {
  if (s[0] === '-') {
    const r = parseUnsigned(s.slice(1));
    if (!r.ok) return r;
    return r.value > S64_MAX + 1n ? fail('ERANGE') : ok(-r.value);
  }
  const r = kstrtoull(s);
  if (!r.ok) return r;
  return r.value > S64_MAX ? fail('ERANGE') : r;
}

/**
 * `kstrtouint(s, 0)`: an unsigned 32-bit integer.
 *
 * @param s - the input, already cut to the kernel's buffer size
 * @returns the value, or EINVAL / ERANGE
 */
export function kstrtouint(s: string): ParseResult<number> {
  const r = kstrtoull(s);
  if (!r.ok) return r;
  return r.value > U32_MAX ? fail('ERANGE') : ok(Number(r.value));
}

/**
 * `kstrtoint(s, 0)`: a signed 32-bit integer.
 *
 * @param s - the input, already cut to the kernel's buffer size
 * @returns the value, or EINVAL / ERANGE
 */
export function kstrtoint(s: string): ParseResult<number> {
  const r = kstrtoll(s);
  if (!r.ok) return r;
  return r.value < S32_MIN || r.value > S32_MAX ? fail('ERANGE') : ok(Number(r.value));
}

/**
 * The kernel's `strstrip`: leading and trailing C whitespace removed.
 *
 * @param s - any string
 * @returns it without surrounding space, tab, newline, vertical tab, form feed or carriage return
 */
export function strstrip(s: string): string {
  // A scan from each end, not a regular expression: /\s+$/ backtracks over every run of spaces that
  // is not at the end, quadratic in a long value.
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** The kernel's `isspace` in the C locale: space, \t, \n, \v, \f, \r. */
function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/**
 * A boolean as this project accepts it: `Y/N`, `y/n`, `1/0`, `on/off`, `true/false` (any case), with at
 * most one trailing newline. The kernel looks only at the first characters and ignores anything
 * else without an error; the contract refuses it with EINVAL instead.
 *
 * @param s - the input
 * @returns the value, or EINVAL
 */
export function parseBool(s: string): ParseResult<boolean> {
  const word = (s.endsWith('\n') ? s.slice(0, -1) : s).toLowerCase();
  switch (word) {
    case 'y':
    case '1':
    case 'on':
    case 'true':
      return ok(true);
    case 'n':
    case '0':
    case 'off':
    case 'false':
      return ok(false);
    default:
      return fail('EINVAL');
  }
}

/**
 * Truncates a 64-bit integer to a signed 32-bit one, as storing into a C `int` does.
 *
 * @param value - a value within the signed or unsigned 64-bit range
 * @returns its low 32 bits read as signed
 */
export function toInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/**
 * Truncates a 64-bit integer to an unsigned 32-bit one, as storing into a C `u32` does.
 *
 * @param value - a value within the 64-bit range
 * @returns its low 32 bits read as unsigned
 */
export function toUint32(value: bigint): number {
  return Number(BigInt.asUintN(32, value));
}
